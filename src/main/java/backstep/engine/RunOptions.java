package backstep.engine;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Options for one apply, rollback or resume.
 *
 * @param operator the person running it (defaults to the OS user)
 * @param approver a second person, where gates or the target's class require one
 * @param toStep apply up to and including this step, or roll back the steps after it; null for all
 * @param runId for rollback/resume: the run (or change id) to act on; null for the latest of the playbook
 * @param changeId the change identifier for a new run; null to generate one
 * @param pauseRequested asked after each forward step: when it answers true the run stops there, paused, as if
 *     {@code toStep} had been that step (the console's Pause); polled from the engine thread, so it must be
 *     thread-safe and must not block
 * @param tags free {@code key=value} tags for a new run (the playbook's git commit is added by the engine)
 * @param fingerprints whether a new run fingerprints the target (before the run and around each step) so that its
 *     rollback can be proven; off, a rollback is reported as unproven
 * @param sampled whether the run samples its target's telemetry even when no guard or canary asks for it (the
 *     metrics endpoint shows the samples: {@link RunListener#sampled}); a rollback samples only when asked
 * @param rollbackRequest where a person may ask a forward run (apply or resume) to stop at once and roll back, even
 *     while a step waits on a lock (the console's ROLL BACK during a run); a fresh, unasked one when null
 */
public record RunOptions(String operator, String approver, String toStep, String runId, String changeId,
    BooleanSupplier pauseRequested, Map<String, String> tags, boolean fingerprints, boolean sampled,
    RollbackRequest rollbackRequest) {
  private static final BooleanSupplier NEVER = () -> false;

  public RunOptions {
    pauseRequested = pauseRequested == null ? NEVER : pauseRequested;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    rollbackRequest = rollbackRequest == null ? new RollbackRequest() : rollbackRequest;
  }

  public RunOptions(String operator, String approver, String toStep, String runId, String changeId,
      BooleanSupplier pauseRequested, Map<String, String> tags, boolean fingerprints, boolean sampled) {
    this(operator, approver, toStep, runId, changeId, pauseRequested, tags, fingerprints, sampled, null);
  }

  public RunOptions(String operator, String approver, String toStep, String runId, String changeId,
      BooleanSupplier pauseRequested, Map<String, String> tags, boolean fingerprints) {
    this(operator, approver, toStep, runId, changeId, pauseRequested, tags, fingerprints, false);
  }

  public RunOptions(String operator, String approver, String toStep, String runId, String changeId,
      BooleanSupplier pauseRequested, Map<String, String> tags) {
    this(operator, approver, toStep, runId, changeId, pauseRequested, tags, true);
  }

  public RunOptions(String operator, String approver, String toStep, String runId, String changeId,
      BooleanSupplier pauseRequested) {
    this(operator, approver, toStep, runId, changeId, pauseRequested, Map.of());
  }

  public RunOptions withTags(Map<String, String> newTags) {
    return new RunOptions(operator, approver, toStep, runId, changeId, pauseRequested, newTags, fingerprints,
        sampled, rollbackRequest);
  }

  /** The same options with fingerprints on or off. */
  public RunOptions withFingerprints(boolean on) {
    return new RunOptions(operator, approver, toStep, runId, changeId, pauseRequested, tags, on, sampled,
        rollbackRequest);
  }

  /** The same options, sampling the target's telemetry throughout the run when {@code on}. */
  public RunOptions withSampling(boolean on) {
    return new RunOptions(operator, approver, toStep, runId, changeId, pauseRequested, tags, fingerprints, on,
        rollbackRequest);
  }

  /** The same options, with {@code r} where a person may ask the run to stop and roll back. */
  public RunOptions withRollbackRequest(RollbackRequest r) {
    return new RunOptions(operator, approver, toStep, runId, changeId, pauseRequested, tags, fingerprints, sampled,
        r);
  }

  public RunOptions(String operator, String approver, String toStep, String runId, String changeId) {
    this(operator, approver, toStep, runId, changeId, NEVER);
  }

  public static RunOptions defaults() {
    return new RunOptions(null, null, null, null, null);
  }
}
