package backstep.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements that return nothing — a step's guards, a savepoint's way back — owed on one PostgreSQL connection inside
 * a transaction: they go ahead of the next statement sent on it, in its round trip, instead of one of their own (a run
 * sends them on every step). Whoever sends next takes them ({@link #ahead}, {@link #take}); before a commit what is
 * left is sent on its own ({@link #flush}). One per work connection, used by the thread that runs the step.
 */
public final class OwedSql {
  private final List<String> owed = new ArrayList<>();

  /** Owes {@code statements}, after what is owed already. */
  public void add(List<String> statements) {
    owed.addAll(statements);
  }

  public boolean isEmpty() {
    return owed.isEmpty();
  }

  /** Everything owed, in order, now the caller's to send; nothing is owed after. */
  public List<String> take() {
    List<String> out = List.copyOf(owed);
    owed.clear();
    return out;
  }

  /** {@code sql} with everything owed ahead of it, as one text of several statements; nothing is owed after. */
  public String ahead(String sql) {
    if (owed.isEmpty()) {
      return sql;
    }
    return String.join(";\n", take()) + ";\n" + sql;
  }

  /** Sends what is owed on its own, if anything (before a commit, or a statement it cannot go with). */
  public void flush(Connection c) throws SQLException {
    if (owed.isEmpty()) {
      return;
    }
    String text = String.join(";\n", take());
    try (Statement st = c.createStatement()) {
      st.execute(text);
    }
  }

  /** Forgets what is owed: the transaction it belonged to rolled back, or the connection is gone. */
  public void clear() {
    owed.clear();
  }
}
