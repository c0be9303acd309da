package backstep.engine;

import backstep.state.RunState;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of apply, rollback or resume: a value the CLI prints, the UI renders and reports format. {@code proof}
 * says how a rollback was proven (null when the run did not roll back).
 */
public record RunResult(
    String runId,
    String changeId,
    String target,
    String playbookId,
    int playbookVersion,
    String playbookSha256,
    RunState state,
    String operator,
    String approver,
    Duration duration,
    List<StepResult> steps,
    String error,
    List<String> notes,
    List<CheckOutcome> checks,
    Proof proof) {

  /**
   * Whether the run ended as asked: applied, paused, or rolled back — and then not with differences from the
   * fingerprint taken before (a rollback Backstep could not prove is still a rollback, said to be unproven).
   */
  public boolean ok() {
    return (state == RunState.APPLIED || state == RunState.ROLLED_BACK || state == RunState.PAUSED) && !different();
  }

  /** Whether a rollback left differences from the fingerprint it was compared with. */
  public boolean different() {
    return proof != null && proof.verdict() == Proof.Verdict.DIFFERENT;
  }
}
