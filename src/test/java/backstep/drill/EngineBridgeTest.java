package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.Direction;
import backstep.engine.RunListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 16, found item 5): a drill's timeline showed an unexplained 14–20 s gap between "target
 * fingerprinted; the change starts" and the engine's first event. The gap is the engine getting the run ready (run
 * lock, ledger schema and chain head, run record, telemetry) — on a busy machine mostly a cold JVM's first use of
 * those classes waiting for CPU. The timeline now says when the engine was asked and how long it took to start.
 */
class EngineBridgeTest {
  private static final Instant T0 = Instant.parse("2026-12-06T07:29:12.290Z");

  private static final class Manual extends Clock {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void theEnginesStartUpIsOnTheTimelineWithItsDuration() {
    Manual clock = new Manual();
    DrillSession s = new DrillSession(clock, new DrillListener() { });
    EngineBridge bridge = new EngineBridge(s, null, null, new RunListener() { });
    bridge.preparing();
    clock.now = T0.plusMillis(12_865);
    bridge.runStarted("CHG-1", "orders-drop-customer-index", "drill-repeat-pg", Direction.FORWARD);
    List<TimelineEvent> t = s.timeline();
    assertEquals(2, t.size(), t::toString);
    assertTrue(t.get(0).text().startsWith("the engine prepares the run: run lock, ledger"), t.get(0).text());
    assertEquals(T0, t.get(0).at());
    assertTrue(t.get(1).text().contains("(ready after 12.9 s)"), t.get(1).text());
  }
}
