package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stored routines with real bodies, end to end on the real servers. The playbook creates a routine that recomputes an
 * order's total (MariaDB: a procedure with a BEGIN … END body of DECLAREs, IF/ELSEIF, CASE; PostgreSQL: a
 * SQL-standard BEGIN ATOMIC function of several statements) and a trigger on order_lines that calls it (on MariaDB
 * written with DELIMITER). It validates and lints, applies, the trigger really fires, rollback leaves neither routine
 * nor trigger, and it rehearses from a seed file that defines a routine of its own. Guards against bodies being split
 * into fragments at their inner semicolons (issue 12, item 7).
 */
class StoredRoutinesIT {
  private static final Path PLAYBOOK = Path.of("src/test/resources/routines/order-totals.yaml");
  private static final String NEW_LINE = "INSERT INTO order_lines (order_id, sku, quantity, unit_price_cents) "
      + "VALUES (3, 'MUG-BLUE', 3, 1250)";

  private static Path seed(ScratchDb.Kind kind) {
    return Path.of("src/test/resources/routines/seeds/orders-"
        + (kind == ScratchDb.Kind.POSTGRES ? "postgresql" : "mysql") + ".sql");
  }

  @Test
  void validateAndLintAcceptThePlaybookAndEachBodyIsOneStatementOnItsLine() throws Exception {
    Cli.Result valid = Cli.run("validate", PLAYBOOK.toString());
    assertEquals(0, valid.exit(), valid::toString);
    assertTrue(valid.out().contains("order-totals v1, 2 steps, postgresql/mysql"), valid::toString);
    Cli.Result lint = Cli.run("lint", PLAYBOOK.toString());
    assertEquals(0, lint.exit(), lint::toString);

    Playbook p = new PlaybookLoader(null).load(PLAYBOOK);
    List<String> lines = Files.readAllLines(PLAYBOOK);
    SqlText procedure = ((SqlStep) p.steps().get(0)).forward();
    SqlText trigger = ((SqlStep) p.steps().get(1)).forward();
    assertEquals(1, procedure.statements(DialectFamily.MYSQL).size());
    assertEquals(1, procedure.statements(DialectFamily.POSTGRESQL).size());
    assertEquals(1, trigger.statements(DialectFamily.MYSQL).size());
    assertEquals(2, trigger.statements(DialectFamily.POSTGRESQL).size());
    assertEquals(lineOf(lines, "CREATE PROCEDURE recalc_order_total"), procedure.statements(DialectFamily.MYSQL)
        .get(0).line());
    assertEquals(lineOf(lines, "CREATE FUNCTION recalc_order_total"), procedure.statements(DialectFamily.POSTGRESQL)
        .get(0).line());
    SqlText.Stmt created = trigger.statements(DialectFamily.MYSQL).get(0);
    assertEquals(lineOf(lines, "DELIMITER //") + 1, created.line(), "the line after DELIMITER //");
    assertTrue(created.sql().startsWith("CREATE TRIGGER") && created.sql().endsWith("END"), created::sql);
  }

  private static int lineOf(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(start)) {
        return i + 1;
      }
    }
    throw new AssertionError(start + " not in " + PLAYBOOK);
  }

  @ParameterizedTest(name = "on {0}: applies, the trigger fires, rollback drops routine and trigger")
  @EnumSource(ScratchDb.Kind.class)
  void appliesFiresAndRollsBack(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      loadWithTheDatabasesOwnClient(db, seed(kind));
      assertEquals("1", one(db, routines(kind, "add_order_line")), "the seed's own routine");

      Cli.Result apply = Cli.on(db, "apply", PLAYBOOK.toString(), "--yes", "--operator", "ana");
      assertEquals(0, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("APPLIED"), apply::toString);
      assertEquals("1", one(db, routines(kind, "recalc_order_total")));
      assertEquals("1", one(db, triggers(kind)));

      db.exec(NEW_LINE);
      assertEquals(List.of("3750", "open"), row(db, "SELECT total_cents, status FROM orders WHERE id = 3"),
          "the trigger called the routine: order 3 has the new line's total and is no longer empty");

      Cli.Result back = Cli.on(db, "rollback", PLAYBOOK.toString(), "--yes", "--operator", "ana");
      assertEquals(0, back.exit(), back::toString);
      assertEquals("0", one(db, routines(kind, "recalc_order_total")));
      assertEquals("0", one(db, triggers(kind)));
      assertEquals("1", one(db, routines(kind, "add_order_line")), "rollback leaves what it did not create");

      db.exec(NEW_LINE);
      assertEquals("3750", one(db, "SELECT total_cents FROM orders WHERE id = 3"), "no trigger any more");
    }
  }

  @ParameterizedTest(name = "on {0}: rehearse --seed with a routine in the seed file passes")
  @EnumSource(ScratchDb.Kind.class)
  void rehearsesFromASeedFileThatDefinesARoutine(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      List<String> args = new ArrayList<>(List.of("rehearse", PLAYBOOK.toString(), "--seed",
          seed(kind).toString(), "--idempotence"));
      args.addAll(db.cliArgs());
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.out().contains("PASSED"), r::toString);
      // tables, orders, the routine (one statement despite its inner semicolons), three calls, two updates
      assertTrue(r.out().contains("9 statement(s) from the seed file"), r::toString);
      assertTrue(r.out().contains("equal the starting fingerprint exactly"), r::toString);
    }
  }

  private static String routines(ScratchDb.Kind kind, String name) {
    return "SELECT count(*) FROM information_schema.routines WHERE routine_schema = " + schema(kind)
        + " AND routine_name = '" + name + "'";
  }

  private static String triggers(ScratchDb.Kind kind) {
    return "SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = " + schema(kind)
        + " AND trigger_name = 'order_lines_recalc'";
  }

  private static String schema(ScratchDb.Kind kind) {
    return kind == ScratchDb.Kind.POSTGRES ? "current_schema()" : "DATABASE()";
  }

  private static String one(ScratchDb db, String sql) throws SQLException {
    return row(db, sql).get(0);
  }

  private static List<String> row(ScratchDb db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getString(i));
      }
      return out;
    }
  }

  /** Loads a SQL file with psql or the mysql client, as an operator would: the file is valid for them as written. */
  private static void loadWithTheDatabasesOwnClient(ScratchDb db, Path file) throws Exception {
    List<String> cmd = db.kind() == ScratchDb.Kind.POSTGRES
        ? List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db.name(), "-q", "-v", "ON_ERROR_STOP=1",
            "-f", file.toString())
        : List.of("mysql", "-h", "127.0.0.1", "-u", "root", db.name());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (db.kind() == ScratchDb.Kind.MARIADB) {
      pb.redirectInput(file.toFile());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd.get(0) + " did not finish");
    assertEquals(0, p.exitValue(), () -> cmd.get(0) + " could not load " + file + ":\n" + out);
  }
}
