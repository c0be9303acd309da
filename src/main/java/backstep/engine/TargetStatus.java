package backstep.engine;

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
      backstep.ledger.RunTags tags) {

    public PlaybookState {
      tags = tags == null ? backstep.ledger.RunTags.NONE : tags;
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
}
