package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lock checks run on the timer the engine was given, not on a static one (regression: issue 14, item 7). */
class LockWatchTest {
  /** A real timer that remembers what it was asked to schedule. */
  static final class RecordingTimer extends ScheduledThreadPoolExecutor {
    final List<Long> delays = new ArrayList<>();

    RecordingTimer() {
      super(1);
      setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable r, long initial, long delay, TimeUnit unit) {
      delays.add(unit.toMillis(delay));
      return super.scheduleWithFixedDelay(r, initial, delay, unit);
    }
  }

  @Test
  void checksAreScheduledOnTheInjectedTimerAndCancelledWithTheStatement() {
    RecordingTimer timer = new RecordingTimer();
    try {
      LockWatch watch = new LockWatch(null, 42, timer);
      watch.arm(Duration.ofMillis(400));
      assertEquals(List.of(400L), timer.delays);
      assertEquals(1, timer.getQueue().size());
      watch.disarm();
      assertTrue(timer.getQueue().isEmpty(), "disarm cancels the pending check");
      watch.arm(Duration.ofMillis(5));
      assertEquals(List.of(400L, 20L), timer.delays, "never more often than every 20 ms");
      watch.disarm();
    } finally {
      timer.shutdownNow();
    }
  }
}
