package backstep.engine;

import backstep.guard.GuardEvent;
import backstep.integrity.CheckProgress;
import backstep.telemetry.Reading;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several run listeners as one, called in order (the CLI's progress first, then the metrics endpoint and the
 * notifier). A listener that throws does not keep the others from hearing the event, and never fails the run:
 * presentation must not change a change.
 */
public final class RunListeners implements RunListener {
  private final List<RunListener> all;

  private RunListeners(List<RunListener> all) {
    this.all = all;
  }

  /** The listeners given (nulls left out) as one; a single one is returned as it is. */
  public static RunListener of(RunListener... listeners) {
    List<RunListener> l = java.util.Arrays.stream(listeners).filter(java.util.Objects::nonNull).toList();
    return l.size() == 1 ? l.get(0) : new RunListeners(l);
  }

  private void each(Consumer<RunListener> call) {
    for (RunListener l : all) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        // one listener's failure is its own; the run and the other listeners go on
      }
    }
  }

  @Override
  public void runStarted(String changeId, String playbookId, String target, Direction direction) {
    each(l -> l.runStarted(changeId, playbookId, target, direction));
  }

  @Override
  public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
    each(l -> l.stepStarted(index, total, stepId, title, direction));
  }

  @Override
  public void statementDone(String stepId, int done, int total, long rows, Duration took) {
    each(l -> l.statementDone(stepId, done, total, rows, took));
  }

  @Override
  public void retrying(String stepId, int attempt, int maxAttempts, Duration wait, String reason) {
    each(l -> l.retrying(stepId, attempt, maxAttempts, wait, reason));
  }

  @Override
  public void stepFinished(StepResult result, Direction direction) {
    each(l -> l.stepFinished(result, direction));
  }

  @Override
  public void note(String message) {
    each(l -> l.note(message));
  }

  @Override
  public void gateWaiting(String stepId, String prompt, boolean approval) {
    each(l -> l.gateWaiting(stepId, prompt, approval));
  }

  @Override
  public void sampled(Reading reading) {
    each(l -> l.sampled(reading));
  }

  @Override
  public void checkDone(CheckOutcome outcome) {
    each(l -> l.checkDone(outcome));
  }

  @Override
  public void guardsArmed(List<backstep.playbook.GuardRule> rules) {
    each(l -> l.guardsArmed(rules));
  }

  @Override
  public void guard(String description) {
    each(l -> l.guard(description));
  }

  @Override
  public void guardEvent(GuardEvent event) {
    each(l -> l.guardEvent(event));
  }

  @Override
  public void workSession(long sessionId) {
    each(l -> l.workSession(sessionId));
  }

  @Override
  public void runFinished(RunResult result) {
    each(l -> l.runFinished(result));
  }

  /** The first listener that shows check progress. */
  @Override
  public CheckProgress checkProgress() {
    for (RunListener l : all) {
      CheckProgress p = l.checkProgress();
      if (p != CheckProgress.NONE) {
        return p;
      }
    }
    return CheckProgress.NONE;
  }
}
