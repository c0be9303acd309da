package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rollback runs the playbook version its run applied, as stored in the ledger: the file given to it is used only
 * when its text is that version's, character for character (then it is not parsed again); a file edited since is
 * not, whatever it says.
 */
class RecordedPlaybookIT {
  @TempDir
  Path dir;

  private static final String PLAYBOOK = """
      id: recorded-copy
      title: Add a parking table
      intent: let the front desk note parked cars
      steps:
        - id: add-parking
          kind: sql
          title: Create parking
          forward: CREATE TABLE parking (id INT PRIMARY KEY)
          rollback: %s
          verify:
            - sql: SELECT count(*) FROM parking
              expect: runs
      """;

  private static boolean exists(ScratchDb db, String table) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table
            + "' AND table_schema = " + (db.kind() == ScratchDb.Kind.POSTGRES ? "current_schema()" : "database()"))) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  /** A scratch database of {@code kind} with the playbook at {@code pb} applied. */
  private static ScratchDb applied(ScratchDb.Kind kind, Path pb) throws Exception {
    Files.writeString(pb, PLAYBOOK.formatted("DROP TABLE parking"));
    ScratchDb db = ScratchDb.create(kind);
    Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
    assertEquals(0, apply.exit(), apply.toString());
    return db;
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aFileEditedAfterTheApplyIsNotWhatTheRollbackRuns(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("parking.yaml");
    try (ScratchDb db = applied(kind, pb)) {
      Files.writeString(pb, PLAYBOOK.formatted("CREATE TABLE edited_rollback_ran (id INT)"));
      Cli.Result back = Cli.on(db, "rollback", pb.toString(), "--yes");
      assertEquals(0, back.exit(), back.toString());
      assertTrue(back.out().contains("the playbook file differs from the version this run applied"), back.toString());
      assertFalse(exists(db, "parking"), "the applied version's rollback ran");
      assertFalse(exists(db, "edited_rollback_ran"), "the edited file's rollback did not");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void theFileItAppliedIsUndoneAsTheStoredVersion(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("parking.yaml");
    try (ScratchDb db = applied(kind, pb)) {
      Cli.Result back = Cli.on(db, "rollback", pb.toString(), "--yes");
      assertEquals(0, back.exit(), back.toString());
      assertFalse(back.out().contains("differs from the version"), back.toString());
      assertFalse(exists(db, "parking"));
    }
  }
}
