package backstep.ui.run;

import backstep.engine.CheckOutcome;
import backstep.engine.Direction;
import backstep.engine.RunListener;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.ui.fx.Drain;
import java.time.Clock;
import java.time.Duration;

/** The console's {@link RunListener}: turns each call into a {@link RunEvent} and buffers it; never blocks. */
final class EngineEvents implements RunListener {
  private final Drain<RunEvent> drain;
  private final Clock clock;

  EngineEvents(Drain<RunEvent> drain, Clock clock) {
    this.drain = drain;
    this.clock = clock;
  }

  @Override
  public void runStarted(String changeId, String playbookId, String target, Direction direction) {
    drain.offer(new RunEvent.RunStarted(clock.instant(), changeId, playbookId, target, direction));
  }

  @Override
  public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
    drain.offer(new RunEvent.StepStarted(clock.instant(), index, total, stepId, title, direction));
  }

  @Override
  public void statementDone(String stepId, int done, int total, long rows, Duration took) {
    drain.offer(new RunEvent.StatementDone(clock.instant(), stepId, done, total, rows, took));
  }

  @Override
  public void observing(String stepId, Duration left, Duration total, int samples, int needed,
      java.util.List<String> guardLines) {
    drain.offer(new RunEvent.Observing(clock.instant(), stepId, left, total, samples, needed, guardLines));
  }

  @Override
  public void retrying(String stepId, int attempt, int maxAttempts, Duration wait, String reason) {
    drain.offer(new RunEvent.Retrying(clock.instant(), stepId, attempt, maxAttempts, wait, reason));
  }

  @Override
  public void stepFinished(StepResult result, Direction direction) {
    drain.offer(new RunEvent.StepFinished(clock.instant(), result, direction));
  }

  @Override
  public void note(String message) {
    drain.offer(new RunEvent.Note(clock.instant(), message));
  }

  @Override
  public void checkDone(CheckOutcome outcome) {
    drain.offer(new RunEvent.Check(clock.instant(), outcome));
  }

  @Override
  public void guard(String description) {
    drain.offer(new RunEvent.Guard(clock.instant(), description));
  }

  @Override
  public void workSession(long sessionId) {
    drain.offer(new RunEvent.WorkSession(clock.instant(), sessionId));
  }

  @Override
  public void runFinished(RunResult result) {
    drain.offer(new RunEvent.RunFinished(clock.instant(), result));
  }
}
