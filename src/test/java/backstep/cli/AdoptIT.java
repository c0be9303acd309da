package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.history.History;
import backstep.history.HistoryLoader;
import backstep.history.Migration;
import backstep.playbook.DialectFamily;
import backstep.playbook.PlaybookLoader;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import backstep.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code backstep adopt} on databases migrated by the real tools: the baseline is recorded, status, rollback and
 * apply continue from it, a changed migration is refused, and running it again records nothing twice.
 */
class AdoptIT {
  @TempDir
  Path dir;

  private static String folder(ScratchDb db) {
    return db.kind() == ScratchDb.Kind.POSTGRES ? "adopt/flyway-postgresql" : "adopt/flyway-mysql";
  }

  private static DialectFamily family(ScratchDb db) {
    return db.kind() == ScratchDb.Kind.POSTGRES ? DialectFamily.POSTGRESQL : DialectFamily.MYSQL;
  }

  private Path flywayHistory(ScratchDb db, Path project) throws Exception {
    return Tools.history("flyway", "bike-rental", Tools.flywayMigrations(project, family(db)), family(db),
        dir.resolve("history"));
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void flywayBaselineThenStatusRollbackAndApplyContinueFromIt(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path project = Tools.copy(folder(db), dir.resolve("project"));
      Tools.flyway(db, project.resolve("sql"), "3");
      Path history = flywayHistory(db, project);
      int adopted = kind == ScratchDb.Kind.POSTGRES ? 4 : 3; // V1..V3, and PostgreSQL's repeatable view

      Cli.Result dry = Cli.on(db, "adopt", history.toString(), "--dry-run");
      assertEquals(0, dry.exit(), dry.toString());
      assertTrue(dry.out().contains("would record " + adopted + " adopted run(s)"), dry.out());
      assertFalse(db.hasLedger(), "a dry run creates nothing");

      Cli.Result r = Cli.on(db, "adopt", history.toString());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("Recorded " + adopted + " adopted run(s)"), r.out());
      assertTrue(r.out().contains("checksum equal (crc32:"), r.out());
      assertTrue(r.out().contains("not applied: left for Backstep to apply"), r.out());

      Cli.Result again = Cli.on(db, "adopt", history.toString());
      assertEquals(0, again.exit(), again.toString());
      assertTrue(again.out().contains("Nothing to record"), again.out());
      assertEquals(adopted, runs(db), "running adopt again records nothing twice");

      continuesFromTheBaseline(db, history, "Flyway", adopted, "3", "rentals", "4");
    }
  }

  /** {@code backstep import liquibase}: the real importer, checksums computed as Liquibase computes them. */
  private static Path importLiquibase(Path project, Path out) {
    Cli.Result r = Cli.run("import", "liquibase", project.resolve("changelog.sql").toString(), "-o", out.toString(),
        "--dialect", "postgresql");
    assertEquals(0, r.exit(), r.toString());
    return out.resolve("history.yaml");
  }

  /** The playbook file of the migration {@code ref} (its version as the tool knows it, or its playbook id). */
  private static Path playbook(Path history, String ref) throws Exception {
    History h = new HistoryLoader(new PlaybookLoader(null)).load(history);
    return h.migrations().get(h.indexOf(ref).orElseThrow(() -> new AssertionError("no migration " + ref)))
        .source();
  }

  /**
   * After the baseline: status says each of the {@code adopted} migrations is applied by {@code tool}; the newest
   * adopted one rolls back (its down runs: the table or index {@code itsObject} is gone), unproven; it and
   * {@code next} then apply as playbooks, and {@code apply HISTORY} applies the rest, skipping every migration whose
   * latest run is applied (adopted or not); the ledger's chain holds.
   */
  private static void continuesFromTheBaseline(ScratchDb db, Path history, String tool, int adopted, String newest,
      String itsObject, String next) throws Exception {
    Cli.Result st = Cli.on(db, "status");
    assertEquals(0, st.exit(), st.toString());
    assertEquals(adopted, count(st.out(), "adopted: " + tool + " applied it, not Backstep"), st.out());

    Cli.Result back = Cli.on(db, "rollback", playbook(history, newest).toString(), "--yes");
    assertEquals(0, back.exit(), back.toString());
    assertTrue(back.out().contains("ROLLED BACK — unproven"), back.out());
    assertTrue(back.out().contains("applied by " + tool + " before Backstep adopted it"), back.out());
    assertFalse(exists(db, itsObject), "its down ran");

    for (String pb : List.of(newest, next)) {
      Cli.Result apply = Cli.on(db, "apply", playbook(history, pb).toString(), "--yes");
      assertEquals(0, apply.exit(), apply.toString());
      assertTrue(apply.out().contains("APPLIED"), apply.out());
    }
    assertTrue(exists(db, itsObject));
    Cli.Result rest = Cli.on(db, "apply", history.toString(), "--yes");
    assertEquals(0, rest.exit(), rest.toString());
    assertTrue(rest.out().contains(": APPLIED — "), rest.out());
    assertFalse(rest.out().contains("✖"), rest.out());
    Cli.Result st2 = Cli.on(db, "status");
    assertEquals(0, st2.exit(), st2.toString());
    assertFalse(st2.out().contains("ROLLED BACK"), "every migration is applied now: " + st2.out());
    Cli.Result audit = Cli.on(db, "audit", "verify");
    assertEquals(0, audit.exit(), audit.toString());
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aMigrationEditedAfterFlywayRanItIsListedAndRefusedUnlessAccepted(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path project = Tools.copy(folder(db), dir.resolve("project"));
      Tools.flyway(db, project.resolve("sql"), "3");
      Path v2 = project.resolve("sql/V2__create_bikes.sql");
      String applied = Tools.flywayChecksum(v2);
      Files.writeString(v2, Files.readString(v2).replace("'Cargo bike', 1500", "'Cargo bike', 1600"));
      Path history = flywayHistory(db, project);

      Cli.Result r = Cli.on(db, "adopt", history.toString());
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.out().contains("Checksums that differ (migration: stored, imported):"), r.out());
      assertTrue(r.out().contains("2 (2-create-bikes): stored " + applied + ", imported "
          + Tools.flywayChecksum(v2)), r.out());
      assertTrue(r.out().contains("REFUSED: nothing was recorded"), r.out());
      assertFalse(db.hasLedger(), "a refused adoption creates nothing");

      Cli.Result accepted = Cli.on(db, "adopt", history.toString(), "--accept-checksums");
      assertEquals(0, accepted.exit(), accepted.toString());
      assertTrue(accepted.out().contains("accepted with --accept-checksums and written into the ledger"),
          accepted.out());
      Cli.Result st = Cli.on(db, "status");
      assertTrue(st.out().contains("⚠ checksum DIFFERS: stored " + applied), st.out());
      Cli.Result hist = Cli.on(db, "history", "--json");
      assertTrue(hist.exit() == 0, hist.toString());
    }
  }

  @org.junit.jupiter.api.Test
  void aMigrationFlywayFailedPartWayIsAHalfMigratedDatabase() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      Path project = Tools.copy(folder(db), dir.resolve("project"));
      // MariaDB commits each DDL statement: the first runs, the second fails, Flyway records success = 0
      Files.writeString(project.resolve("sql/V4__add_bike_status.sql"), "ALTER TABLE bikes ADD COLUMN status "
          + "VARCHAR(20) NOT NULL DEFAULT 'available';\nALTER TABLE bikes ADD COLUMN status VARCHAR(20);\n");
      org.junit.jupiter.api.Assertions.assertThrows(org.flywaydb.core.api.FlywayException.class,
          () -> Tools.flyway(db, project.resolve("sql"), "4"));
      Cli.Result r = Cli.on(db, "adopt", flywayHistory(db, project).toString());
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.out().contains("Half-migrated:"), r.out());
      assertTrue(r.out().contains("version 4 (add bike status) FAILED"), r.out());
      assertFalse(db.hasLedger());
    }
  }

  @org.junit.jupiter.api.Test
  void aGapAndAMigrationTheHistoryLacksAreListedAndRefused() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path project = Tools.copy(folder(db), dir.resolve("project"));
      Tools.flyway(db, project.resolve("sql"), "3");
      db.exec("DELETE FROM flyway_schema_history WHERE version = '2'",
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
              + "installed_by, execution_time, success) VALUES (9, '9', 'hotfix', 'SQL', 'V9__hotfix.sql', 1, "
              + "'ops', 3, true)");
      Cli.Result r = Cli.on(db, "adopt", flywayHistory(db, project).toString());
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.out().contains("2 (2-create-bikes) is not applied, yet the next one, 3 (3-create-rentals), is"),
          r.out());
      assertTrue(r.out().contains("flyway_schema_history installed_rank 9: version 9 (hotfix) is applied, but the "
          + "history has no such migration"), r.out());
      assertFalse(db.hasLedger());
    }
  }

  @org.junit.jupiter.api.Test
  void liquibaseBaselineThenRollbackApplyAndAnEditedChangeset() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path project = Tools.copy("adopt/liquibase", dir.resolve("project"));
      Tools.liquibase(db, project, "changelog.sql", 3);
      Path history = importLiquibase(project, dir.resolve("history"));

      Cli.Result r = Cli.on(db, "adopt", history.toString());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("Recorded 3 adopted run(s)"), r.out());
      assertEquals(3, count(r.out(), "checksum equal (9:"), r.out());

      continuesFromTheBaseline(db, history, "Liquibase", 3, "tomas:3", "invoices_account_idx", "tomas:4");

      try (ScratchDb other = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
        Tools.liquibase(other, project, "changelog.sql", 3);
        Path log = project.resolve("changelog.sql");
        Files.writeString(log, Files.readString(log).replace("number      VARCHAR(30)", "number      VARCHAR(40)"));
        Path edited = importLiquibase(project, dir.resolve("edited"));
        Cli.Result refused = Cli.on(other, "adopt", edited.toString());
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.out().matches("(?s).*  - maria:2 \\([^)]+\\): stored 9:[0-9a-f]+, imported 9:.*"),
            refused.out());
        assertFalse(other.hasLedger());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void golangMigrateCountsEveryVersionUpToItsOneRowAndRefusesADirtyOne(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path project = Tools.copy("adopt/golang-migrate", dir.resolve("project"));
      List<Migration> ms = Tools.golangMigrations(project, family(db), null);
      for (Migration m : ms.subList(0, 3)) {
        Tools.run(db, m.up().get(family(db)));
      }
      // as golang-migrate leaves it when version 3 failed part way
      db.exec("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
          "INSERT INTO schema_migrations (version, dirty) VALUES (3, true)");
      Path history = Tools.history("golang-migrate", "tickets", ms, family(db), dir.resolve("history"));
      Cli.Result dirty = Cli.on(db, "adopt", history.toString());
      assertEquals(1, dirty.exit(), dirty.toString());
      assertTrue(dirty.out().contains("version 3 is dirty"), dirty.out());
      assertFalse(db.hasLedger());

      db.exec("UPDATE schema_migrations SET dirty = false"); // `migrate force 3` after a repair by hand
      Cli.Result r = Cli.on(db, "adopt", history.toString());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("Recorded 3 adopted run(s)"), r.out());
      assertEquals(3, count(r.out(), "checksum not compared: golang-migrate keeps no checksums"), r.out());
      assertTrue(r.out().contains("records only the version the database is at (3)"), r.out());
      continuesFromTheBaseline(db, history, "golang-migrate", 3, "000003", "tickets", "000004");
    }
  }

  @org.junit.jupiter.api.Test
  void dbmateListsEachAppliedVersion() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path project = Tools.copy("adopt/golang-migrate", dir.resolve("project"));
      List<String> versions = List.of("20260105120000", "20260112090000", "20260120170000", "20260202083000",
          "20260210160000");
      List<Migration> ms = Tools.golangMigrations(project, DialectFamily.POSTGRESQL, versions);
      db.exec("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)");
      for (int i = 0; i < 3; i++) {
        Tools.run(db, ms.get(i).up().get(DialectFamily.POSTGRESQL));
        db.exec("INSERT INTO schema_migrations (version) VALUES ('" + versions.get(i) + "')");
      }
      Path history = Tools.history("golang-migrate", "tickets", ms, DialectFamily.POSTGRESQL,
          dir.resolve("history"));
      Cli.Result wrong = Cli.on(db, "adopt", history.toString(), "--format", "golang-migrate");
      assertEquals(2, wrong.exit(), wrong.toString());
      assertTrue(wrong.err().contains("pass --format dbmate"), wrong.err());

      Cli.Result json = Cli.on(db, "adopt", history.toString(), "--dry-run", "--json");
      assertEquals(0, json.exit(), json.toString());
      var tree = backstep.playbook.Json.MAPPER.readTree(json.out());
      assertEquals("dbmate", tree.path("baseline").path("format").asText(), json.out());
      assertEquals("ADOPT", tree.path("baseline").path("entries").path(2).path("state").asText(), json.out());
      assertEquals("NOT_APPLIED", tree.path("baseline").path("entries").path(3).path("state").asText(), json.out());
      assertEquals(versions.get(2), tree.path("baseline").path("entries").path(2).path("row").path("row")
          .path("version").asText(), json.out());

      Cli.Result r = Cli.on(db, "adopt", history.toString());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("from dbmate's public.schema_migrations"), r.out());
      assertTrue(r.out().contains("Recorded 3 adopted run(s)"), r.out());
      continuesFromTheBaseline(db, history, "dbmate", 3, "20260120170000", "tickets", "20260202083000");
    }
  }

  private static final List<String> LIBRARY_PLAN = List.of("patrons", "books", "books_by_title@v1.0", "loans",
      "books_by_title");

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void sqitchRegistryWithAReworkedChangeLeftToApply(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path project = Tools.copy("adopt/sqitch", dir.resolve("project"));
      List<Migration> ms = Tools.sqitchMigrations(project, LIBRARY_PLAN, family(db));
      boolean pg = kind == ScratchDb.Kind.POSTGRES;
      String registry = pg ? "sqitch" : "sqitch_" + db.name(); // a MySQL registry is a database of the server
      try {
        Tools.run(db, Files.readString(project.resolve(pg ? "registry-postgresql.sql" : "registry-mysql.sql"))
            .replace("${registry}", registry));
        sqitchDeploy(db, registry, ms.subList(0, 4));
        Path history = Tools.history("sqitch", "library", ms, family(db), dir.resolve("history"));
        List<String> args = new java.util.ArrayList<>(List.of("adopt", history.toString()));
        if (!pg) {
          args.addAll(List.of("--registry", registry));
        }
        Cli.Result r = Cli.on(db, args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Recorded 4 adopted run(s)"), r.out());
        assertEquals(4, count(r.out(), "checksum equal (sha1:"), r.out());
        assertTrue(r.out().matches("(?s).*books_by_title +books_by_title\\s+not applied: left for Backstep.*"),
            r.out());
        continuesFromTheBaseline(db, history, "Sqitch", 4, "loans", "loans", "books_by_title");
      } finally {
        if (!pg) {
          db.exec("DROP DATABASE IF EXISTS " + registry);
        }
      }
    }
  }

  /** What {@code sqitch deploy} leaves: each change's SQL run, its row in changes, a deploy event, the tag. */
  private static void sqitchDeploy(ScratchDb db, String registry, List<Migration> changes) throws Exception {
    boolean pg = db.kind() == ScratchDb.Kind.POSTGRES;
    String change = pg ? "change" : "`change`";
    String array = pg ? "'{}'" : "''";
    String who = "'Ines Moreau', 'ines@library.example'";
    db.exec("INSERT INTO " + registry + ".projects (project, uri, created_at, creator_name, creator_email) "
        + "VALUES ('library', NULL, '2026-03-10 08:00:00', " + who + ")");
    for (int i = 0; i < changes.size(); i++) {
      Migration m = changes.get(i);
      Tools.run(db, m.up().get(family(db)));
      String id = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(("library " + m.version()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      String at = "'2026-03-10 08:0" + (i + 1) + ":00'";
      String name = m.version().replaceFirst("@.*", "");
      db.exec("INSERT INTO " + registry + ".changes (change_id, script_hash, " + change + ", project, note, "
          + "committed_at, committer_name, committer_email, planned_at, planner_name, planner_email) VALUES ('" + id
          + "', '" + m.checksum().substring("sha1:".length()) + "', '" + name + "', 'library', '', " + at + ", "
          + who + ", '2026-03-02 09:00:00', " + who + ")",
          "INSERT INTO " + registry + ".events (event, change_id, " + change + ", project, note, requires, "
          + "conflicts, tags, committed_at, committer_name, committer_email, planned_at, planner_name, "
          + "planner_email) VALUES ('deploy', '" + id + "', '" + name + "', 'library', '', " + array + ", " + array
          + ", " + array + ", " + at + ", " + who + ", '2026-03-02 09:00:00', " + who + ")");
      if (m.version().endsWith("@v1.0")) {
        db.exec("INSERT INTO " + registry + ".tags (tag_id, tag, project, change_id, note, committed_at, "
            + "committer_name, committer_email, planned_at, planner_name, planner_email) VALUES ('" + id.replace('a',
            'b') + "', '@v1.0', 'library', '" + id + "', 'First release', " + at + ", " + who
            + ", '2026-03-02 09:30:00', " + who + ")");
      }
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static int runs(ScratchDb db) throws SQLException {
    String t = db.kind() == ScratchDb.Kind.POSTGRES ? "backstep.run" : "backstep_run";
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Whether a table, view or index of that name is in the database's schema. */
  private static boolean exists(ScratchDb db, String name) throws SQLException {
    String sql = db.kind() == ScratchDb.Kind.POSTGRES
        ? "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relname = '"
            + name + "'"
        : "SELECT (SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '"
            + name + "') + (SELECT count(*) FROM information_schema.statistics WHERE table_schema = DATABASE() "
            + "AND index_name = '" + name + "')";
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }
}
