package backstep.engine;

import java.time.Duration;
import java.util.List;

/** The outcome of apply, rollback or resume: a value the CLI prints, the UI renders and reports format. */
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
    List<CheckOutcome> checks) {

  public boolean ok() {
    return state == RunState.APPLIED || state == RunState.ROLLED_BACK || state == RunState.PAUSED;
  }
}
