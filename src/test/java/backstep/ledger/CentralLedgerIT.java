package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet with one central ledger: a PostgreSQL and a MariaDB target record their runs in a shared PostgreSQL
 * ledger, each with its own hash chain; the targets themselves hold no ledger tables; the run lock stays per target.
 */
class CentralLedgerIT {
  @TempDir
  Path dir;

  @Test
  void twoTargetsShareOneCentralLedgerWithAChainEach() throws Exception {
    try (ScratchDb central = ScratchDb.create(ScratchDb.Kind.POSTGRES);
        ScratchDb pg = ScratchDb.create(ScratchDb.Kind.POSTGRES);
        ScratchDb maria = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      Path targets = dir.resolve("targets.yaml");
      Files.writeString(targets, """
          ledger: fleet-ledger
          targets:
            fleet-ledger:
              url: %s
              user: postgres
              environment: staging
            orders-eu:
              url: %s
              user: postgres
              environment: sandbox
            orders-us:
              url: %s
              user: root
              environment: sandbox
          """.formatted(central.url(), pg.url(), maria.url()));
      for (String t : new String[] {"orders-eu", "orders-us"}) {
        assertEquals(0, Cli.run("seed", "--targets", targets.toString(), "--target", t).exit());
        Cli.Result apply = Cli.run("apply", "playbooks/add-email-verified.yaml", "--yes", "--targets",
            targets.toString(), "--target", t);
        assertEquals(0, apply.exit(), apply::toString);
        Cli.Result status = Cli.run("status", "--targets", targets.toString(), "--target", t);
        assertTrue(status.out().contains("add-email-verified v3 — APPLIED"), status::toString);
        Cli.Result back = Cli.run("rollback", "--yes", "--targets", targets.toString(), "--target", t);
        assertEquals(0, back.exit(), back::toString);
        Cli.Result audit = Cli.run("audit", "verify", "--targets", targets.toString(), "--target", t);
        assertEquals(0, audit.exit(), audit::toString);
      }
      try (Connection c = central.connect(); ResultSet rs = c.createStatement().executeQuery(
          "SELECT target, count(*), min(seq) FROM backstep.event GROUP BY target ORDER BY target")) {
        assertTrue(rs.next());
        assertEquals("orders-eu", rs.getString(1));
        assertEquals(1, rs.getLong(3), "each target has its own chain starting at 1");
        assertTrue(rs.next());
        assertEquals("orders-us", rs.getString(1));
        assertEquals(1, rs.getLong(3));
      }
      try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery(
          "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'backstep'")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "no ledger in the PostgreSQL target");
      }
      try (Connection c = maria.connect(); ResultSet rs = c.createStatement().executeQuery(
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
              + "AND table_name LIKE 'backstep%'")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "no ledger in the MariaDB target");
      }
    }
  }
}
