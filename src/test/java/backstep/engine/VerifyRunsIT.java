package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code expect: runs} (Sqitch's verify semantics): a verify passes when its query runs, whatever it returns, and
 * fails only on an error, with the database's message. After a rollback, the same query erroring is what proves the
 * step undone.
 */
class VerifyRunsIT {
  @TempDir
  Path dir;

  private Path playbook(String name, String verify) throws Exception {
    Path pb = dir.resolve(name + ".yaml");
    Files.writeString(pb, """
        id: %s
        title: Add a note to bookings
        intent: let the front desk annotate a booking
        steps:
          - id: add-note
            kind: sql
            title: Add bookings.note
            forward: ALTER TABLE bookings ADD COLUMN note VARCHAR(200)
            rollback: ALTER TABLE bookings DROP COLUMN note
            verify:
        %s
        """.formatted(name, verify.indent(6).stripTrailing()));
    return pb;
  }

  private static ScratchDb bookings(ScratchDb.Kind kind) throws Exception {
    ScratchDb db = ScratchDb.create(kind);
    db.exec("CREATE TABLE bookings (id INT PRIMARY KEY, guest VARCHAR(80) NOT NULL)",
        "INSERT INTO bookings VALUES (1, 'Ada'), (2, 'Grace')");
    return db;
  }

  private static boolean hasNote(ScratchDb db) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = "
            + "'bookings' AND column_name = 'note'" + (db.kind() == ScratchDb.Kind.POSTGRES
            ? " AND table_schema = current_schema()" : " AND table_schema = database()"))) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void zeroRowsAndNullPassAndTheSameQueryErroringProvesTheRollback(ScratchDb.Kind kind) throws Exception {
    Path pb = playbook("note-runs", """
        - description: the column can be read (no row)
          sql: SELECT id, note FROM bookings WHERE 1 = 0
          expect: runs
        - description: the column can be read (NULL)
          sql: SELECT max(note) FROM bookings
          expect: runs
        """);
    try (ScratchDb db = bookings(kind)) {
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(0, apply.exit(), apply.toString());
      assertTrue(hasNote(db));
      Cli.Result back = Cli.on(db, "rollback", pb.toString(), "--yes");
      assertEquals(0, back.exit(), "after the rollback the verify errors (no column note), which proves it undone: "
          + back);
      assertTrue(!hasNote(db));
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aVerifyThatErrorsFailsTheStepWithTheDatabasesMessage(ScratchDb.Kind kind) throws Exception {
    Path pb = playbook("note-missing-column", """
        - description: reads a column the step never adds
          sql: SELECT remark FROM bookings WHERE 1 = 0
          expect: runs
        """);
    try (ScratchDb db = bookings(kind)) {
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertNotEquals(0, apply.exit(), apply.toString());
      String message = kind == ScratchDb.Kind.POSTGRES ? "column \"remark\" does not exist"
          : "Unknown column 'remark'";
      assertTrue(apply.out().contains("reads a column the step never adds → error: ")
          && apply.out().contains(message), apply.toString());
      if (kind == ScratchDb.Kind.POSTGRES) {
        assertTrue(!hasNote(db), "PostgreSQL: the verify runs in the step's transaction, which was rolled back");
      }
    }
  }

  @Test
  void aDivisionByZeroIsAFailedCheckOnPostgresql() throws Exception {
    Path pb = playbook("note-division", """
        - description: a booking for nobody exists
          sql: SELECT 1 / count(*) FROM bookings WHERE guest = 'nobody'
          expect: runs
        """);
    try (ScratchDb db = bookings(ScratchDb.Kind.POSTGRES)) {
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertNotEquals(0, apply.exit(), apply.toString());
      assertTrue(apply.out().contains("a booking for nobody exists → error: ")
          && apply.out().contains("division by zero"), apply.toString());
      assertTrue(!hasNote(db));
    }
  }
}
