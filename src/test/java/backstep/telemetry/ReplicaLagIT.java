package backstep.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.ReplicaSpec;
import backstep.db.TargetSpec;
import backstep.drill.Drill;
import backstep.drill.fault.Fault;
import backstep.drill.fault.Faults;
import backstep.guard.GuardEvent;
import backstep.guard.GuardMonitor;
import backstep.playbook.GuardRule;
import backstep.testing.PgReplicaPair;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A real streaming replica (a scratch primary and replica started by the test): its lag reads 0 while it keeps up,
 * rises while the stall_replication fault pauses its replay and the primary keeps writing, a guard on
 * replication_lag_s fires, and the lag falls back to 0 once the fault is undone.
 */
class ReplicaLagIT {
  @Test
  void lagRisesUnderAStalledReplicaAndTheGuardActs() throws Exception {
    assumeTrue(PgReplicaPair.unavailable() == null, PgReplicaPair::unavailable);
    try (PgReplicaPair pair = PgReplicaPair.start()) {
      try (Connection c = pair.primary(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE ticks (id serial PRIMARY KEY, at timestamptz DEFAULT now())");
      }
      TargetSpec spec = new TargetSpec("primary", pair.primaryUrl(), "postgres", null, EnvironmentClass.SANDBOX);
      try (Database db = Database.open(spec, null, Path.of("target"), false)) {
        db.useReplicas(List.of(new ReplicaSpec("r1", pair.replicaUrl(), "postgres", null)));
        List<GuardEvent> actions = new CopyOnWriteArrayList<>();
        GuardRule rule = new GuardRule("replication_lag_s", "latest", Duration.ofSeconds(1), 2, false,
            Duration.ofSeconds(1), GuardRule.Action.ROLLBACK, 1);
        try (Telemetry t = Telemetry.start(db, Clock.systemUTC(), Duration.ofMillis(250), null);
            GuardMonitor guard = new GuardMonitor(List.of(rule), t, Clock.systemUTC(), e -> { }, actions::add)) {
          waitFor(() -> Double.valueOf(0).equals(t.replicaLags().get("r1")), "the replica caught up: lag 0");
          guard.arm(Duration.ZERO);
          Fault stall = Faults.create(new Drill.FaultSpec(0, Drill.FaultKind.STALL_REPLICATION, null, null,
              Map.of("replica", "r1")), db, () -> -1);
          assertEquals("stalled replication on replica r1 (pg_wal_replay_pause())", stall.inject());
          try (Connection c = pair.primary(); Statement st = c.createStatement()) {
            long until = System.nanoTime() + 15_000_000_000L;
            while (actions.isEmpty() && System.nanoTime() < until) {
              st.execute("INSERT INTO ticks DEFAULT VALUES");
              Thread.sleep(100);
            }
          }
          assertEquals(1, actions.size(), "the guard on replication_lag_s acted");
          assertTrue(actions.get(0).value() > 2, actions.get(0)::toString);
          assertTrue(t.replicaLags().get("r1") > 2, t.replicaLags()::toString);
          try (Connection r = pair.replica(); Statement st = r.createStatement();
              var rs = st.executeQuery("SELECT pg_is_wal_replay_paused()")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "paused on the replica itself");
          }
          assertEquals("resumed replication on replica r1", stall.undo());
          waitFor(() -> Double.valueOf(0).equals(t.replicaLags().get("r1")), "caught up again after the fault");
        }
      }
    }
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long until = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(100);
    }
  }
}
