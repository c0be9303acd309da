package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.lint.Linter;
import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.RollbackMode;
import backstep.playbook.SqlStep;
import backstep.playbook.Verify;
import backstep.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqitchImporterTest {
  private static final Path SETS = Path.of("src/test/resources/imports");
  private static final String MARGE = "2024-05-02T08:00:00Z Marge Lind <marge@shop.example>";

  @TempDir
  Path dir;

  private Path project(String engine, String plan, Map<String, String> scripts) throws Exception {
    Path p = dir.resolve("shop");
    Files.createDirectories(p);
    if (engine != null) {
      Files.writeString(p.resolve("sqitch.conf"), "[core]\n\tengine = " + engine + "\n[engine \"" + engine
          + "\"]\n\ttarget = db:" + engine + ":shop\n");
    }
    Files.writeString(p.resolve("sqitch.plan"), plan);
    for (Map.Entry<String, String> s : scripts.entrySet()) {
      Path f = p.resolve(s.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, s.getValue());
    }
    return p;
  }

  private static ImportResult read(Path p) throws InvalidFileException {
    return new SqitchImporter().read(p, Optional.empty());
  }

  private static String deploy(String body) {
    return "-- Deploy shop:x to pg\n\nBEGIN;\n\n" + body + "\n\nCOMMIT;\n";
  }

  private static List<String> problems(InvalidFileException e) {
    return e.problems().stream().map(p -> p.format()).toList();
  }

  @Test
  void changesComeInPlanOrderAndAReworkedChangeIsNamedAfterItsTag() throws Exception {
    Path p = project("pg", """
        %syntax-version=1.0.0
        %project=shop

        customers 2024-05-01T08:00:00Z Marge Lind <marge@shop.example> # Customers.
        price_fn [customers] 2024-05-01T09:00:00Z Marge Lind <marge@shop.example> # Prices, first cut.
        @v1 2024-05-01T10:00:00Z Marge Lind <marge@shop.example> # First release.
        orders [customers] 2024-05-02T08:00:00Z Marge Lind <marge@shop.example>
        @v2 2024-05-02T09:00:00Z Marge Lind <marge@shop.example>

        price_fn [price_fn@v2] 2024-05-03T08:00:00Z Marge Lind <marge@shop.example> # Prices with VAT.
        """, Map.of(
            "deploy/customers.sql", deploy("CREATE TABLE customers (id int PRIMARY KEY);"),
            "revert/customers.sql", "DROP TABLE customers;",
            "deploy/orders.sql", deploy("CREATE TABLE orders (id int PRIMARY KEY);"),
            "revert/orders.sql", "DROP TABLE orders;",
            "deploy/price_fn@v2.sql", "CREATE FUNCTION price(c int) RETURNS int LANGUAGE sql AS 'SELECT c';",
            "revert/price_fn@v2.sql", "DROP FUNCTION price(int);",
            "deploy/price_fn.sql", "CREATE OR REPLACE FUNCTION price(c int) RETURNS int LANGUAGE sql AS "
                + "'SELECT c * 120 / 100';",
            "revert/price_fn.sql", "CREATE OR REPLACE FUNCTION price(c int) RETURNS int LANGUAGE sql AS 'SELECT c';"));
    ImportResult r = read(p);
    assertEquals("shop", r.name());
    assertEquals(List.of("customers", "price_fn@v2", "orders", "price_fn"),
        r.migrations().stream().map(Migration::version).toList(), "plan order; the earlier instance is name@tag");
    Migration earlier = r.migrations().get(1);
    assertEquals("deploy/price_fn@v2.sql", earlier.file());
    assertEquals("DROP FUNCTION price(int);", earlier.down().get(DialectFamily.POSTGRESQL));
    Migration rework = r.migrations().get(3);
    assertEquals("deploy/price_fn.sql", rework.file());
    assertTrue(rework.down().get(DialectFamily.POSTGRESQL).contains("'SELECT c'"), "its revert restores v2");
    assertEquals("Prices with VAT.", rework.description());
    assertEquals("Marge Lind <marge@shop.example>", rework.author());
    assertTrue(rework.notes().stream().anyMatch(n -> n.contains("requires price_fn@v2")), rework.notes().toString());
    assertTrue(earlier.notes().stream().anyMatch(n -> n.startsWith("reworked at sqitch.plan:10")),
        earlier.notes().toString());
    assertEquals("", r.migrations().get(2).description(), "no note, no description");
  }

  @Test
  void scriptsLoseTheirBeginCommitOnlyWhenItWrapsTheWholeScript() throws Exception {
    Path p = project("pg", "%project=shop\n\nwhole " + MARGE + "\npartial " + MARGE + "\nbare " + MARGE + "\n",
        Map.of(
            "deploy/whole.sql", deploy("CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);"),
            "revert/whole.sql", "-- Revert\nBEGIN;\nDROP TABLE t;\nCOMMIT;\n",
            "deploy/partial.sql",
            "BEGIN;\nCREATE TABLE u (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY u_id ON u (id);\n",
            "revert/partial.sql", "DROP TABLE u;",
            "deploy/bare.sql", "CREATE TABLE v (id int);",
            "revert/bare.sql", "DROP TABLE v;"));
    List<Migration> ms = read(p).migrations();
    assertEquals("-- Deploy shop:x to pg\n\nCREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n",
        ms.get(0).up().get(DialectFamily.POSTGRESQL), "comments stay; BEGIN and COMMIT go");
    assertEquals("-- Revert\nDROP TABLE t;\n", ms.get(0).down().get(DialectFamily.POSTGRESQL));
    assertTrue(ms.get(1).up().get(DialectFamily.POSTGRESQL).startsWith("BEGIN;"), "a COMMIT before the last "
        + "statement: the transaction statements are not a wrapper, so they stay");
    assertTrue(ms.get(1).notes().stream().anyMatch(n -> n.startsWith("deploy/partial.sql keeps its transaction "
        + "statements (BEGIN at line 1 opens a transaction the last statement does not end)")),
        ms.get(1).notes().toString());
    assertEquals("CREATE TABLE v (id int);", ms.get(2).up().get(DialectFamily.POSTGRESQL));
  }

  @Test
  void aMissingOrCommentOnlyRevertIsAMissingDown() throws Exception {
    Path p = project("pg", "%project=shop\n\na " + MARGE + "\nb " + MARGE + "\nc " + MARGE + "\n", Map.of(
        "deploy/a.sql", deploy("CREATE TABLE a (id int);"),
        "deploy/b.sql", deploy("CREATE TABLE b (id int);"),
        "revert/b.sql", "-- Revert shop:b from pg\n\nBEGIN;\n\n-- XXX Add DDLs here.\n\nCOMMIT;\n",
        "deploy/c.sql", deploy("CREATE TABLE c (id int);"),
        "revert/c.sql", "   \n"));
    List<Migration> ms = read(p).migrations();
    assertTrue(ms.stream().allMatch(Migration::missingDown), "no revert, Sqitch's template, blank");
    assertTrue(ms.get(0).notes().stream().anyMatch(n -> n.contains("no revert script revert/a.sql")));
    assertTrue(ms.get(1).notes().stream().anyMatch(n -> n.startsWith("revert/b.sql holds no SQL")));
  }

  @Test
  void eachVerifyStatementIsOneQueryThatRunsAndWhatCannotBeReadOnlyIsLeftOut() throws Exception {
    Path p = project("pg", "%project=shop\n\norders " + MARGE + "\nempty " + MARGE + "\n", Map.of(
        "deploy/orders.sql", deploy("CREATE TABLE orders (id int, total int);"),
        "revert/orders.sql", "DROP TABLE orders;",
        "verify/orders.sql", """
            -- Verify shop:orders on pg

            BEGIN;

            SELECT id, total FROM orders WHERE FALSE;
            SELECT id FROM orders WHERE FALSE FOR UPDATE NOWAIT;
            SET search_path = shop;
            SELECT 1;
            SELECT 1/count(*) FROM pg_tables WHERE tablename = 'orders';

            ROLLBACK;
            """,
        "deploy/empty.sql", deploy("CREATE TABLE e (id int);"),
        "revert/empty.sql", "DROP TABLE e;",
        "verify/empty.sql", "-- Verify shop:empty on pg\n\nBEGIN;\n\n-- XXX Add verifications here.\n\nROLLBACK;\n"));
    List<Migration> ms = read(p).migrations();
    List<String> verify = ms.get(0).verify().get(DialectFamily.POSTGRESQL);
    assertEquals(List.of("SELECT id, total FROM orders WHERE FALSE", "SELECT id FROM orders WHERE FALSE",
        "SELECT 1/count(*) FROM pg_tables WHERE tablename = 'orders'"), verify);
    assertTrue(verify.stream().allMatch(q -> Verify.refusal(q, DialectFamily.POSTGRESQL).isEmpty()));
    String notes = String.join("\n", ms.get(0).notes());
    assertTrue(notes.contains("verify/orders.sql:6: 'FOR UPDATE NOWAIT' dropped from the verify query"), notes);
    assertTrue(notes.contains("verify/orders.sql:7: left out of verify, it cannot be a read-only verify query: "
        + "changes data (SET)"), notes);
    assertTrue(notes.contains("verify/orders.sql:8: left out of verify") && notes.contains("proves nothing"), notes);
    assertTrue(ms.get(1).verify().isEmpty(), "a verify script with nothing to run gives no verify");

    History h = writeAndLoad(read(p));
    SqlStep step = (SqlStep) h.migrations().get(0).steps().get(0);
    assertEquals(3, step.verify().size());
    assertTrue(step.verify().stream().allMatch(v -> v.expect().onlyRuns()), "each one is expect: runs");
  }

  @Test
  void aReworkedChangeWhoseVerifyIsTheEarlierOnesKeepsNoVerify() throws Exception {
    String verify = "BEGIN;\nSELECT has_function_privilege('price(int)', 'execute');\nROLLBACK;\n";
    Path p = project("pg", "%project=shop\n\nprice_fn " + MARGE + "\n@v1 " + MARGE + "\nprice_fn [price_fn@v1] "
        + MARGE + "\n", Map.of(
            "deploy/price_fn@v1.sql", "CREATE FUNCTION price(c int) RETURNS int LANGUAGE sql AS 'SELECT c';",
            "revert/price_fn@v1.sql", "DROP FUNCTION price(int);",
            "verify/price_fn@v1.sql", verify,
            "deploy/price_fn.sql", "CREATE OR REPLACE FUNCTION price(c int) RETURNS int LANGUAGE sql AS 'SELECT 2';",
            "revert/price_fn.sql", "CREATE OR REPLACE FUNCTION price(c int) RETURNS int LANGUAGE sql AS 'SELECT c';",
            "verify/price_fn.sql", verify));
    List<Migration> ms = read(p).migrations();
    assertEquals(1, ms.get(0).verify().get(DialectFamily.POSTGRESQL).size());
    assertTrue(ms.get(1).verify().isEmpty(), "it would pass before the rework runs and after it is reverted");
    assertTrue(ms.get(1).notes().stream().anyMatch(n -> n.startsWith("verify/price_fn.sql left out: it is the "
        + "verify of the version it reworks")), ms.get(1).notes().toString());
  }

  @Test
  void theChecksumIsSqitchsScriptHashAndTheChangeIdIsComputedAsSqitchDoes() throws Exception {
    // The change ids Sqitch's own tutorial prints (sqitch status) for these two plan lines, made when the project's
    // %uri was https://github.com/theory/sqitch-intro/.
    Path p = project("pg", """
        %syntax-version=1.0.0
        %project=flipr
        %uri=https://github.com/theory/sqitch-intro/

        appschema 2013-12-30T23:19:45Z Marge N. O’Vera <marge@example.com> # Add schema for all flipr objects.
        users [appschema] 2013-12-30T23:49:00Z Marge N. O’Vera <marge@example.com> # Creates table to track our users.
        """, Map.of("deploy/appschema.sql", "BEGIN;\nCREATE SCHEMA app;\nCOMMIT;\n",
            "deploy/users.sql", "BEGIN;\nCREATE TABLE app.users (nickname text PRIMARY KEY);\nCOMMIT;\n"));
    List<Migration> ms = read(p).migrations();
    assertTrue(ms.get(0).notes().get(0).equals("sqitch.plan:5: Sqitch change_id "
        + "c7981df861183412b01be706889e508a63d445ca"), ms.get(0).notes().toString());
    assertTrue(ms.get(1).notes().get(0).equals("sqitch.plan:6: Sqitch change_id "
        + "77398e1dbc5fbce58b05eb67d201f15774718727; requires appschema"), ms.get(1).notes().toString());
    byte[] bytes = Files.readAllBytes(p.resolve("deploy/users.sql"));
    assertEquals("sha1:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)),
        ms.get(1).checksum(), "SHA-1 of the deploy script's bytes, wrapper and all");
    assertEquals("https://example.org/", SqitchIds.canonicalUri("HTTPS://Example.ORG:443"));
  }

  @Test
  void theEngineGivesTheDialectAndDialectOverridesIt() throws Exception {
    String plan = "%project=shop\n\na " + MARGE + "\n";
    Map<String, String> scripts = Map.of("deploy/a.sql", "CREATE TABLE a (id int);");
    assertEquals(java.util.Set.of(DialectFamily.POSTGRESQL), read(project("pg", plan, scripts)).dialects());
    assertEquals(java.util.Set.of(DialectFamily.MYSQL), read(project("mysql", plan, scripts)).dialects());
    Path sqlite = project("sqlite", plan, scripts);
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(sqlite));
    assertTrue(problems(e).get(0).matches(".*sqitch\\.conf:2:1 core\\.engine: engine 'sqlite': Backstep runs on "
        + "PostgreSQL \\(Sqitch engine pg\\) and MySQL/MariaDB \\(mysql\\).*"), problems(e).toString());
    ImportResult forced = new SqitchImporter().read(sqlite, Optional.of(DialectFamily.POSTGRESQL));
    assertEquals(java.util.Set.of(DialectFamily.POSTGRESQL), forced.dialects());
    assertTrue(forced.warnings().get(0).startsWith("sqitch.conf:2: the project's engine is sqlite"),
        forced.warnings().toString());
    Files.delete(sqlite.resolve("sqitch.conf"));
    e = assertThrows(InvalidFileException.class, () -> read(sqlite));
    assertTrue(problems(e).get(0).contains("sqitch.conf:1:1 does not exist: say which SQL the scripts are written "
        + "in with --dialect postgresql or --dialect mysql"), problems(e).toString());
  }

  @Test
  void aMalformedPlanNamesSqitchPlanAndTheLineAndNothingIsWritten() throws Exception {
    Path p = project("pg", """
        %project=shop

        customers 2024-05-01T08:00:00Z Marge Lind <marge@shop.example>
        orders [customers payments] 2024-05-01T09:00:00Z Marge Lind <marge@shop.example>
        refunds 2024-05-01 Marge Lind <marge@shop.example>
        customers 2024-05-02T08:00:00Z Marge Lind <marge@shop.example> # planned again without a tag
        returns [orders 2024-05-02T09:00:00Z Marge Lind <marge@shop.example>
        @v1 2024-05-02T10:00:00Z Marge Lind
        """, Map.of("deploy/customers.sql", "CREATE TABLE c (id int);"));
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(p));
    List<String> all = problems(e);
    String plan = p.resolve("sqitch.plan").toString();
    assertTrue(all.contains(plan + ":4:1 change 'orders' requires unknown change 'payments' (not planned above; a "
        + "change may require only changes planned before it)"), all.toString());
    assertTrue(all.stream().anyMatch(s -> s.startsWith(plan + ":5:1 missing or malformed timestamp after "
        + "'refunds'")), all.toString());
    assertTrue(all.stream().anyMatch(s -> s.startsWith(plan + ":6:1 change 'customers' is already planned at line "
        + "3 with no tag between")), all.toString());
    assertTrue(all.contains(plan + ":7:1 the dependency list [ is not closed with ]"), all.toString());
    assertTrue(all.stream().anyMatch(s -> s.startsWith(plan + ":8:1 missing or malformed planner")),
        all.toString());

    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("import", "sqitch", p.toString(), "-o", out.toString());
    assertNotEquals(0, r.exit(), r.toString());
    assertTrue((r.out() + r.err()).contains(plan + ":4:1 change 'orders' requires unknown change"), r.toString());
    assertFalse(Files.exists(out), "nothing was written");
  }

  @Test
  void aMissingScriptIsNamedAtItsPlanLine() throws Exception {
    Path p = project("pg", "%project=shop\n\na " + MARGE + "\n@v1 " + MARGE + "\na " + MARGE + "\nb " + MARGE
        + "\n", Map.of("deploy/a.sql", "CREATE TABLE a (id int);"));
    List<String> all = problems(assertThrows(InvalidFileException.class, () -> read(p)));
    String plan = p.resolve("sqitch.plan").toString();
    assertTrue(all.contains(plan + ":3:1 change 'a' is reworked at line 5, so its scripts as of that rework are "
        + "expected as deploy/a@v1.sql; there is none"), all.toString());
    assertTrue(all.contains(plan + ":6:1 change 'b' has no deploy script deploy/b.sql"), all.toString());
  }

  @Test
  void theDirectoriesComeFromSqitchConf() throws Exception {
    Path p = project("mysql", "%project=shop\n\na " + MARGE + "\n", Map.of(
        "db/deploy/a.sql", "CREATE TABLE a (id int);", "db/revert/a.sql", "DROP TABLE a;"));
    Files.move(p.resolve("sqitch.plan"), p.resolve("db/sqitch.plan"));
    Files.writeString(p.resolve("sqitch.conf"), "# billing\n[core]\n    engine = mysql ; the only one\n"
        + "[engine \"mysql\"]\n    top_dir = \"db\"\n");
    Migration m = read(p).migrations().get(0);
    assertEquals("db/deploy/a.sql", m.file());
    assertFalse(m.missingDown());
  }

  /** Both test sets import, every playbook written validates, and expected-broken.txt names real migrations. */
  @Test
  void theTestSetsImportAndEveryPlaybookWrittenValidates() throws Exception {
    for (String set : List.of("sqitch-postgresql", "sqitch-mysql")) {
      ImportResult r = read(SETS.resolve(set));
      History h = writeAndLoad(r);
      List<String> versions = h.migrations().stream().map(History::name).toList();
      assertTrue(versions.size() >= (set.endsWith("postgresql") ? 15 : 10), set + ": " + versions);
      Map<String, String> broken = Files.readAllLines(SETS.resolve(set).resolve("expected-broken.txt")).stream()
          .filter(l -> !l.isBlank()).collect(Collectors.toMap(l -> l.split(" ", 2)[0], l -> l.split(" ", 2)[1]));
      assertEquals(3, broken.size(), set);
      assertTrue(versions.containsAll(broken.keySet()), set + ": " + broken.keySet() + " in " + versions);
      for (Playbook pb : h.migrations()) {
        RollbackMode mode = ((SqlStep) pb.steps().get(0)).rollbackMode();
        boolean bs017 = Linter.lint(pb).stream().anyMatch(f -> f.rule().id().equals("BS017"));
        boolean emptyDown = broken.getOrDefault(History.name(pb), "").contains("holds only comments");
        assertEquals(emptyDown, mode == RollbackMode.NONE, History.name(pb));
        assertEquals(emptyDown, bs017, History.name(pb));
      }
    }
    ImportResult pg = read(SETS.resolve("sqitch-postgresql"));
    assertTrue(pg.migrations().stream().anyMatch(m -> m.version().equals("booking_overlap_fn@v1.1")));
    long withVerify = pg.migrations().stream().filter(m -> !m.verify().isEmpty()).count();
    assertTrue(withVerify >= 14, "verify scripts for most changes: " + withVerify);
    Migration proc = read(SETS.resolve("sqitch-mysql")).migrations().stream()
        .filter(m -> m.version().equals("recalc_invoice_total")).findFirst().orElseThrow();
    String up = proc.up().get(DialectFamily.MYSQL);
    assertTrue(up.contains("DELIMITER //") && up.contains("END //") && !up.contains("BEGIN;"), up);
  }

  private History writeAndLoad(ImportResult r) throws Exception {
    Path out = Files.createTempDirectory(dir, "out");
    HistoryWriter.write(r, out, false, Instant.parse("2026-12-06T00:00:00Z"));
    return new HistoryLoader(new PlaybookLoader(null)).load(out);
  }
}
