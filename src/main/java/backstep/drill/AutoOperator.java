package backstep.drill;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands in for the team when a drill runs headless: on the first alert after the incident (or only on a failed
 * step, per the drill's {@code auto.on}), waits the think time ({@code auto.after}) and takes the drill's expected
 * action. Guards and checks with their own actions may decide first; then it has nothing left to do.
 */
final class AutoOperator {
  static final String NAME = "auto-operator";
  private final Drill.Expected expected;
  private final DrillSession session;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean triggered = new AtomicBoolean();
  private final boolean enabled;

  /** @param enabled false when people decide (the console): then it never acts */
  AutoOperator(Drill.Expected expected, DrillSession session, ScheduledExecutorService timer, boolean enabled) {
    this.expected = expected;
    this.session = session;
    this.timer = timer;
    this.enabled = enabled;
  }

  /** An alert arrived; {@code stepFailed} when it is a failed step or run. */
  void alert(boolean stepFailed) {
    if (!enabled || session.incidentAt() == null || session.choice() != null) {
      return;
    }
    if (expected.auto().on() == Drill.AutoPolicy.Trigger.STEP_FAILED && !stepFailed) {
      return;
    }
    if (!triggered.compareAndSet(false, true)) {
      return;
    }
    session.acknowledge(NAME);
    timer.schedule(this::decide, expected.auto().after().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether a decision is on its way (the runner waits for it before settling). */
  boolean pending() {
    return triggered.get() && session.choice() == null;
  }

  private void decide() {
    if (expected.action() == Drill.Expected.Response.ROLLBACK) {
      session.rollback(NAME);
    } else {
      session.proceed(NAME);
    }
  }
}
