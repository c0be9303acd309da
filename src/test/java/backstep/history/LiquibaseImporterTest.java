package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.SqlSplitter;
import backstep.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backstep import liquibase}: what each changelog format rule becomes in the imported migrations. */
class LiquibaseImporterTest {
  private static final Path PG_SET = Path.of("src/test/resources/imports/liquibase-postgresql");
  private static final Path MY_SET = Path.of("src/test/resources/imports/liquibase-mysql");
  private static final Optional<DialectFamily> PG = Optional.of(DialectFamily.POSTGRESQL);
  private static final Optional<DialectFamily> MY = Optional.of(DialectFamily.MYSQL);
  private static final String HEADER = "--liquibase formatted sql\n\n";

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private static ImportResult read(Path p, Optional<DialectFamily> dialect) throws InvalidFileException {
    return new LiquibaseImporter().read(p, dialect);
  }

  private static Migration one(ImportResult r, String version) {
    return r.migrations().stream().filter(m -> m.version().equals(version)).findFirst().orElseThrow();
  }

  private static List<String> statements(Migration m, DialectFamily f, boolean up) {
    return SqlSplitter.split((up ? m.up() : m.down()).get(f), f).stream().map(SqlSplitter.Statement::sql).toList();
  }

  @Test
  void theTestSetsImportInChangelogOrderWithTheirPlantedFaults() throws Exception {
    ImportResult pg = read(PG_SET.resolve("changelog.xml"), Optional.empty());
    assertEquals(List.of("mara:1", "mara:2", "mara:3", "mara:4", "mara:5", "joel:catalog-1", "joel:catalog-2",
        "joel:catalog-3", "joel:catalog-4", "joel:catalog-5", "priya:billing-1", "priya:billing-2",
        "priya:billing-3", "priya:billing-4", "ana:loyalty-1", "ana:loyalty-2", "ana:loyalty-3", "ana:loyalty-4"),
        pg.migrations().stream().map(Migration::version).toList());
    assertEquals(java.util.Set.of(DialectFamily.POSTGRESQL), pg.dialects());
    assertEquals(List.of("changes/billing.yaml:54: changeset priya:newsletter-1: createTable is not SQL; not "
        + "imported"), pg.notImported());
    assertEquals("liquibase-postgresql", pg.name());
    ImportResult my = read(MY_SET.resolve("changelog.xml"), Optional.empty());
    assertEquals(13, my.migrations().size());
    assertEquals("lena:10", my.migrations().get(12).version(), "includeAll reads 030-… before 040-…");
    for (Path set : List.of(PG_SET, MY_SET)) {
      ImportResult r = set == PG_SET ? pg : my;
      for (String line : Files.readAllLines(set.resolve("expected-broken.txt"))) {
        String version = line.substring(0, line.indexOf(' '));
        assertTrue(r.migrations().stream().anyMatch(m -> m.version().equals(version)), version);
      }
      List<String> noDown = r.migrations().stream().filter(Migration::missingDown).map(Migration::version).toList();
      assertEquals(1, noDown.size(), "only the planted empty down has none: " + noDown);
    }
  }

