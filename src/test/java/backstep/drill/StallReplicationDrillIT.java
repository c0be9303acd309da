package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import backstep.db.Database;
import backstep.db.DemoSchema;
import backstep.db.EnvironmentClass;
import backstep.db.ReplicaSpec;
import backstep.db.TargetSpec;
import backstep.engine.Engine;
import backstep.engine.RunListener;
import backstep.engine.Sleeper;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.testing.MariaDbReplicaPair;
import backstep.testing.PgReplicaPair;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The sample drill stall-replication runs headless on a real primary and streaming replica (started by the test):
 * the fault pauses the replica's replay during the soak, the playbook's replication_lag_s guard rolls the change
 * back, the fault is undone, and the attempt scores complete, in order, with no committed write lost.
 */
class StallReplicationDrillIT {
  @Test
  void theStallReplicationDrillScoresOnAPostgresReplica() throws Exception {
    assumeTrue(PgReplicaPair.unavailable() == null, PgReplicaPair::unavailable);
    try (PgReplicaPair pair = PgReplicaPair.start()) {
      try (Connection c = pair.primary()) {
        DemoSchema.seed(c, org.jooq.SQLDialect.POSTGRES, false);
      }
      pair.awaitCaughtUp();
      drill(pair.primaryUrl(), pair.replicaUrl(), "postgres");
      try (Connection c = pair.replica(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_is_wal_replay_paused()")) {
        rs.next();
        assertFalse(rs.getBoolean(1), "the fault was undone: the replica replays again");
      }
    }
  }

  @Test
  void theStallReplicationDrillScoresOnAMariaDbReplica() throws Exception {
    assumeTrue(MariaDbReplicaPair.unavailable() == null, MariaDbReplicaPair::unavailable);
    try (MariaDbReplicaPair pair = MariaDbReplicaPair.start()) {
      try (Connection c = pair.primary(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE bs_repl");
        c.setCatalog("bs_repl");
        DemoSchema.seed(c, org.jooq.SQLDialect.MARIADB, false);
      }
      pair.awaitCaughtUp();
      drill(pair.primaryUrl(), pair.replicaUrl(), "root");
      try (Connection c = pair.replica(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
        rs.next();
        assertEquals("Yes", rs.getString("Slave_SQL_Running"), "the fault was undone: the replica applies again");
      }
    }
  }

  private static void drill(String primaryUrl, String replicaUrl, String user) throws Exception {
    Drill drill = new DrillLoader().load(Path.of("drills", "stall-replication.yaml"));
    TargetSpec spec = new TargetSpec("replicated", primaryUrl, user, null, EnvironmentClass.SANDBOX);
    try (Database db = Database.open(spec, null, Path.of("target"), false)) {
      db.useReplicas(List.of(new ReplicaSpec("orders-r1", replicaUrl, user, null)));
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      DrillResult r = new DrillRunner(engine, Clock.systemUTC()).run(drill,
          new PlaybookLoader(null).load(drill.playbook()), db, new DrillRunner.Options("ana",
              DrillRunner.Options.headless("ana").decisions(), true, new RunListener() { }), null);
      String why = String.join("\n", r.timeline().stream().map(e -> e.at() + " " + e.kind() + " " + e.source()
          + ": " + e.text()).toList()) + "\n" + r.score();
      assertEquals(RunState.ROLLED_BACK, r.finalState(), why);
      assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEvent.Kind.FAULT
          && e.text().contains("stalled replication on replica orders-r1")), why);
      assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEvent.Kind.DECISION
          && e.source().equals("guard") && e.text().contains("replication_lag_s") && !e.text().contains("ignored")),
          "the guard on the replicas' lag decided the rollback: " + why);
      DrillScore s = r.score();
      assertNotNull(s.detect(), why);
      assertNotNull(s.decide(), why);
      assertNotNull(s.restore(), why);
      assertTrue(s.detect().compareTo(s.decide()) <= 0 && s.decide().compareTo(s.restore()) <= 0, why);
      assertTrue(s.expectedResponse(), why);
      assertEquals(0, r.lostWrites().lost(), () -> r.lostWrites().toString());
      assertTrue(r.lostWrites().checked() > 0, r.lostWrites()::toString);
      assertTrue(r.passed(), why);
    }
  }
}
