package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.telemetry.Blocker;
import backstep.telemetry.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who blocks whom, and which blocker holds up this console's own run. */
class BlockersModelTest {
  private static Reading locks(List<Blocker> waiters, List<Blocker> blockers) {
    return new Reading(Instant.EPOCH, Map.of(), waiters, blockers, null);
  }

  @Test
  void aBlockerOfTheRunsSessionIsMarkedOnlyWhileARunIsInFlight() {
    Blocker run = new Blocker(20, "postgres", "waiting: active", "ALTER TABLE t ADD c int", 1500, List.of(),
        "backstep", "AccessExclusiveLock on t");
    Blocker app = new Blocker(21, "app", "waiting: active", "UPDATE t SET x = 1", 900, List.of(), "billing",
        "RowExclusiveLock on t");
    Blocker holder = new Blocker(10, "app", "idle in transaction", "SELECT * FROM t", 12000, List.of(20L, 21L),
        "billing", "");
    BlockersModel m = new BlockersModel();
    m.show(locks(List.of(run, app), List.of(holder)), true);
    assertEquals(3, m.rows().size());
    BlockerRow first = m.rows().get(0);
    assertTrue(first.blocker() && first.ownRun());
    assertEquals("blocks 20, 21", first.who());
    assertEquals("12.0 s", first.duration());
    assertTrue(m.blockingRunProperty().get());
    assertTrue(m.summaryProperty().get().contains("THE RUN IS BLOCKED"));

    m.show(locks(List.of(run, app), List.of(holder)), false);
    assertFalse(m.rows().get(0).ownRun(), "no run in flight: another console's session is not ours");
    m.show(locks(List.of(), List.of()), true);
    assertTrue(m.rows().isEmpty());
    assertEquals("no blocking sessions", m.summaryProperty().get());
  }
}