  @Test
  void aFolderIsReadThroughItsMasterChangelog() throws Exception {
    write("db.changelog-master.yaml", "databaseChangeLog:\n  - include:\n      file: a.sql\n"
        + "      relativeToChangelogFile: true\n");
    write("a.sql", HEADER + "--changeset ana:1\nCREATE TABLE a (id int);\n--rollback DROP TABLE a;\n");
    ImportResult r = read(dir, PG);
    assertEquals("ana:1", r.migrations().get(0).version());
    assertEquals("a.sql", r.migrations().get(0).file());
    Files.delete(dir.resolve("db.changelog-master.yaml"));
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(dir, PG));
    assertTrue(e.getMessage().contains("no Liquibase changelog here"), e.getMessage());
  }

  @Test
  void formattedSqlKeepsAuthorCommentRollbackLinesAndNotes() throws Exception {
    Path f = write("c.sql", HEADER
        + "--changeset ana:orders-1 runOnChange:true failOnError:false context:prod labels:billing\n"
        + "--comment: Orders table\n"
        + "--preconditions onFail:MARK_RAN\n"
        + "--precondition-sql-check expectedResult:0 SELECT count(*) FROM orders\n"
        + "-- a plain comment stays in the SQL\n"
        + "CREATE TABLE orders (id int);\n"
        + "CREATE INDEX orders_id ON orders (id);\n"
        + "--rollback DROP INDEX orders_id;\n"
        + "--rollback DROP TABLE\n"
        + "--rollback   orders;\n"
        + "\n"
        + "--changeset ana:orders-2\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n"
        + "/* liquibase rollback\n"
        + "ALTER TABLE orders\n"
        + "  DROP COLUMN note;\n"
        + "*/\n"
        + "--changeset bob:no-id-comment\n"
        + "UPDATE orders SET note = '';\n"
        + "--rollback not required\n");
    ImportResult r = read(f, PG);
    Migration m = one(r, "ana:orders-1");
    assertEquals("Orders table", m.description());
    assertEquals("ana", m.author());
    assertEquals(3, m.line());
    assertTrue(m.up().get(DialectFamily.POSTGRESQL).startsWith("-- a plain comment stays in the SQL\n"));
    assertEquals(List.of("CREATE TABLE orders (id int)", "CREATE INDEX orders_id ON orders (id)"),
        statements(m, DialectFamily.POSTGRESQL, true));
    assertEquals(List.of("DROP INDEX orders_id", "DROP TABLE\n  orders"), statements(m, DialectFamily.POSTGRESQL,
        false));
    String notes = String.join("\n", m.notes());
    for (String word : List.of("runOnChange:true", "failOnError:false", "context prod", "labels billing",
        "preconditions onFail:MARK_RAN: not enforced", "precondition-sql-check expectedResult:0")) {
      assertTrue(notes.contains(word), word + " in " + notes);
    }
    assertEquals(List.of("ALTER TABLE orders\n  DROP COLUMN note"), statements(one(r, "ana:orders-2"),
        DialectFamily.POSTGRESQL, false));
    Migration none = one(r, "bob:no-id-comment");
    assertEquals("no-id-comment", none.description(), "no comment: the id describes it");
    assertTrue(none.missingDown(), "rollback not required: an empty down");
    assertTrue(none.notes().stream().anyMatch(n -> n.contains("rollback 'not required'") && n.contains(
        "rollback_mode: none")), none.notes().toString());
  }

  @Test
  void endDelimiterBecomesADelimiterBlockOnMysqlAndSemicolonsOnPostgresql() throws Exception {
    Path f = write("r.sql", HEADER
        + "--changeset tom:proc dbms:mariadb,mysql endDelimiter://\n"
        + "CREATE PROCEDURE p()\nBEGIN\n  IF 1 THEN SELECT 1; END IF;\n  SELECT 2;\nEND//\n"
        + "--rollback DROP PROCEDURE p;\n"
        + "--changeset tom:two dbms:postgresql endDelimiter:GO\n"
        + "CREATE TABLE a (id int)\nGO\nCREATE TABLE b (id int)\nGO\n"
        + "--rollback DROP TABLE b; DROP TABLE a;\n");
    ImportResult r = read(f, Optional.empty());
    Migration proc = one(r, "tom:proc");
    assertTrue(proc.up().get(DialectFamily.MYSQL).startsWith("DELIMITER //\nCREATE PROCEDURE p()"),
        proc.up().toString());
    assertEquals(1, statements(proc, DialectFamily.MYSQL, true).size());
    assertEquals(Map.of(DialectFamily.MYSQL, proc.up().get(DialectFamily.MYSQL)), proc.up(),
        "dbms:mariadb,mysql is the MySQL family only");
    Migration two = one(r, "tom:two");
    assertEquals("CREATE TABLE a (id int);\n\nCREATE TABLE b (id int);", two.up().get(DialectFamily.POSTGRESQL));
    assertTrue(two.notes().stream().anyMatch(n -> n.contains("endDelimiter:GO: 2 statements rejoined with ';'")),
        two.notes().toString());
    assertEquals(java.util.Set.of(DialectFamily.POSTGRESQL, DialectFamily.MYSQL), r.dialects());
  }

  @Test
  void splitStatementsFalseIsOneStatementWhereBackstepCanSayItAndANoteWhereNot() throws Exception {
    Path f = write("s.sql", HEADER
        + "--changeset tom:trg splitStatements:false\n"
        + "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1;\n"
        + "--rollback DROP TRIGGER t;\n"
        + "--changeset tom:two-in-one splitStatements:false\n"
        + "UPDATE a SET x = 1; UPDATE a SET y = 2;\n"
        + "--rollback SELECT 1;\n");
    Migration mysql = one(read(f, MY), "tom:two-in-one");
    assertTrue(mysql.up().get(DialectFamily.MYSQL).startsWith("DELIMITER //"), mysql.up().toString());
    assertEquals(List.of("UPDATE a SET x = 1; UPDATE a SET y = 2;"), statements(mysql, DialectFamily.MYSQL, true));
    Migration pg = one(read(f, PG), "tom:two-in-one");
    assertEquals(2, statements(pg, DialectFamily.POSTGRESQL, true).size());
    assertTrue(pg.notes().stream().anyMatch(n -> n.contains("splitStatements:false: Liquibase sends 1 statement "
        + "here, Backstep's splitter reads 2")), pg.notes().toString());
    Migration trigger = one(read(f, MY), "tom:trg");
    assertTrue(trigger.notes().stream().noneMatch(n -> n.contains("splitStatements")), "one statement either way");
  }

  @Test
  void xmlAndYamlChangelogsFollowIncludesInOrderWithSqlFilesAndRollbacks() throws Exception {
    Path master = write("changelog.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
          <property name="tbl" value="accounts"/>
          <changeSet id="1" author="ana">
            <comment>Accounts</comment>
            <sql>CREATE TABLE ${tbl} (id int)</sql>
            <rollback>DROP TABLE ${tbl}</rollback>
          </changeSet>
          <includeAll path="later/" relativeToChangelogFile="true"/>
          <include file="more.yaml" relativeToChangelogFile="true"/>
          <changeSet id="9" author="ana">
            <createTable tableName="x"><column name="id" type="int"/></createTable>
          </changeSet>
          <changeSet id="10" author="ana">
            <sqlFile path="files/v.sql" relativeToChangelogFile="true" splitStatements="false"/>
            <rollback><sql>DROP VIEW v</sql></rollback>
          </changeSet>
          <changeSet id="11" author="ana"><sql>SELECT 1</sql><rollback/></changeSet>
        </databaseChangeLog>
        """);
    write("later/b.sql", HEADER + "--changeset bob:b\nCREATE TABLE b (id int);\n--rollback DROP TABLE b;\n");
    write("later/a.sql", HEADER + "--changeset bob:a\nCREATE TABLE a (id int);\n--rollback DROP TABLE a;\n");
    write("later/notes.txt", "not a changelog");
    write("more.yaml", """
        databaseChangeLog:
          - changeSet:
              id: y1
              author: cy
              comment: From YAML
              changes:
                - sql:
                    sql: CREATE TABLE y (id int)
                - sql:
                    dbms: mysql
                    sql: ALTER TABLE y ENGINE=InnoDB
              rollback:
                - sql:
                    sql: DROP TABLE y
        """);
    write("files/v.sql", "CREATE VIEW v AS SELECT 1 AS one;\n");
    ImportResult r = read(master, PG);
    assertEquals(List.of("ana:1", "bob:a", "bob:b", "cy:y1", "ana:10", "ana:11"), r.migrations().stream()
        .map(Migration::version).toList());
    Migration first = one(r, "ana:1");
    assertEquals("CREATE TABLE accounts (id int);", first.up().get(DialectFamily.POSTGRESQL),
        "changelog properties are filled in");
    assertEquals("DROP TABLE accounts;", first.down().get(DialectFamily.POSTGRESQL));
    assertEquals("CREATE TABLE y (id int);", one(r, "cy:y1").up().get(DialectFamily.POSTGRESQL),
        "a change for another dbms is left out");
    assertEquals("CREATE VIEW v AS SELECT 1 AS one;", one(r, "ana:10").up().get(DialectFamily.POSTGRESQL));
    assertTrue(one(r, "ana:11").missingDown(), "an empty <rollback/> is an empty down");
    assertEquals(List.of("changelog.xml:12: changeset ana:9: createTable is not SQL; not imported"),
        r.notImported());
    assertEquals("later/a.sql", one(r, "bob:a").file());
  }

  @Test
  void xmlLinesAreWhereATagBeginsEvenOverSeveralLines() throws Exception {
    Path f = write("c.xml", "<databaseChangeLog>\n  <changeSet\n     id=\"1\"\n     author=\"a\">\n"
        + "    <sql>SELECT 1</sql>\n    <createTable\n        tableName=\"t\"/>\n  </changeSet>\n"
        + "  <changeSet id=\"2\"\n      author=\"a\">\n    <sql>SELECT 2</sql>\n  </changeSet>\n"
        + "</databaseChangeLog>\n");
    ImportResult r = read(f, PG);
    assertEquals(List.of("c.xml:6: changeset a:1: createTable is not SQL; not imported (nor the changeset's SQL "
        + "changes)"), r.notImported());
    assertEquals(9, one(r, "a:2").line());
  }

  @Test
  void checksumsAreLiquibasesMd5sums() throws Exception {
    // the values Liquibase 4.33 stored in DATABASECHANGELOG.MD5SUM for these changesets (LiquibaseChecksumIT)
    ImportResult pg = read(PG_SET.resolve("changelog.xml"), Optional.empty());
    assertEquals("9:54f16035bead0616dc3825fd753063d9", one(pg, "joel:catalog-5").checksum());
    assertEquals("9:6f02ad5e6cb918b20c210aeb4d82b0d2", one(pg, "priya:billing-2").checksum());
    // blanks do not count, and the checksum does not depend on the changelog format
    Path sql = write("a.sql", HEADER + "--changeset ana:1\nCREATE   TABLE a\n(id int);\n");
    Path yaml = write("a.yaml", "databaseChangeLog:\n  - changeSet:\n      id: '1'\n      author: ana\n"
        + "      changes:\n        - sql: {sql: 'CREATE TABLE a (id int);'}\n");
    String a = read(sql, PG).migrations().get(0).checksum();
    assertEquals(a, read(yaml, PG).migrations().get(0).checksum());
    assertTrue(a.matches("9:[0-9a-f]{32}"), a);
    assertEquals(LiquibaseChecksum.changeSet(List.of(LiquibaseChecksum.change("CREATETABLEa(idint);"))), a);
  }

  @Test
  void theDialectComesFromDbmsThenDialectElseTheImportAsksForIt() throws Exception {
    Path f = write("d.sql", HEADER
        + "--changeset ana:pg dbms:postgresql\nSELECT 1;\n--rollback SELECT 1;\n"
        + "--changeset ana:any\nSELECT 2;\n--rollback SELECT 2;\n"
        + "--changeset ana:ora dbms:oracle\nSELECT 3 FROM dual;\n--rollback SELECT 3 FROM dual;\n");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(f, Optional.empty()));
    assertTrue(e.getMessage().contains("d.sql:6:1 changeset ana:any do not say which database they are for (no "
        + "dbms:); pass --dialect postgresql or --dialect mysql"), e.getMessage());
    ImportResult pg = read(f, PG);
    assertEquals(List.of("ana:pg", "ana:any"), pg.migrations().stream().map(Migration::version).toList());
    assertTrue(pg.notImported().get(0).contains("ana:ora: dbms:oracle does not run on postgresql"),
        pg.notImported().toString());
    ImportResult my = read(f, MY);
    assertEquals(List.of("ana:any"), my.migrations().stream().map(Migration::version).toList());
    assertEquals(2, my.notImported().size());
  }

  @Test
  void malformedChangelogsNameFileAndLineAndNothingIsWritten() throws Exception {
    Path sql = write("bad.sql", HEADER + "--changeset ana:1\nSELECT 1;\n--changeset ana\nSELECT 2;\n");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(sql, PG));
    assertTrue(e.getMessage().contains("bad.sql:5:1 malformed changeset line; write --changeset <author>:<id>"),
        e.getMessage());
    Path xml = write("bad.xml", "<databaseChangeLog>\n  <changeSet id=\"1\" author=\"a\">\n    <sql>SELECT 1"
        + "</sqlx>\n</databaseChangeLog>\n");
    e = assertThrows(InvalidFileException.class, () -> read(xml, PG));
    assertTrue(e.getMessage().contains("bad.xml:3:") && e.getMessage().contains("malformed XML"), e.getMessage());
    Path yaml = write("bad.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 1\n     author: [\n");
    e = assertThrows(InvalidFileException.class, () -> read(yaml, PG));
    assertTrue(e.getMessage().matches("(?s).*bad\\.yaml:[45]:\\d+ malformed YAML.*"), e.getMessage());
    Path missing = write("inc.xml", "<databaseChangeLog>\n  <include file=\"nope.sql\"/>\n</databaseChangeLog>\n");
    e = assertThrows(InvalidFileException.class, () -> read(missing, PG));
    assertTrue(e.getMessage().contains("inc.xml:2:1 include file nope.sql: no such file"), e.getMessage());

    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("import", "liquibase", sql.toString(), "-o", out.toString(), "--dialect", "postgresql");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("bad.sql:5:1"), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
    assertFalse(Files.exists(out), "nothing is written");
  }

  @Test
  void aDuplicateAuthorIdNamesBothPlaces() throws Exception {
    write("one.sql", HEADER + "--changeset ana:1\nSELECT 1;\n--rollback SELECT 1;\n");
    write("two.sql", HEADER + "\n--changeset ana:1\nSELECT 2;\n--rollback SELECT 2;\n");
    Path master = write("changelog.yaml", "databaseChangeLog:\n  - include: {file: one.sql}\n"
        + "  - include: {file: two.sql}\n");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(master, PG));
    assertTrue(e.getMessage().contains("two.sql:4:1 changeset ana:1 is declared twice: here and at one.sql:3"),
        e.getMessage());
  }

  @Test
  void rollbackNamingAnotherChangesetRunsThatChangesetsSql() throws Exception {
    Path f = write("r.sql", HEADER
        + "--changeset ana:drop-old\nDROP TABLE old_a;\n--rollback CREATE TABLE old_a (id int);\n"
        + "--changeset ana:make\nCREATE TABLE b (id int);\n--rollback DROP TABLE b;\n"
        + "--changeset ana:remake\nDROP TABLE b;\n--rollback changesetId:make changesetAuthor:ana\n");
    Migration m = one(read(f, PG), "ana:remake");
    assertEquals("CREATE TABLE b (id int);", m.down().get(DialectFamily.POSTGRESQL));
  }

  @Test
  void unknownPropertiesAreWarnedAbout() throws Exception {
    Path f = write("p.sql", HEADER + "--property name:owner value:shop_app\n"
        + "--changeset ana:1\nGRANT SELECT ON a TO ${owner};\nGRANT SELECT ON b TO ${reader};\n"
        + "--rollback REVOKE SELECT ON a FROM ${owner};\n");
    ImportResult r = read(f, PG);
    assertTrue(r.migrations().get(0).up().get(DialectFamily.POSTGRESQL).startsWith("GRANT SELECT ON a TO shop_app;"));
    assertEquals(1, r.warnings().size());
    assertTrue(r.warnings().get(0).contains("uses ${reader}"), r.warnings().toString());
  }

  @Test
  void proIncludeLinesInFormattedSqlAreFollowed() throws Exception {
    write("parts/one.sql", HEADER + "--changeset ana:1\nSELECT 1;\n--rollback SELECT 1;\n");
    Path master = write("master.sql", HEADER + "--include file:parts/one.sql relativeToChangelogFile:true\n"
        + "--changeset ana:2\nSELECT 2;\n--rollback SELECT 2;\n");
    assertEquals("ana:1,ana:2", read(master, PG).migrations().stream().map(Migration::version)
        .collect(Collectors.joining(",")));
  }
}
