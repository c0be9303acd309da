package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Await;
import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 14 item 8): when a DBA kills the step's MariaDB connection, the run says "the connection was
 * killed" — not the driver's "No operations allowed after statement closed", which came from resetting the session
 * guards on the dead connection and hid the real failure — and the server version reads "10.11.x-MariaDB", not the
 * handshake's "5.5.5-10.11.x".
 */
class KilledConnectionIT {
  @TempDir
  Path dir;

  @Test
  void aKilledMariaDbConnectionIsNamedAsSuch() throws Exception {
    Path pb = dir.resolve("slow.yaml");
    Files.writeString(pb, """
        id: slow-invoices
        title: A slow invoice change
        intent: Give the DBA time to kill the session.
        steps:
          - id: invoices
            kind: sql
            title: Create invoices, then wait
            forward: |
              CREATE TABLE invoices (id INT PRIMARY KEY);
              SELECT SLEEP(20);
            rollback: |
              SELECT 1;
              DROP TABLE invoices;
        """);
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      Path out = dir.resolve("out.txt");
      List<String> args = new ArrayList<>(List.of("apply", pb.toString(), "--yes"));
      args.addAll(db.cliArgs());
      try (ChildProcess child = ChildProcess.start(args, java.util.Map.of(), out)) {
        child.awaitLine("▶ invoices");
        killTheSleeper(db);
        assertEquals(1, child.waitFor(), child.seen());
        String printed = Files.readString(out) + child.seen();
        assertTrue(printed.contains("the connection was killed"), printed);
        assertFalse(printed.contains("No operations allowed"), printed);
      }
      Cli.Result status = Cli.on(db, "status");
      assertTrue(status.out().contains("MariaDB 10."), status::toString);
      assertFalse(status.out().contains("5.5.5-"), status::toString);
      assertEquals(0, Cli.on(db, "rollback", "--yes").exit());
    }
  }

  private static void killTheSleeper(ScratchDb db) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      Await.until("the step's SLEEP in the process list", Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
        try (ResultSet rs = st.executeQuery("SELECT id FROM information_schema.processlist "
            + "WHERE info LIKE 'SELECT SLEEP(20)%' AND db = DATABASE()")) {
          if (!rs.next()) {
            return false;
          }
          long id = rs.getLong(1);
          rs.close();
          st.execute("KILL CONNECTION " + id);
          return true;
        }
      });
    }
  }
}
