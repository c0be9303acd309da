package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import backstep.testing.Cli;
import backstep.testing.MariaDbReplicaPair;
import backstep.testing.PgReplicaPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An observe step with {@code wait_for_replicas} on a real primary and replica: while the replica keeps up the step
 * passes once the replica has the change (so what follows sees it there too); while its replay is stalled the step
 * fails at the timeout naming the replica and how far it got, and the rollback on failure leaves the target as it was.
 * The step that must pass has 60 s, which it does not wait out (it passes when the replica has the change); the one
 * that must fail waits 1 s for a replica that cannot catch up (its replay is stalled), the only span it waits for
 * something not to happen. Both had 4 s: a loaded machine could miss the first, and the second waited 3 s more
 * than its proof needs.
 */
class ReplicaWaitIT {
  private static final String PLAYBOOK = """
      id: replicated-%1$s
      title: A change the replicas must have before its checks
      intent: test wait_for_replicas
      steps:
        - id: create
          kind: sql
          title: Create the table
          forward: CREATE TABLE %1$s (id INT PRIMARY KEY)
          rollback: DROP TABLE %1$s
        - id: fill
          kind: sql
          title: Fill it
          forward: INSERT INTO %1$s (id) VALUES (1), (2), (3)
          rollback: DELETE FROM %1$s
        - id: replicas
          kind: observe
          title: Wait for the replicas
          wait_for_replicas: %2$s
      """;

  @TempDir
  Path dir;

  @Test
  void postgresWaitsForItsStreamingReplica() throws Exception {
    assumeTrue(PgReplicaPair.unavailable() == null, PgReplicaPair::unavailable);
    try (PgReplicaPair pair = PgReplicaPair.start()) {
      run(pair.primaryUrl(), pair.replicaUrl(), "postgres", pair::replica, "SELECT pg_wal_replay_pause()",
          "SELECT pg_wal_replay_resume()", "has replayed up to");
    }
  }

  @Test
  void mariaDbWaitsForItsReplica() throws Exception {
    assumeTrue(MariaDbReplicaPair.unavailable() == null, MariaDbReplicaPair::unavailable);
    try (MariaDbReplicaPair pair = MariaDbReplicaPair.start()) {
      try (Connection c = pair.primary(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE bs_repl");
      }
      pair.awaitCaughtUp();
      run(pair.primaryUrl(), pair.replicaUrl(), "root", pair::replica, "STOP SLAVE SQL_THREAD",
          "START SLAVE SQL_THREAD", "has applied up to");
    }
  }

  interface Connector {
    Connection get() throws java.sql.SQLException;
  }

  private void run(String primaryUrl, String replicaUrl, String user, Connector replica, String stall, String resume,
      String behindWords) throws Exception {
    boolean pg = primaryUrl.startsWith("jdbc:postgresql:");
    Path targets = dir.resolve("targets.yaml");
    Files.writeString(targets, """
        targets:
          primary:
            url: "%s"
            user: %s
            environment: sandbox
            replicas:
              r1: {url: "%s", user: %s}
        """.formatted(primaryUrl, user, replicaUrl, user));
    Path kept = dir.resolve("kept.yaml");
    Files.writeString(kept, PLAYBOOK.formatted("kept", "60s"));
    Cli.Result ok = Cli.run("apply", kept.toString(), "--yes", "--targets", targets.toString(), "--target",
        "primary");
    assertEquals(0, ok.exit(), ok::toString);
    assertTrue(ok.err().contains("replicas caught up with"), ok::toString);
    try (Connection r = replica.get(); Statement st = r.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + (pg ? "" : "bs_repl.") + "kept")) {
      rs.next();
      assertEquals(3, rs.getInt(1), "once the step passed, the replica has every row");
    }

    try (Connection r = replica.get(); Statement st = r.createStatement()) {
      st.execute(stall);
    }
    try {
      Path behind = dir.resolve("behind.yaml");
      Files.writeString(behind, PLAYBOOK.formatted("behind", "1s"));
      Cli.Result fail = Cli.run("apply", behind.toString(), "--yes", "--rollback-on-failure", "--targets",
          targets.toString(), "--target", "primary");
      assertEquals(1, fail.exit(), fail::toString);
      String all = fail.out() + fail.err();
      assertTrue(all.contains("replicas did not catch up with"), fail::toString);
      assertTrue(all.contains("r1 " + behindWords), fail::toString);
      assertTrue(all.contains("ROLLED BACK") || all.contains("rolled back"), fail::toString);
      assertFalse(all.contains("Exception"), fail::toString);
    } finally {
      try (Connection r = replica.get(); Statement st = r.createStatement()) {
        st.execute(resume);
      }
    }
  }
}
