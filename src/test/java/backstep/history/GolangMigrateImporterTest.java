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
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GolangMigrateImporterTest {
  private static final Optional<DialectFamily> PG = Optional.of(DialectFamily.POSTGRESQL);
  private static final Optional<DialectFamily> MYSQL = Optional.of(DialectFamily.MYSQL);

  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private ImportResult read(Optional<DialectFamily> dialect) throws InvalidFileException {
    return new GolangMigrateImporter().read(dir, dialect);
  }

  private static Migration migration(ImportResult r, String version) {
    return r.migrations().stream().filter(m -> m.version().equals(version)).findFirst().orElseThrow();
  }

  @Test
  void versionsAreOrderedAsNumbersAndPairedWithTheirDowns() throws Exception {
    write("10_add_note.up.sql", "ALTER TABLE orders ADD COLUMN note text;");
    write("10_add_note.down.sql", "ALTER TABLE orders DROP COLUMN note;");
    write("2_create_orders.up.sql", "CREATE TABLE orders (id int);");
    write("2_create_orders.down.sql", "DROP TABLE orders;");
    write("20240105093000_add_index.up.sql", "CREATE INDEX orders_id ON orders (id);");
    ImportResult r = read(PG);
    assertEquals(List.of("2", "10", "20240105093000"), r.migrations().stream().map(Migration::version).toList());
    assertEquals("DROP TABLE orders;", migration(r, "2").down().get(DialectFamily.POSTGRESQL));
    assertEquals("create orders", migration(r, "2").description());
    assertEquals("2_create_orders.up.sql", migration(r, "2").file());
    assertTrue(migration(r, "20240105093000").missingDown(), "no .down.sql: no down");
    assertEquals(Set.of(DialectFamily.POSTGRESQL), r.dialects());
  }

  @Test
  void anEmptyOrCommentOnlyDownIsAMissingDown() throws Exception {
    write("1_a.up.sql", "CREATE TABLE a (x int);");
    write("1_a.down.sql", "");
    write("2_b.up.sql", "CREATE TABLE b (x int);");
    write("2_b.down.sql", "-- nothing to undo\n\n");
    write("3_c.down.sql", "DROP TABLE c;");
    ImportResult r = read(PG);
    assertTrue(migration(r, "1").missingDown());
    assertTrue(migration(r, "2").missingDown());
    assertEquals(List.of("2_b.down.sql holds no statement: the migration has no down"), migration(r, "2").notes());
    assertEquals(List.of("3_c.down.sql: a down file without its up file"), r.notImported());
  }

  @Test
  void twoUpFilesOfOneVersionAreAProblemNamingBothAndNothingIsWritten() throws Exception {
    write("1_create_orders.up.sql", "CREATE TABLE orders (id int);");
    write("0001_create_customers.up.sql", "CREATE TABLE customers (id int);");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(PG));
    assertTrue(e.getMessage().contains("1_create_orders.up.sql:1:1 version 1 is also 0001_create_customers.up.sql"),
        e.getMessage());
    Path out = dir.resolveSibling(dir.getFileName() + "-out");
    Cli.Result cli = Cli.run("import", "golang-migrate", dir.toString(), "-o", out.toString(), "--dialect", "mysql");
    assertEquals(2, cli.exit(), cli::toString);
    assertFalse(Files.exists(out), "nothing is written when the source has a problem");
  }

  @Test
  void theDialectMustBeGiven() throws Exception {
    write("1_a.up.sql", "CREATE TABLE a (x int);");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(Optional.empty()));
    assertTrue(e.getMessage().contains(":1:1 golang-migrate files do not say which SQL family they are written for: "
        + "pass --dialect postgresql or --dialect mysql"), e.getMessage());
    assertEquals(Set.of(DialectFamily.MYSQL), read(MYSQL).dialects());
  }

  @Test
  void theChecksumIsTheSha256OfTheUpFile() throws Exception {
    byte[] bytes = "CREATE TABLE a (x int);\r\n".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("1_a.up.sql"), bytes);
    String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertEquals(expected, migration(read(PG), "1").checksum());
  }

  @Test
  void otherFilesAreLeftOutWithTheReason() throws Exception {
    write("1_a.up.sql", "CREATE TABLE a (x int);");
    write("2_b.up.json", "{}");
    write("3_backfill.go", "package migrations");
    write("schema.sql", "CREATE TABLE a (x int);");
    write("README.md", "migrations");
    Files.createDirectories(dir.resolve("archive"));
    ImportResult r = read(PG);
    assertEquals(List.of("2_b.up.json: not SQL (.json): Backstep imports SQL migrations only",
        "3_backfill.go: a Go migration (goose): Backstep imports SQL migrations only",
        "schema.sql: not a migration name (<version>_<name>.up.sql and .down.sql; or <version>_<name>.sql with "
            + "-- migrate:up or -- +goose Up sections)",
        "archive: a folder: golang-migrate, dbmate and goose read only the folder they are given (import it on its "
            + "own)"), r.notImported());
  }

  @Test
  void dbmateSectionsAreTheUpAndTheDown() throws Exception {
    write("20240101000000_create_orders.sql", "-- migrate:up\nCREATE TABLE orders (id int);\n\n"
        + "-- migrate:down\nDROP TABLE orders;\n");
    write("20240102000000_index.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY o ON orders (id);\n"
        + "-- migrate:down\n");
    ImportResult r = read(PG);
    Migration m = migration(r, "20240101000000");
    assertEquals("CREATE TABLE orders (id int);\n", m.up().get(DialectFamily.POSTGRESQL));
    assertEquals("DROP TABLE orders;\n", m.down().get(DialectFamily.POSTGRESQL));
    Migration idx = migration(r, "20240102000000");
    assertTrue(idx.missingDown(), "an empty -- migrate:down section");
    assertTrue(idx.notes().get(0).startsWith("dbmate runs the up section outside a transaction (transaction:false)"),
        idx.notes()::toString);
  }

  @Test
  void dbmateFilesWithSqlOutsideTheSectionsAreProblemsAtTheirLine() throws Exception {
    write("1_a.sql", "-- a comment is fine\nCREATE TABLE stray (x int);\n-- migrate:up\nSELECT 1;\n");
    write("2_b.sql", "-- migrate:down\nDROP TABLE b;\n-- migrate:up\nCREATE TABLE b (x int);\n");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(PG));
    assertTrue(e.getMessage().contains("1_a.sql:2:1 SQL before '-- migrate:up'"), e.getMessage());
    assertTrue(e.getMessage().contains("2_b.sql:1:1 '-- migrate:down' comes before '-- migrate:up' (line 3)"),
        e.getMessage());
  }

  @Test
  void aSingleSqlFileWithoutSectionsIsAProblem() throws Exception {
    write("1_a.sql", "CREATE TABLE a (x int);");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(PG));
    assertTrue(e.getMessage().contains("1_a.sql:1:1 neither '-- migrate:up' (dbmate) nor '-- +goose Up' (goose)"),
        e.getMessage());
  }

  private static final String GOOSE_PROC = """
      -- +goose Up
      CREATE TABLE t (a INT, b INT);
      -- +goose StatementBegin
      -- recalculates both columns
      CREATE PROCEDURE p()
      BEGIN
        UPDATE t SET a = 1;
        UPDATE t SET b = 2;
      END;
      -- +goose StatementEnd

      -- +goose Down
      DROP PROCEDURE p;
      DROP TABLE t;
      """;

  @Test
  void aGooseStatementBlockIsOneStatementOnMysqlThroughDelimiter() throws Exception {
    write("00001_procedure.sql", GOOSE_PROC);
    Migration m = migration(read(MYSQL), "1");
    String up = m.up().get(DialectFamily.MYSQL);
    assertTrue(up.contains("-- +goose StatementBegin\nDELIMITER //\n"), up);
    List<SqlSplitter.Statement> st = SqlSplitter.split(up, DialectFamily.MYSQL);
    assertEquals(2, st.size(), st::toString);
    // exactly the text goose sends for the block: its lines after the leading comment, up to the last ';'
    assertEquals("CREATE PROCEDURE p()\nBEGIN\n  UPDATE t SET a = 1;\n  UPDATE t SET b = 2;\nEND;", st.get(1).sql());
    assertEquals(List.of("DROP PROCEDURE p", "DROP TABLE t"), SqlSplitter.split(m.down().get(DialectFamily.MYSQL),
        DialectFamily.MYSQL).stream().map(SqlSplitter.Statement::sql).toList());
    assertEquals("sha256:", m.checksum().substring(0, 7));
  }

  @Test
  void aGooseBlockOfSeveralStatementsIsLeftAsItIsWithANote() throws Exception {
    write("1_backfill.sql", "-- +goose Up\n-- +goose StatementBegin\nUPDATE a SET x = 1;\nUPDATE b SET y = 2;\n"
        + "-- +goose StatementEnd\n-- +goose Down\n");
    Migration mysql = migration(read(MYSQL), "1");
    assertFalse(mysql.up().get(DialectFamily.MYSQL).contains("DELIMITER"));
    assertTrue(mysql.notes().contains("the goose statement block at line 2 holds 2 statements: goose sends them in "
        + "one call, Backstep runs them one by one"), mysql.notes()::toString);
    assertTrue(mysql.missingDown(), "an empty -- +goose Down section");
  }

  @Test
  void aPostgresqlGooseFunctionBlockStaysOneStatement() throws Exception {
    write("1_fn.sql", "-- +goose Up\n-- +goose NO TRANSACTION\n-- +goose StatementBegin\nCREATE FUNCTION f() "
        + "RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$;\n-- +goose StatementEnd\n"
        + "-- +goose Down\nDROP FUNCTION f();\n");
    Migration m = migration(read(PG), "1");
    assertEquals(1, SqlSplitter.split(m.up().get(DialectFamily.POSTGRESQL), DialectFamily.POSTGRESQL).size());
    assertTrue(m.notes().get(0).startsWith("goose runs it outside a transaction (NO TRANSACTION)"),
        m.notes()::toString);
  }

  @Test
  void malformedGooseFilesAreProblemsAtTheirLine() throws Exception {
    write("1_a.sql", "-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS 'select 1';\n");
    write("2_b.sql", "-- +goose up\nSELECT 1;\n");
    write("3_c.sql", "SELECT 1;\n-- +goose Up\nSELECT 2;\n");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(PG));
    assertTrue(e.getMessage().contains("1_a.sql:2:1 '-- +goose StatementBegin' without its '-- +goose StatementEnd'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("2_b.sql:1:1 '-- +goose up' is not a goose annotation"), e.getMessage());
    assertTrue(e.getMessage().contains("3_c.sql:1:1 SQL before '-- +goose Up'"), e.getMessage());
  }

  @Test
  void theTestSetsHaveTheirPlantedMigrationsAndTheRestHaveDowns() throws Exception {
    Map<String, Integer> sets = Map.of("golang-migrate-postgresql", 15, "golang-migrate-mysql", 10);
    for (Map.Entry<String, Integer> set : sets.entrySet()) {
      Path root = Path.of("src/test/resources/imports", set.getKey());
      DialectFamily family = set.getKey().endsWith("mysql") ? DialectFamily.MYSQL : DialectFamily.POSTGRESQL;
      ImportResult r = new GolangMigrateImporter().read(root.resolve("migrations"), Optional.of(family));
      assertTrue(r.migrations().size() >= set.getValue(), set.getKey() + ": " + r.migrations().size());
      assertTrue(r.notImported().isEmpty(), r.notImported()::toString);
      List<String> broken = Files.readAllLines(root.resolve("expected-broken.txt")).stream()
          .filter(l -> !l.isBlank()).map(l -> l.substring(0, l.indexOf(' '))).toList();
      List<String> versions = r.migrations().stream().map(Migration::version).toList();
      assertTrue(versions.containsAll(broken), set.getKey() + " " + broken);
      for (Migration m : r.migrations()) {
        assertTrue(!m.missingDown() || broken.contains(m.version()), set.getKey() + " " + m.version());
      }
    }
  }

  @Test
  void theMariadbSetsProcedureIsOneStatementAsTheServerReadsIt() throws Exception {
    ImportResult r = new GolangMigrateImporter().read(Path.of(
        "src/test/resources/imports/golang-migrate-mysql/migrations"), MYSQL);
    List<SqlSplitter.Statement> st = SqlSplitter.split(migration(r, "7").up().get(DialectFamily.MYSQL),
        DialectFamily.MYSQL);
    assertEquals(1, st.size(), st::toString);
    assertTrue(st.get(0).sql().startsWith("CREATE PROCEDURE receive_stock") && st.get(0).sql().endsWith("END"));
  }
}
