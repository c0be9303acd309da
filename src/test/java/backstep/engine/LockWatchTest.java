package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
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
    final List<Long> initials = new ArrayList<>();

    RecordingTimer() {
      super(1);
      setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable r, long initial, long delay, TimeUnit unit) {
      delays.add(unit.toMillis(delay));
      initials.add(unit.toMillis(initial));
      return super.scheduleWithFixedDelay(r, initial, delay, unit);
    }
  }

  @Test
  void checksAreScheduledOnTheInjectedTimerAndCancelledWithTheStatement() {
    RecordingTimer timer = new RecordingTimer();
    try {
      LockWatch watch = new LockWatch(null, DialectFamily.POSTGRESQL, 42, timer);
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

  /**
   * On MariaDB/MySQL the repeated checks come at least 150 ms apart, the first as soon as asked: InnoDB refills
   * INNODB_TRX only after 100 ms without a read, so checks every 50 ms (a 200 ms lock timeout's quarter) kept
   * reading the copy from before the wait began (found by LockInspectorIT's skip, session 11).
   */
  @Test
  void onInnoDbTheRepeatedChecksLeaveItTimeToRefillItsLockTables() {
    RecordingTimer timer = new RecordingTimer();
    try {
      LockWatch watch = new LockWatch(null, DialectFamily.MYSQL, 42, timer);
      watch.arm(Duration.ofMillis(50));
      assertEquals(List.of(LockWatch.INNODB_SPACING_MS), timer.delays, "checks at least 150 ms apart");
      assertEquals(50L, timer.initials.get(0), "the first check still comes when asked");
      watch.disarm();
      watch.arm(Duration.ofMillis(1000));
      assertEquals(1000L, timer.delays.get(1), "a longer period is kept");
      watch.disarm();
    } finally {
      timer.shutdownNow();
    }
  }
}
