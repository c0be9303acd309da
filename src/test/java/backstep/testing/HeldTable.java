package backstep.testing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A table {@code t} with one row, and another session holding a lock on it that keeps any {@code ALTER TABLE t}
 * waiting until that session ends; and the playbook the rollback-request tests run into it.
 */
public final class HeldTable {
  private HeldTable() {}

  /** Creates {@code t} in {@code db} and returns the open session that holds it (its transaction open). */
  public static Connection hold(ScratchDb db) throws SQLException {
    db.exec("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
    Connection blocker = db.connect();
    blocker.setAutoCommit(false);
    blocker.createStatement().execute(db.kind() == ScratchDb.Kind.POSTGRES ? "LOCK TABLE t IN ACCESS SHARE MODE"
        : "SELECT * FROM t");
    return blocker;
  }

  /**
   * A notes table ({@code order_note}), then a column on {@code t} that waits on the held lock (lock timeout 120 s,
   * no retry), then an index on the notes.
   */
  public static String notesThenColumn(ScratchDb.Kind kind) {
    return """
        id: notes-then-column
        title: A notes table, then a column behind a lock
        intent: test
        steps:
          - id: notes
            kind: sql
            title: Create the notes table
            forward: CREATE TABLE order_note (id INT PRIMARY KEY, body VARCHAR(200))
            rollback: DROP TABLE order_note
          - id: add
            kind: sql
            title: Add a column to t
            forward: ALTER TABLE t ADD COLUMN c INT
            rollback: ALTER TABLE t DROP COLUMN c
            guards: {lock_timeout: 120s, retries: 0}
          - id: index
            kind: sql
            title: Index the notes
            forward: CREATE INDEX order_note_body ON order_note (body)
            rollback: DROP INDEX order_note_body%s
        """.formatted(kind == ScratchDb.Kind.POSTGRES ? "" : " ON order_note");
  }
}
