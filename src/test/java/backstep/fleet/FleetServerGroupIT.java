package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group whose members are the databases on a server, listed by a pattern when the fleet starts, on PostgreSQL and
 * MariaDB: the canary first, then a wave of the rest, each applied and rolled back (proven), recorded in a central
 * ledger. No soak, and the playbook's guard (p50 probe over 5 s) far above a loaded machine's probe, so it shares
 * the machine (the shared lane, {@code its.untimed}); the soaks and gates are {@link FleetCanaryIT}'s and
 * {@link FleetCanaryTakeoverIT}'s.
 */
class FleetServerGroupIT {
  @TempDir
  Path dir;
  private ScratchDb central;
  private Path playbook;

  @BeforeEach
  void create() throws Exception {
    central = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    playbook = dir.resolve("probe-5000-rollback.yaml");
    Files.writeString(playbook, CanaryMembers.PLAYBOOK.formatted("5000", "rollback"));
  }

  @AfterEach
  void drop() throws SQLException {
    central.close();
  }

  /** A targets file with the central ledger, the targets in {@code extra} and the {@code groups}. */
  private Path targets(String extra, String groups) throws Exception {
    Path targets = dir.resolve("targets.yaml");
    Files.writeString(targets, "ledger: central\ntargets:\n  central:\n    url: " + central.url()
        + "\n    user: postgres\n    environment: staging\n" + extra + "groups:\n" + groups);
    return targets;
  }

  @Test
  void aServerGroupAppliesToTheDatabasesItsPatternListsOnPostgresqlAndMariadb() throws Exception {
    String prefix = "fleetq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    List<String> dbs = List.of(prefix + "_1", prefix + "_2", prefix + "_3");
    try (Connection pg = DriverManager.getConnection(ScratchDb.PG_ADMIN, "postgres", null);
        Connection my = DriverManager.getConnection(ScratchDb.MARIADB_ADMIN, "root", "")) {
      try {
        for (String d : dbs) {
          exec(pg, "CREATE DATABASE " + d);
          exec(my, "CREATE DATABASE " + d);
          try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + d, "postgres",
              null)) {
            exec(c, "CREATE VIEW probe AS SELECT 1 AS x");
          }
          exec(my, "CREATE VIEW " + d + ".probe AS SELECT 1 AS x");
        }
        exec(pg, "CREATE DATABASE " + prefix + "x_other"); // matches 'fleetq_..._%' only if '_' is not escaped
        Path targets = targets("""
              pgsrv: {url: "jdbc:postgresql://127.0.0.1:5432/postgres", user: postgres, environment: sandbox}
              mysrv: {url: "jdbc:mysql://127.0.0.1:3306/", user: root, environment: sandbox}
            """, """
              pg-tenants:
                server: pgsrv
                databases: '%s\\_%%'
                canary: [%s]
              my-tenants:
                server: mysrv
                databases: '%s\\_%%'
            """.formatted(prefix, dbs.get(1), prefix));
        for (String group : List.of("pg-tenants", "my-tenants")) {
          Cli.Result apply = FleetCli.fleet(targets, "apply", playbook.toString(), "--group", group, "--yes");
          assertEquals(0, apply.exit(), apply::toString);
          assertTrue(apply.out().contains("— APPLIED"), apply::toString);
        }
        assertEquals(List.of("pgsrv/" + dbs.get(1) + " 0", "pgsrv/" + dbs.get(0) + " 1", "pgsrv/" + dbs.get(2)
            + " 2", "mysrv/" + dbs.get(0) + " 1", "mysrv/" + dbs.get(1) + " 2", "mysrv/" + dbs.get(2) + " 3"),
            central.rows("SELECT m.member, m.wave FROM backstep.fleet_member m JOIN backstep.fleet_run r "
                + "ON r.fleet_run_id = m.fleet_run_id ORDER BY r.group_name DESC, m.ordinal"));
        assertEquals(List.of("6 APPLIED"), central.rows("SELECT count(*), max(state) FROM backstep.run"));
        Cli.Result status = FleetCli.fleet(targets, "status");
        assertEquals(3, status.out().split("\\(agrees\\)", -1).length - 1, status::toString);
        Cli.Result back = FleetCli.fleet(targets, "rollback", "--yes");
        assertEquals(0, back.exit(), back::toString);
        assertEquals(3, back.out().split("rollback: proven", -1).length - 1, back::toString);
      } finally {
        for (String d : dbs) {
          exec(pg, "DROP DATABASE IF EXISTS " + d + " WITH (FORCE)");
          exec(my, "DROP DATABASE IF EXISTS " + d);
        }
        exec(pg, "DROP DATABASE IF EXISTS " + prefix + "x_other");
      }
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
