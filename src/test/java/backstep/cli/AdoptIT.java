package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
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

      Cli.Result st = Cli.on(db, "status");
      assertEquals(0, st.exit(), st.toString());
      assertEquals(adopted, count(st.out(), "adopted: Flyway applied it, not Backstep"), st.out());

      Cli.Result again = Cli.on(db, "adopt", history.toString());
      assertEquals(0, again.exit(), again.toString());
      assertTrue(again.out().contains("Nothing to record"), again.out());
      assertEquals(adopted, runs(db), "running adopt again records nothing twice");

      Path v3 = history.resolveSibling("3-create-rentals.yaml");
      Cli.Result back = Cli.on(db, "rollback", v3.toString(), "--yes");
      assertEquals(0, back.exit(), back.toString());
      assertTrue(back.out().contains("ROLLED BACK — unproven"), back.out());
      assertTrue(back.out().contains("dropped table rentals") || back.out().contains("table rentals"), back.out());
      assertFalse(tableExists(db, "rentals"), "the down of V3 ran");

      for (String next : List.of("3-create-rentals.yaml", "4-add-bike-status.yaml")) {
        Cli.Result apply = Cli.on(db, "apply", history.resolveSibling(next).toString(), "--yes");
        assertEquals(0, apply.exit(), apply.toString());
        assertTrue(apply.out().contains("APPLIED"), apply.out());
      }
      assertTrue(tableExists(db, "rentals"));
      Cli.Result audit = Cli.on(db, "audit", "verify");
      assertEquals(0, audit.exit(), audit.toString());
    }
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
      Path history = Tools.history("liquibase", "billing", Tools.liquibaseMigrations(db, project, "changelog.sql",
          DialectFamily.POSTGRESQL), DialectFamily.POSTGRESQL, dir.resolve("history"));

      Cli.Result r = Cli.on(db, "adopt", history.toString());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("Recorded 3 adopted run(s)"), r.out());
      assertEquals(3, count(r.out(), "checksum equal (9:"), r.out());
      Cli.Result st = Cli.on(db, "status");
      assertEquals(3, count(st.out(), "adopted: Liquibase applied it, not Backstep"), st.out());

      Path third = history.resolveSibling("tomas-3.yaml");
      Cli.Result back = Cli.on(db, "rollback", third.toString(), "--yes");
      assertEquals(0, back.exit(), back.toString());
      assertTrue(back.out().contains("ROLLED BACK — unproven"), back.out());
      for (String next : List.of("tomas-3.yaml", "tomas-4.yaml")) {
        Cli.Result apply = Cli.on(db, "apply", history.resolveSibling(next).toString(), "--yes");
        assertEquals(0, apply.exit(), apply.toString());
      }

      try (ScratchDb other = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
        Tools.liquibase(other, project, "changelog.sql", 3);
        Path log = project.resolve("changelog.sql");
        Files.writeString(log, Files.readString(log).replace("number      VARCHAR(30)", "number      VARCHAR(40)"));
        Path edited = Tools.history("liquibase", "billing", Tools.liquibaseMigrations(other, project,
            "changelog.sql", DialectFamily.POSTGRESQL), DialectFamily.POSTGRESQL, dir.resolve("edited"));
        Cli.Result refused = Cli.on(other, "adopt", edited.toString());
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.out().contains("maria:2 (maria-2): stored 9:"), refused.out());
        assertFalse(other.hasLedger());
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

  private static boolean tableExists(ScratchDb db, String table) throws SQLException {
    String schema = db.kind() == ScratchDb.Kind.POSTGRES ? "current_schema()" : "DATABASE()";
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = " + schema + " AND table_name = '"
            + table + "'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }
}
