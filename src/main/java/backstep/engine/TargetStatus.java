package backstep.engine;

import backstep.state.RunState;
import java.time.Instant;
import java.util.List;

/**
 * The state of a target as the ledger explains it: per playbook, its latest run, which steps are in effect, and
 * for a half-applied run what happened and what to do next.
 *
 * @param busyBy who holds the target's run lock now, or null when nobody does
 */
public record TargetStatus(
    String target,
    String environment,
    String server,
    String busyBy,
    List<PlaybookState> playbooks) {

  /** The latest run of one playbook on the target. */
  public record PlaybookState(
      String playbookId,
      int version,
      String changeId,
      String runId,
      RunState state,
      boolean interrupted,
      String operator,
      Instant startedAt,
      Instant endedAt,
      List<StepResult> steps,
      String explanation,
      backstep.ledger.RunTags tags,
      Proof proof) {

    public PlaybookState {
      tags = tags == null ? backstep.ledger.RunTags.NONE : tags;
    }

    /** A state without a rollback proof. */
    public PlaybookState(String playbookId, int version, String changeId, String runId, RunState state,
        boolean interrupted, String operator, Instant startedAt, Instant endedAt, List<StepResult> steps,
        String explanation, backstep.ledger.RunTags tags) {
      this(playbookId, version, changeId, runId, state, interrupted, operator, startedAt, endedAt, steps,
          explanation, tags, null);
    }

    /**
     * For a run {@code backstep adopt} recorded (another tool applied the migration): that tool's format
     * ({@code flyway}, {@code liquibase}, …); null for a run of Backstep's own.
     */
    public String adoptedFrom() {
      return tags.labels().get(Adopter.TAG);
    }

    /** Whether the run was rolled back and its proof found differences from before it. */
    public boolean different() {
      return proof != null && proof.verdict() == Proof.Verdict.DIFFERENT;
    }

    /** A state without tags. */
    public PlaybookState(String playbookId, int version, String changeId, String runId, RunState state,
        boolean interrupted, String operator, Instant startedAt, Instant endedAt, List<StepResult> steps,
        String explanation) {
      this(playbookId, version, changeId, runId, state, interrupted, operator, startedAt, endedAt, steps,
          explanation, null);
    }
  }

  public boolean halfApplied() {
    return playbooks.stream().anyMatch(p -> !p.state().settled());
  }

  /** Whether a playbook's latest run was rolled back with differences from the fingerprint taken before it. */
  public boolean different() {
    return playbooks.stream().anyMatch(PlaybookState::different);
  }
}
