package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.SqlSplitter;
import backstep.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywayImporterTest {
  private static final Optional<DialectFamily> PG = Optional.of(DialectFamily.POSTGRESQL);

  @TempDir
  Path dir;

  private Path write(String path, String text) throws Exception {
    Path f = dir.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private ImportResult read(Optional<DialectFamily> dialect) throws InvalidFileException {
    return new FlywayImporter().read(dir, dialect);
  }

  private static List<String> versions(ImportResult r) {
    return r.migrations().stream().map(Migration::version).toList();
  }

  private static Migration migration(ImportResult r, String version) {
    return r.migrations().stream().filter(m -> m.version().equals(version)).findFirst().orElseThrow();
  }

  @Test
  void versionsAreOrderedAsFlywayOrdersThemNumberByNumberWithUnderscoresAsDots() throws Exception {
    for (String v : List.of("1_10", "1.9", "1_2_1", "1.2", "2", "1", "1.1")) {
      write("V" + v + "__step_" + v.replace('.', '_') + ".sql", "SELECT 1;");
    }
    write("R__b_view.sql", "CREATE OR REPLACE VIEW b AS SELECT 1 AS x;");
    write("R__a_view.sql", "CREATE OR REPLACE VIEW a AS SELECT 1 AS x;");
    ImportResult r = read(PG);
    assertEquals(List.of("1", "1.1", "1.2", "1.2.1", "1.9", "1.10", "2", "R", "R"), versions(r));
    assertEquals(List.of("a view", "b view"), r.migrations().subList(7, 9).stream().map(Migration::description)
        .toList(), "repeatables come last, by description");
    assertTrue(r.migrations().get(8).repeatable());
    assertTrue(r.migrations().get(8).missingDown(), "a repeatable has no down");
    assertEquals("step 1 10", migration(r, "1.10").description(), "underscores in a description are spaces");
  }

  @Test
  void twoFilesOfOneVersionAreAProblemNamingBothAndNothingIsWritten() throws Exception {
    write("V1__create_orders.sql", "CREATE TABLE orders (id int);");
    write("V1.01__add_index.sql", "CREATE INDEX o ON orders (id);");
    write("sub/V1.1.0__again.sql", "SELECT 1;");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(PG));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("sub/V1.1.0__again.sql:1:1 the version 1.1.0 is also V1.01__add_index.sql "
        + "(postgresql): Flyway refuses two migrations with one version"), e.getMessage());
    Path out = dir.resolveSibling(dir.getFileName() + "-out");
    Cli.Result cli = Cli.run("import", "flyway", dir.toString(), "-o", out.toString(), "--dialect", "postgresql");
    assertEquals(2, cli.exit(), cli::toString);
    assertTrue(cli.err().contains("V1.1.0__again.sql:1:1"), cli::toString);
    assertFalse(Files.exists(out), "nothing is written when the source has a problem");
  }

  @Test
  void aVersionThatIsNotNumbersIsAProblemAtItsFile() throws Exception {
    write("V1__ok.sql", "SELECT 1;");
    write("V1.a__bad.sql", "SELECT 1;");
    write("V__no_version.sql", "SELECT 1;");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(PG));
    assertTrue(e.getMessage().contains("V1.a__bad.sql:1:1 '1.a' is not a Flyway version"), e.getMessage());
    assertTrue(e.getMessage().contains("V__no_version.sql:1:1 no version between the prefix and '__'"),
        e.getMessage());
  }

  @Test
  void anUndoPairsWithItsVersionWhateverItsDescriptionAndFolder() throws Exception {
    write("V1__create_orders.sql", "CREATE TABLE orders (id int);");
    write("undo/U1__drop_orders_again.sql", "DROP TABLE orders;");
    write("V2__add_note.sql", "ALTER TABLE orders ADD COLUMN note text;");
    write("V3__add_index.sql", "CREATE INDEX orders_id ON orders (id);");
    write("undo/U3__add_index.sql", "-- cannot be undone\n/* really */\n");
    write("undo/U4__orphan.sql", "DROP TABLE nothing;");
    ImportResult r = read(PG);
    assertEquals("DROP TABLE orders;", migration(r, "1").down().get(DialectFamily.POSTGRESQL));
    assertFalse(migration(r, "1").missingDown());
    assertTrue(migration(r, "2").missingDown(), "no undo file: no down");
    assertTrue(migration(r, "3").missingDown(), "an undo of comments only: no down");
    assertTrue(migration(r, "3").notes().contains("undo/U3__add_index.sql holds no statement: the migration has no "
        + "down"), migration(r, "3").notes()::toString);
    assertEquals(List.of("undo/U4__orphan.sql: an undo script without its versioned migration V4__….sql"),
        r.notImported());
  }

  @Test
  void dialectFoldersGiveTheFamilyAndOneVersionInBothIsOneMigration() throws Exception {
    write("db/postgresql/V1__create_orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY);");
    write("db/mysql/V1__create_orders.sql", "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY);");
    write("db/postgresql/U1__create_orders.sql", "DROP TABLE orders;");
    write("db/mariadb/U1__create_orders.sql", "DROP TABLE orders;");
    write("db/pg/V2__pg_only.sql", "CREATE EXTENSION IF NOT EXISTS pgcrypto;");
    ImportResult r = read(Optional.empty());
    assertEquals(Set.of(DialectFamily.POSTGRESQL, DialectFamily.MYSQL), r.dialects());
    Migration one = migration(r, "1");
    assertEquals(Set.of(DialectFamily.POSTGRESQL, DialectFamily.MYSQL), one.up().keySet());
    assertEquals(Set.of(DialectFamily.POSTGRESQL, DialectFamily.MYSQL), one.down().keySet());
    assertTrue(one.up().get(DialectFamily.MYSQL).contains("AUTO_INCREMENT"));
    assertEquals("db/postgresql/V1__create_orders.sql, db/mysql/V1__create_orders.sql", one.file());
    assertTrue(one.checksum().matches("postgresql:crc32:-?\\d+ mysql:crc32:-?\\d+"), one.checksum());
    assertEquals(Set.of(DialectFamily.POSTGRESQL), migration(r, "2").up().keySet());
    assertTrue(r.warnings().contains("db/pg/V2__pg_only.sql: only for postgresql; no file with version 2 in a "
        + "folder of the other family"), r.warnings()::toString);
  }

  @Test
  void withoutADialectFolderItAsksForDialect() throws Exception {
    write("V1__create_orders.sql", "CREATE TABLE orders (id int);");
    write("V2__add_note.sql", "ALTER TABLE orders ADD COLUMN note text;");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(Optional.empty()));
    assertTrue(e.getMessage().contains("V1__create_orders.sql:1:1 no SQL family for V1__create_orders.sql and 1 "
        + "other file(s): they are in no postgresql/ or mysql/ folder; say which family they are written for with "
        + "--dialect postgresql or --dialect mysql"), e.getMessage());
    assertEquals(Set.of(DialectFamily.MYSQL), read(Optional.of(DialectFamily.MYSQL)).dialects());
  }

  @Test
  void theChecksumIsFlywaysCrc32OfTheLinesWithoutBreaksOrByteOrderMark() throws Exception {
    write("V1__lf.sql", "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n");
    Files.write(dir.resolve("V2__crlf_bom.sql"), ("\uFEFFCREATE TABLE a (x int);\r\nCREATE TABLE b (y int);\r\n")
        .getBytes(StandardCharsets.UTF_8));
    ImportResult r = read(PG);
    CRC32 crc = new CRC32();
    crc.update("CREATE TABLE a (x int);CREATE TABLE b (y int);".getBytes(StandardCharsets.UTF_8));
    assertEquals("crc32:" + (int) crc.getValue(), migration(r, "1").checksum());
    assertEquals(migration(r, "1").checksum(), migration(r, "2").checksum(), "line breaks and BOM do not count");
    assertFalse(migration(r, "2").up().get(DialectFamily.POSTGRESQL).startsWith("\uFEFF"), "the BOM is dropped");
  }

  @Test
  void theChecksumOfTheTestSetIsTheOneFlywayRecorded() throws Exception {
    // crc32 values as Flyway 13.12.0 stored them in flyway_schema_history (FlywayChecksumIT checks every one)
    ImportResult r = new FlywayImporter().read(Path.of("src/test/resources/imports/flyway-postgresql"),
        Optional.empty());
    assertEquals("crc32:554255610", migration(r, "1.10").checksum());
    assertEquals("crc32:1469387404", r.migrations().get(r.migrations().size() - 1).checksum());
  }

  @Test
  void placeholdersAreLeftAsWrittenWithANoteAndAWarning() throws Exception {
    write("V1__grants.sql", "GRANT SELECT ON orders TO ${reporting_role};\n-- owner: ${flyway:user}\n");
    write("V2__plain.sql", "SELECT 1;");
    ImportResult r = read(PG);
    Migration m = migration(r, "1");
    assertTrue(m.up().get(DialectFamily.POSTGRESQL).contains("${reporting_role}"), "not replaced");
    assertTrue(m.notes().get(0).startsWith("uses Flyway placeholder(s) ${flyway:user}, ${reporting_role}, left as "
        + "written"), m.notes()::toString);
    assertTrue(migration(r, "2").notes().isEmpty());
    assertEquals(1, r.warnings().size(), r.warnings()::toString);
    assertTrue(r.warnings().get(0).contains("1 migration(s) use Flyway ${…} placeholders") && r.warnings().get(0)
        .endsWith(": V1__grants.sql"), r.warnings()::toString);
  }

  @Test
  void scriptConfigInAConfFileOrACommentIsNoted() throws Exception {
    write("V1__index.sql", "CREATE INDEX CONCURRENTLY orders_id ON orders (id);");
    write("V1__index.sql.conf", "# built outside a transaction\nexecuteInTransaction=false\n");
    write("V2__vacuum.sql", "-- flyway:executeInTransaction=false\nVACUUM orders;");
    write("V9__gone.sql.conf", "executeInTransaction=false\n");
    ImportResult r = read(PG);
    assertTrue(migration(r, "1").notes().get(0).startsWith("Flyway script config (V1__index.sql.conf): "
        + "executeInTransaction=false; Backstep does not read it. On PostgreSQL"), migration(r, "1").notes()::toString);
    assertTrue(migration(r, "2").notes().get(0).startsWith("Flyway script config (-- flyway: comments): "
        + "executeInTransaction=false"), migration(r, "2").notes()::toString);
    assertEquals(List.of("V9__gone.sql.conf: script config without its migration"), r.notImported());
  }

  @Test
  void javaMigrationsCallbacksAndFilesFlywaySkipsAreNotImportedWithTheReason() throws Exception {
    write("V1__create_orders.sql", "CREATE TABLE orders (id int);");
    write("java/V2__Backfill_totals.java", "class V2__Backfill_totals {}");
    write("V3__Resize.class", "");
    write("afterMigrate.sql", "ANALYZE;");
    write("B5__baseline.sql", "SELECT 1;");
    write("v6__lower_case_prefix.sql", "SELECT 1;");
    write("V7_no_separator.sql", "SELECT 1;");
    write("schema.sql", "SELECT 1;");
    write("R1__versioned_repeatable.sql", "SELECT 1;");
    write("README.md", "how we migrate");
    write(".git/V8__hidden.sql", "SELECT 1;");
    write("flyway.conf", "flyway.placeholders.owner=app");
    ImportResult r = read(PG);
    assertEquals(List.of("1"), versions(r));
    List<String> skipped = r.notImported();
    assertEquals(8, skipped.size(), skipped::toString);
    assertTrue(skipped.contains("java/V2__Backfill_totals.java: a Java-based migration: Backstep imports SQL "
        + "migrations only (write it as SQL in a playbook by hand)"), skipped::toString);
    assertTrue(skipped.stream().anyMatch(s -> s.startsWith("V3__Resize.class: a Java-based migration")));
    assertTrue(skipped.contains("afterMigrate.sql: a Flyway SQL callback: it runs around every migrate, it is not "
        + "a migration"), skipped::toString);
    assertTrue(skipped.stream().anyMatch(s -> s.startsWith("B5__baseline.sql: a baseline migration")));
    assertTrue(skipped.contains("v6__lower_case_prefix.sql: Flyway's prefixes are capital letters (V, U, R), so "
        + "Flyway skips this file"), skipped::toString);
    assertTrue(skipped.contains("V7_no_separator.sql: no '__' between the version and the description, so Flyway "
        + "skips this file"), skipped::toString);
    assertTrue(skipped.stream().anyMatch(s -> s.startsWith("schema.sql: not a Flyway migration name")));
    assertTrue(skipped.stream().anyMatch(s -> s.startsWith("R1__versioned_repeatable.sql: a repeatable migration "
        + "has no version")));
    assertTrue(r.warnings().get(0).startsWith("flyway.conf: Flyway configuration is not read"), r.warnings()::toString);
  }

  @Test
  void aFileThatIsNotUtf8IsAProblemAtItsLine() throws Exception {
    Files.write(dir.resolve("V1__latin1.sql"), "-- ok\nINSERT INTO t VALUES ('caf\u00e9');\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(PG));
    assertTrue(e.getMessage().contains("V1__latin1.sql:2:1 not UTF-8 text"), e.getMessage());
  }

  @Test
  void mysqlSqlKeepsItsDelimiterBlockAndSplitsAsTheMysqlClientDoes() throws Exception {
    String proc = "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  UPDATE t SET a = 1;\n  UPDATE t SET b = 2;\nEND //\n"
        + "DELIMITER ;\nCALL p();\n";
    write("mysql/V1__procedure.sql", proc);
    ImportResult r = read(Optional.empty());
    String sql = migration(r, "1").up().get(DialectFamily.MYSQL);
    assertEquals(proc, sql, "the file as Flyway sends it");
    List<SqlSplitter.Statement> st = SqlSplitter.split(sql, DialectFamily.MYSQL);
    assertEquals(2, st.size());
    assertTrue(st.get(0).sql().startsWith("CREATE PROCEDURE p()") && st.get(0).sql().endsWith("END"), st::toString);
  }

  @Test
  void aFileInsteadOfAFolderIsRefused() throws Exception {
    Path f = write("V1__x.sql", "SELECT 1;");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> new FlywayImporter().read(f, PG));
    assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
  }

  @Test
  void theTestSetsHaveTheirPlantedMigrationsAndTheRestHaveDowns() throws Exception {
    for (Map.Entry<String, Integer> set : Map.of("flyway-postgresql", 15, "flyway-mysql", 10).entrySet()) {
      Path root = Path.of("src/test/resources/imports", set.getKey());
      ImportResult r = new FlywayImporter().read(root, Optional.empty());
      List<Migration> versioned = r.migrations().stream().filter(m -> !m.repeatable()).toList();
      assertTrue(versioned.size() >= set.getValue(), set.getKey() + ": " + versioned.size());
      assertEquals(1, r.migrations().stream().filter(Migration::repeatable).count(), set.getKey());
      assertTrue(r.notImported().isEmpty(), r.notImported()::toString);
      List<String> broken = Files.readAllLines(root.resolve("expected-broken.txt")).stream()
          .filter(l -> !l.isBlank()).map(l -> l.substring(0, l.indexOf(' '))).toList();
      for (String v : broken) {
        assertTrue(versions(r).contains(v), set.getKey() + " lists " + v);
      }
      for (Migration m : versioned) {
        assertTrue(!m.missingDown() || broken.contains(m.version()), set.getKey() + " " + m.version()
            + " has no down but is not in expected-broken.txt");
      }
      assertTrue(versions(r).indexOf("1.9") < versions(r).indexOf("1.10") && versions(r).indexOf("1.9") >= 0,
          set.getKey());
    }
  }
}
