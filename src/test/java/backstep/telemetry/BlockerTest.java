package backstep.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 16, found item 5): {@code watch} printed a lock wait of -1 ms. PostgreSQL's
 * {@code pg_stat_activity} snapshot is taken after the sampling statement's {@code now()}, so a session that began
 * waiting in between has a {@code state_change} after "now": its age came out negative.
 */
class BlockerTest {
  @Test
  void aWaitThatBeganAfterTheSamplersClockReadIsZeroNotNegative() {
    Blocker b = new Blocker(42, "app", "waiting: active", "UPDATE orders SET status = 'x'", -1, List.of());
    assertEquals(0, b.ageMs());
    assertEquals(0, new LockInspector.Locks(List.of(b), List.of()).longestWaitMs());
    assertEquals(1500, new Blocker(42, "app", "waiting", "q", 1500, List.of()).ageMs());
  }
}
