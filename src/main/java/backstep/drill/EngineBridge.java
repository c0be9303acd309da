package backstep.drill;

import backstep.engine.CheckOutcome;
import backstep.engine.Direction;
import backstep.engine.RunListener;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.guard.GuardEvent;
import backstep.playbook.GuardRule;
import backstep.state.StepState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's events as drill timeline events: steps, lock-timeout retries, failed steps and checks and guard
 * breaches (alerts), automatic rollbacks by guards or checks (decisions); fires step-bound faults; passes every
 * event on to the CLI's or console's own run listener.
 */
final class EngineBridge implements RunListener {
  private final DrillSession session;
  private final FaultSchedule faults;
  private final AutoOperator auto;
  private final RunListener next;
  private final AtomicLong workSession = new AtomicLong(-1);
  private volatile Direction direction = Direction.FORWARD;
  /** When the drill asked the engine to apply, until the engine says the run started; null otherwise. */
  private volatile java.time.Instant preparing;

  EngineBridge(DrillSession session, FaultSchedule faults, AutoOperator auto, RunListener next) {
    this.session = session;
    this.faults = faults;
    this.auto = auto;
    this.next = next;
  }

  /**
   * The drill asks the engine to apply: on the timeline, with what the engine does before its first event — the
   * seconds this takes on a busy machine were an unexplained gap (issue 16).
   */
  void preparing() {
    TimelineEvent e = session.record(TimelineEvent.Kind.PHASE, "engine", "the engine prepares the run: run lock, "
        + "ledger schema and chain head, run record, telemetry connection");
    preparing = e.at();
  }

  long workSession() {
    return workSession.get();
  }

  @Override
  public void workSession(long id) {
    workSession.set(id);
    next.workSession(id);
  }

  @Override
  public void runStarted(String changeId, String playbookId, String target, Direction d) {
    java.time.Instant asked = preparing;
    preparing = null;
    String ready = asked == null || d != Direction.FORWARD ? "" : String.format(java.util.Locale.ROOT,
        " (ready after %.1f s)", java.time.Duration.between(asked, session.now()).toMillis() / 1000.0);
    session.record(TimelineEvent.Kind.STEP, "engine", (d == Direction.FORWARD ? "applying " : "rolling back ")
        + playbookId + " on " + target + " (" + changeId + ")" + ready);
    next.runStarted(changeId, playbookId, target, d);
  }

  @Override
  public void stepStarted(int index, int total, String stepId, String title, Direction d) {
    next.stepStarted(index, total, stepId, title, d);
    direction = d;
    if (d == Direction.ROLLBACK && session.choice() == null) {
      session.decide(DrillSession.Choice.ROLLBACK, "engine", "the engine rolls back automatically");
    }
    session.record(TimelineEvent.Kind.STEP, "engine", (d == Direction.FORWARD ? "▶ " : "⟲ ") + stepId + ": "
        + title);
    if (d == Direction.FORWARD) {
      faults.stepStarted(stepId);
    }
  }

  @Override
  public void statementDone(String stepId, int done, int total, long rows, Duration took) {
    next.statementDone(stepId, done, total, rows, took);
    if (direction == Direction.FORWARD) {
      faults.statementDone(stepId, done, total, rows);
    }
  }

  @Override
  public void observing(String stepId, Duration left, Duration total, int samples, int needed,
      java.util.List<String> guardLines) {
    next.observing(stepId, left, total, samples, needed, guardLines);
  }

  @Override
  public void retrying(String stepId, int attempt, int max, Duration wait, String reason) {
    next.retrying(stepId, attempt, max, wait, reason);
    session.record(TimelineEvent.Kind.ALERT, "engine", "step '" + stepId + "' retry " + attempt + "/" + (max - 1)
        + ": " + reason);
    auto.alert(false);
  }

  @Override
  public void stepFinished(StepResult r, Direction d) {
    next.stepFinished(r, d);
    if (r.state() == StepState.FAILED || r.state() == StepState.ROLLBACK_FAILED) {
      session.record(TimelineEvent.Kind.ALERT, "engine", "step '" + r.id() + "' " + r.state().words() + ": "
          + r.error());
      auto.alert(true);
    } else {
      session.record(TimelineEvent.Kind.STEP, "engine", r.state().icon() + " " + r.id() + " " + r.state().words()
          + " (" + r.duration().toMillis() + " ms)");
    }
    if (d == Direction.FORWARD) {
      faults.stepFinished(r.id());
    }
  }

  @Override
  public void checkDone(CheckOutcome o) {
    next.checkDone(o);
    if (!o.passed() && !o.phase().equals("before")) {
      session.record(TimelineEvent.Kind.ALERT, "check", "check '" + o.name() + "' failed " + o.phase().replace('_',
          ' ') + ": " + o.value() + " (expected " + o.expected() + ")");
      auto.alert(true);
    }
  }

  @Override
  public void guardEvent(GuardEvent e) {
    next.guardEvent(e);
    switch (e.kind()) {
      case BREACH -> {
        session.record(TimelineEvent.Kind.ALERT, "guard", e.describe());
        auto.alert(false);
      }
      case SUSTAINED -> {
        session.record(TimelineEvent.Kind.ALERT, "guard", e.describe());
        if (e.rule().action() == GuardRule.Action.ROLLBACK) {
          session.decide(DrillSession.Choice.ROLLBACK, "guard", "guard rolls back automatically: "
              + e.rule().describe());
        } else {
          auto.alert(false);
        }
      }
      default -> session.record(TimelineEvent.Kind.PHASE, "guard", e.describe());
    }
  }

  @Override
  public void note(String message) {
    next.note(message);
    session.record(TimelineEvent.Kind.PHASE, "engine", message);
  }

  @Override
  public void runFinished(RunResult r) {
    next.runFinished(r);
    session.record(TimelineEvent.Kind.RUN, "engine", r.playbookId() + " " + r.state().words()
        + (r.error() == null ? "" : ": " + r.error()));
  }
}
