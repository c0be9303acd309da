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
    m.show(locks(List.of(run, app), List.of(holder)), true, -1);
    assertEquals(3, m.rows().size());
    BlockerRow first = m.rows().get(0);
    assertTrue(first.blocker() && first.ownRun());
    assertEquals("blocks 20, 21", first.who());
    assertEquals("12.0 s", first.duration());
    assertTrue(m.blockingRunProperty().get());
    assertTrue(m.summaryProperty().get().contains("THE RUN IS BLOCKED"));

    m.show(locks(List.of(run, app), List.of(holder)), false, -1);
    assertFalse(m.rows().get(0).ownRun(), "no run in flight: another console's session is not ours");
    m.show(locks(List.of(), List.of()), true, -1);
    assertTrue(m.rows().isEmpty());
    assertEquals("no blocking sessions", m.summaryProperty().get());
  }

  @Test
  void onMariaDbTheRunsConnectionIsKnownByItsIdNotByAnApplicationName() {
    Blocker run = new Blocker(31, "root", "waiting: Updating", "UPDATE accounts SET owner = 'run'", 2000,
        List.of(), "", "Updating");
    Blocker holder = new Blocker(12, "root", "open transaction: Sleep", "(idle in transaction)", 9000,
        List.of(31L), "", "");
    BlockersModel m = new BlockersModel();
    m.show(locks(List.of(run), List.of(holder)), true, -1);
    assertFalse(m.blockingRunProperty().get(), "MariaDB names no application: without the run's id, not ours");

    m.show(locks(List.of(run), List.of(holder)), true, 31);
    assertTrue(m.rows().get(0).ownRun());
    assertTrue(m.rows().get(1).ownRun(), "the waiting row is the run's own connection");
    assertTrue(m.summaryProperty().get().contains("THE RUN IS BLOCKED"), m.summaryProperty().get());

    m.show(locks(List.of(run), List.of(holder)), true, 99);
    assertFalse(m.blockingRunProperty().get(), "another session's wait is not the run's");
  }
}
