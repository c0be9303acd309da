package backstep.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import backstep.testing.Await;
import backstep.testing.Cli;
import backstep.testing.MariaDbReplicaPair;
import backstep.testing.PgReplicaPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real streaming replica (a scratch primary and replica started by the test): its lag reads 0 while it keeps up,
 * rises while the stall_replication fault pauses its replay and the primary keeps writing, a guard on
 * replication_lag_s fires, and the lag falls back to 0 once the fault is undone.
 */
class ReplicaLagIT {
  @TempDir
  Path dir;

  @Test
  void lagRisesUnderAStalledPostgresReplicaAndTheGuardActs() throws Exception {
    assumeTrue(PgReplicaPair.unavailable() == null, PgReplicaPair::unavailable);
    try (PgReplicaPair pair = PgReplicaPair.start()) {
      Path targets = dir.resolve("targets.yaml");
      Files.writeString(targets, """
          targets:
            primary:
              url: %s
              user: postgres
              environment: staging
              replicas:
                r1: {url: "%s", user: postgres}
          """.formatted(pair.primaryUrl(), pair.replicaUrl()));
      Cli.Result watch = Cli.run("watch", "--targets", targets.toString(), "--target", "primary", "--count", "2",
          "--interval", "300");
      assertEquals(0, watch.exit(), watch::toString);
      assertTrue(watch.out().contains("   replica r1: lag 0 s"), "watch reads the replicas of targets.yaml: " + watch);
      stallAndGuard(pair.primaryUrl(), pair.replicaUrl(), "postgres", pair::primary, pair::replica,
          "CREATE TABLE ticks (id serial PRIMARY KEY, at timestamptz DEFAULT now())", "pg_wal_replay_pause()",
          "SELECT pg_is_wal_replay_paused()");
    }
  }

  @Test
  void lagRisesUnderAStalledMariaDbReplicaAndTheGuardActs() throws Exception {
    assumeTrue(MariaDbReplicaPair.unavailable() == null, MariaDbReplicaPair::unavailable);
    try (MariaDbReplicaPair pair = MariaDbReplicaPair.start()) {
      try (Connection c = pair.primary(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE bs_repl");
      }
      stallAndGuard(pair.primaryUrl(), pair.replicaUrl(), "root", pair::primary, pair::replica,
          "CREATE TABLE bs_repl.ticks (id INT AUTO_INCREMENT PRIMARY KEY, at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
          "STOP SLAVE SQL_THREAD", null);
    }
  }

  interface Connector {
    Connection get() throws SQLException;
  }

  private static void stallAndGuard(String primaryUrl, String replicaUrl, String user, Connector primary,
      Connector replica, String createTable, String how, String pausedSql) throws Exception {
    // pausedSql: how the replica says its replay is paused (null: SHOW SLAVE STATUS's Slave_SQL_Running)
    String ticks = createTable.contains("bs_repl.") ? "bs_repl.ticks" : "ticks";
    TargetSpec spec = new TargetSpec("primary", primaryUrl, user, null, EnvironmentClass.SANDBOX);
    try (Database db = Database.open(spec, null, Path.of("target"), false)) {
      db.useReplicas(List.of(new ReplicaSpec("r1", replicaUrl, user, null)));
      List<GuardEvent> actions = new CopyOnWriteArrayList<>();
      CountDownLatch acted = new CountDownLatch(1);
      GuardRule rule = new GuardRule("replication_lag_s", "latest", Duration.ofSeconds(1), 2, false,
          Duration.ofSeconds(1), GuardRule.Action.ROLLBACK, 1);
      try (Telemetry t = Telemetry.start(db, Clock.systemUTC(), Duration.ofMillis(250), null);
          GuardMonitor guard = new GuardMonitor(List.of(rule), t, Clock.systemUTC(), e -> { }, e -> {
            actions.add(e);
            acted.countDown();
          })) {
        waitFor(() -> Double.valueOf(0).equals(t.replicaLags().get("r1")), "the replica caught up: lag 0");
        guard.arm(Duration.ZERO);
        Fault stall = Faults.create(new Drill.FaultSpec(0, Drill.FaultKind.STALL_REPLICATION, null, null,
            Map.of("replica", "r1")), db, () -> -1);
        assertEquals("stalled replication on replica r1 (" + how + ")", stall.inject());
        try (Connection c = primary.get(); Statement st = c.createStatement()) {
          // the first transaction comes after the stall: regression, a PostgreSQL replica that had replayed no
          // transaction since it started has no pg_last_xact_replay_timestamp(), and its lag used to read 0
          st.execute(createTable);
          // the primary keeps writing, a tick every 100 ms, until the guard acts (at most 15 s)
          ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
          try {
            Future<?> writes = writer.scheduleAtFixedRate(() -> {
              try {
                st.execute("INSERT INTO " + ticks + " (id) VALUES (DEFAULT)");
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            }, 0, 100, TimeUnit.MILLISECONDS);
            acted.await(15, TimeUnit.SECONDS);
            if (writes.isDone()) {
              writes.get(); // a write that failed fails the test with its error
            }
          } finally {
            writer.shutdownNow();
            writer.awaitTermination(10, TimeUnit.SECONDS);
          }
        }
        assertEquals(1, actions.size(), () -> "the guard on replication_lag_s acted; lags " + t.replicaLags()
            + " series " + t.series(Metric.REPLICATION_LAG_S, Duration.ofSeconds(20)));
        assertTrue(actions.get(0).value() > 2, actions.get(0)::toString);
        assertTrue(t.replicaLags().get("r1") > 2, t.replicaLags()::toString);
        assertTrue(paused(replica, pausedSql), "stalled on the replica itself");
        assertEquals("resumed replication on replica r1", stall.undo());
        waitFor(() -> Double.valueOf(0).equals(t.replicaLags().get("r1")), "caught up again after the fault");
        assertFalse(paused(replica, pausedSql), "replaying again");
      }
    }
  }

  private static boolean paused(Connector replica, String sql) throws Exception {
    try (Connection r = replica.get(); Statement st = r.createStatement()) {
      if (sql == null) { // MariaDB: the SQL thread stopped
        try (ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
          rs.next();
          return "No".equals(rs.getString("Slave_SQL_Running"));
        }
      }
      try (ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static void waitFor(Callable<Boolean> condition, String what) {
    Await.until(what, Duration.ofSeconds(20), condition);
  }
}
