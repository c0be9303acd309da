package backstep.engine;

import backstep.db.Dialect;
import backstep.db.PgTransactions;
import backstep.ledger.Ledger;
import backstep.playbook.SqlStep;
import backstep.playbook.Verify;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a step's verify queries, each read-only: inside a transaction under a savepoint that is rolled back
 * (PostgreSQL also makes it read-only, so a write fails), outside one in a read-only transaction that is rolled back.
 * A verify that tries to change data fails the step with a message naming it; nothing it did stays.
 *
 * <p>On PostgreSQL a verify query is sent with what goes before it on the work connection where it can be, and its
 * value kept for the moment it is asked for ({@link ReadAhead}): the pre-check of the step that runs next goes with
 * the commit of the step before it ({@link #commit}), and a one-transaction step's first verify query after its last
 * statement ({@link #afterLast}). What a query returns, or the error it raises, is the same either way; only the
 * round trips differ.
 */
final class StepVerifier {
  private static final String VERIFY_SAVEPOINT = "backstep_verify";
  /** A statement that counts no rows: DROP or ALTER, after any comments. */
  private static final java.util.regex.Pattern NO_ROWS = java.util.regex.Pattern.compile(
      "(\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(DROP|ALTER)\\b", java.util.regex.Pattern.CASE_INSENSITIVE
          | java.util.regex.Pattern.DOTALL);
  /**
   * A SQL-standard function body: pgjdbc does not split a text that holds one (its semicolons belong to the body),
   * so a query sent after it in the same text would reach the server as a second command of one prepared
   * statement, which it refuses ("cannot insert multiple commands into a prepared statement").
   */
  private static final java.util.regex.Pattern ATOMIC_BODY = java.util.regex.Pattern.compile(
      "\\bBEGIN\\s+ATOMIC\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

  private final RunSession s;
  private final SqlStepRunner runner;
  private final Dialect dialect;
  /** The value (or error) of a verify query already sent, waiting for the {@link #verify} call it belongs to. */
  private ReadAhead ahead;
  /** The step whose pre-check goes with the next commit on the work connection; null: none. */
  private StepExec next;

  StepVerifier(RunSession session, SqlStepRunner runner) {
    this.s = session;
    this.runner = runner;
    this.dialect = session.dialect();
  }

  /**
   * A verify query read ahead of its turn: the pre-check of step {@code step}, in a read-only transaction of its own,
   * already rolled back; or ({@code step} null) the first check query inside the step's transaction, under the verify
   * savepoint ({@code back}: already rolled back to it and released, after an error).
   */
  private record ReadAhead(StepExec step, String sql, Object value, SQLException error, boolean back) {
    ReadAhead(StepExec step, String sql, Object value, SQLException error) {
      this(step, sql, value, error, false);
    }

    Object get() throws SQLException {
      if (error != null) {
        throw error;
      }
      return value;
    }
  }

  /**
   * The step whose pre-check will come next (forward: is it in place already? rollback: is it still applied?), so it
   * can go with the commit of the step under way; null when none does (a step in between, checks that run between
   * steps, the end of the walk).
   */
  void precheckNext(StepExec e) {
    next = dialect == Dialect.POSTGRES && e != null && e.step instanceof SqlStep q && !q.verify().isEmpty() ? e : null;
  }

  /** Forgets what was read ahead and the step to pre-check next: the walk starts or takes another turn. */
  void forget() {
    ahead = null;
    next = null;
  }

  /** Forgets what was read ahead (the step's transaction rolled back); the step to pre-check next stays. */
  void dropRead() {
    ahead = null;
  }

  /**
   * Commits the step's transaction on {@code c}, with its ledger rows ahead of the commit when {@code rows} holds
   * them (PostgreSQL, {@link RunSession#takeStepEnd}). On PostgreSQL, with a step to pre-check next ({@link
   * #precheckNext}), its first verify query goes in the same round trip, in a read-only transaction of its own that
   * is rolled back: it sees what the step committed, the state the next step starts from. An error of the rows or of
   * the commit is the step's, as before; an error of the query is kept for the pre-check, which reports it as it
   * would have.
   */
  void commit(Connection c, Ledger.StepEndText rows) throws SQLException {
    StepExec e = next;
    next = null;
    if (e == null && rows == null) { // (a crash test's pause at "step-transaction" sits before the commit)
      c.commit();
      return;
    }
    String head = rows == null ? "COMMIT" : rows.sql() + ";\nCOMMIT";
    try (Statement st = c.createStatement()) {
      if (e == null) {
        st.execute(head); // an error is the rows' (the server skipped the commit) or the commit's
        return;
      }
      String sql = queryText(((SqlStep) e.step).verify().get(0));
      try {
        st.execute(head + ";\nBEGIN TRANSACTION READ ONLY;\n" + sql + "\n;\nROLLBACK");
      } catch (SQLException ex) {
        if (Dialect.isConnectionLost(ex) || !PgTransactions.failed(c)) {
          throw ex; // the commit failed (the server skipped the rest), or nobody knows: the commit's failure
        }
        // a failed transaction: the query's read-only one after the commit, or (with rows) the step's own, whose rows
        // failed before its commit ran; after the rollback, the step's event in the ledger tells which
        if (!rolledBackAfterCommit(st, rows, ex)) {
          throw ex;
        }
        ahead = new ReadAhead(e, sql, null, ex);
        return;
      }
      try {
        ahead = readFirstValue(st, e, sql);
      } catch (SQLException ex) { // committed: reading the query's value failed, the pre-check reports it
        ahead = new ReadAhead(e, sql, null, ex);
      }
    }
  }

  /**
   * Rolls back the failed transaction the commit's round trip left, and says whether the step committed before it:
   * without rows, the failed transaction is the pre-check's, after the commit; with rows, it is only if the step's
   * event is in the ledger now (read in the same round trip as the rollback). An error here is added to {@code ex}.
   */
  private static boolean rolledBackAfterCommit(Statement st, Ledger.StepEndText rows, SQLException ex) {
    try {
      if (rows == null) {
        st.execute("ROLLBACK");
        return true;
      }
      return firstValue(st, "ROLLBACK;\n" + rows.written()) instanceof Number n && n.longValue() > 0;
    } catch (SQLException r) {
      ex.addSuppressed(r);
      return rows == null;
    }
  }

  /**
   * PostgreSQL: the text that goes after a one-transaction step's last statement, in its round trip — the verify
   * savepoint, the read-only setting and the first query {@code dir}'s check will ask for — or null when it goes alone.
   * It goes alone after a BEGIN ATOMIC body ({@link #ATOMIC_BODY}).
   * An error of that query loses the statement's row count: forward, and for a rollback proven by verify_rollback,
   * the error fails the check, so no count is recorded; a rollback proven by its forward verify turned around (where
   * an error says "undone") takes the ride only when its last statement is a DROP or ALTER, which counts no rows.
   */
  String afterLast(SqlStep step, Direction dir, String lastStatement) {
    if (dialect != Dialect.POSTGRES || ATOMIC_BODY.matcher(lastStatement).find()) {
      return null;
    }
    List<Verify> list = dir == Direction.FORWARD ? step.verify()
        : !step.verifyRollback().isEmpty() ? step.verifyRollback()
        : NO_ROWS.matcher(lastStatement).lookingAt() ? step.verify() : List.of();
    if (list.isEmpty()) {
      return null;
    }
    return "\n;\nSAVEPOINT " + VERIFY_SAVEPOINT + "; SET LOCAL transaction_read_only = on;\n" + queryText(list.get(0));
  }

  /**
   * The last statement ran with {@link #afterLast}'s text after it and the round trip ended with an error: whose
   * it is. The verify savepoint is there only when the statement succeeded; then the error is the verify query's,
   * kept for the check (which goes back to the savepoint as it would), and this returns true. False: the statement's.
   */
  boolean verifyFailed(Connection c, SqlStep step, Direction dir, SQLException ex) {
    if (Dialect.isConnectionLost(ex)) {
      return false;
    }
    try (Statement st = c.createStatement()) {
      st.execute("ROLLBACK TO SAVEPOINT " + VERIFY_SAVEPOINT + "; RELEASE SAVEPOINT " + VERIFY_SAVEPOINT);
    } catch (SQLException none) {
      backstep.db.DebugLog.ignored(StepVerifier.class, "no verify savepoint: the statement failed", none);
      return false;
    }
    ahead = new ReadAhead(null, tail(step, dir), null, ex, true);
    return true;
  }

  /** The value of the verify query that ended the last statement's round trip ({@link #afterLast}), kept. */
  void lastValue(SqlStep step, Direction dir, boolean resultSet, Object value) {
    String sql = tail(step, dir);
    if (resultSet) {
      ahead = new ReadAhead(null, sql, value, null);
      s.owed().add(List.of("ROLLBACK TO SAVEPOINT " + VERIFY_SAVEPOINT, "RELEASE SAVEPOINT " + VERIFY_SAVEPOINT));
    } else {
      ahead = new ReadAhead(null, sql, null, noResults());
    }
  }

  private String tail(SqlStep step, Direction dir) {
    return queryText((dir == Direction.FORWARD || step.verifyRollback().isEmpty() ? step.verify()
        : step.verifyRollback()).get(0));
  }

  private String queryText(Verify v) {
    return s.expand(v.sql().statements(dialect.family()).get(0).sql());
  }

  /**
   * Step {@code e}'s pre-check: its verify queries on the work connection, outside a transaction — the first one's
   * value already read with the commit before, if it was ({@link #commit}).
   */
  SqlStepRunner.Check precheck(StepExec e, List<Verify> list) throws StepFailure {
    ReadAhead read = ahead != null && ahead.step() == e ? ahead : null;
    ahead = null;
    return verify(s.work(), list, false, read);
  }

  /** Evaluates {@code list} on {@code c}, in its transaction when {@code inTx}. */
  SqlStepRunner.Check verify(Connection c, List<Verify> list, boolean inTx) throws StepFailure {
    ReadAhead read = inTx && ahead != null && ahead.step() == null ? ahead : null;
    ahead = null;
    return verify(c, list, inTx, read);
  }

  private SqlStepRunner.Check verify(Connection c, List<Verify> list, boolean inTx, ReadAhead read)
      throws StepFailure {
    boolean pass = true;
    List<String> details = new ArrayList<>();
    for (Verify v : list) {
      String sql = queryText(v);
      String label = v.description().isBlank() ? abbreviate(sql) : v.description();
      ReadAhead first = read != null && read.sql().equals(sql) ? read : null;
      read = null; // only the first query is ever read ahead
      Savepoint sp = null;
      boolean pgSavepoint = false;
      try {
        Object value;
        if (inTx && dialect == Dialect.POSTGRES) {
          pgSavepoint = true;
          value = first != null ? first.get() : readOnlyUnderSavepoint(c, sql);
        } else if (inTx) {
          sp = c.setSavepoint();
          value = readOnlyInTransaction(c, sql, sp);
        } else {
          value = first != null ? first.get() : readOnly(c, sql);
        }
        boolean ok = v.expect().matches(value);
        pass &= ok;
        details.add(label + (v.expect().onlyRuns() ? " → ran without an error (expect: runs)"
            : " → " + value + " (expected " + v.expect().describe() + ")"));
      } catch (SQLException ex) {
        if (Dialect.isConnectionLost(ex)) {
          throw runner.failure(ex, "");
        }
        if (sp != null || pgSavepoint && !(first != null && first.back())) {
          try {
            if (pgSavepoint) {
              backToVerifySavepoint(c);
            } else {
              c.rollback(sp);
            }
          } catch (SQLException ignored) {
            backstep.db.DebugLog.ignored(StepVerifier.class, "savepoint not rolled back: the verify fails", ignored);
            throw runner.failure(ex, "");
          }
        }
        if (writeRefused(ex)) {
          throw new StepFailure("verify at line " + v.line() + " of " + s.run().playbookPath() + " (" + label
              + ") tried to change data; verify and check queries may only read, so it was refused and changed "
              + "nothing: " + RunSession.dbMessage(ex), false);
        }
        pass = false;
        details.add(label + " → error: " + RunSession.dbMessage(ex));
      }
    }
    return new SqlStepRunner.Check(pass, details);
  }

  /**
   * PostgreSQL: the first value {@code sql} returns, read under a savepoint in a read-only state, both undone after:
   * what the step owes the connection, the savepoint, the setting and the query in one round trip; the way back is
   * left owed, to go with the step's next statement (a catalog read, or its ledger rows), as a step's verify runs
   * inside its transaction on every step.
   */
  private Object readOnlyUnderSavepoint(Connection c, String sql) throws SQLException {
    Object value;
    try (Statement st = c.createStatement()) {
      value = firstValue(st, s.owed().ahead("SAVEPOINT " + VERIFY_SAVEPOINT
          + "; SET LOCAL transaction_read_only = on;\n" + sql));
    }
    s.owed().add(List.of("ROLLBACK TO SAVEPOINT " + VERIFY_SAVEPOINT, "RELEASE SAVEPOINT " + VERIFY_SAVEPOINT));
    return value;
  }

  /** Undoes what the verify did under its savepoint (the read-only setting, or an error's aborted state). */
  private static void backToVerifySavepoint(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("ROLLBACK TO SAVEPOINT " + VERIFY_SAVEPOINT + "; RELEASE SAVEPOINT " + VERIFY_SAVEPOINT);
    }
  }

  /**
   * The first value of the first result set {@code text} (statements that return no rows, then a query) returns;
   * a query that returns no result set is an error, as {@code executeQuery} has it.
   */
  private static Object firstValue(Statement st, String text) throws SQLException {
    boolean rs = st.execute(text);
    while (!rs && st.getUpdateCount() != -1) {
      rs = st.getMoreResults();
    }
    if (!rs) {
      throw noResults();
    }
    try (ResultSet r = st.getResultSet()) {
      return r.next() ? r.getObject(1) : null;
    }
  }

  /** {@link #firstValue} of what {@code st} has just run, kept as step {@code e}'s pre-check read ahead. */
  private static ReadAhead readFirstValue(Statement st, StepExec e, String sql) throws SQLException {
    boolean rs = st.getResultSet() != null;
    while (!rs && st.getUpdateCount() != -1) {
      rs = st.getMoreResults();
    }
    if (!rs) {
      return new ReadAhead(e, sql, null, noResults());
    }
    try (ResultSet r = st.getResultSet()) {
      return new ReadAhead(e, sql, r.next() ? r.getObject(1) : null, null);
    }
  }

  static SQLException noResults() {
    return new SQLException("No results were returned by the query.", "02000");
  }

  /** The first value {@code sql} returns, read under savepoint {@code sp}, which is then rolled back. */
  private Object readOnlyInTransaction(Connection c, String sql, Savepoint sp) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.POSTGRES) {
        st.execute("SET LOCAL transaction_read_only = on");
      }
      Object value;
      try (ResultSet rs = st.executeQuery(sql)) {
        value = rs.next() ? rs.getObject(1) : null;
      }
      c.rollback(sp); // undoes the read-only setting (and, on MySQL/MariaDB, any row a verify changed)
      c.releaseSavepoint(sp);
      return value;
    }
  }

  /** The first value {@code sql} returns, read in a read-only transaction that is rolled back. */
  private Object readOnly(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.POSTGRES) {
        return readOnlyOneTrip(st, sql);
      }
      st.execute("START TRANSACTION READ ONLY");
      try (ResultSet rs = st.executeQuery(sql)) {
        return rs.next() ? rs.getObject(1) : null;
      } finally {
        st.execute("ROLLBACK");
      }
    }
  }

  /**
   * PostgreSQL, on a connection in autocommit: the transaction, the query and the rollback as one text, one round
   * trip (the pre-check of a run's first step, and of a step after one that did not commit on the work connection).
   * A query that fails leaves the transaction aborted on the server, so then the rollback follows on its own.
   */
  private static Object readOnlyOneTrip(Statement st, String sql) throws SQLException {
    try {
      // the query's last line may be a comment: the semicolon after it goes on a line of its own
      return firstValue(st, "BEGIN TRANSACTION READ ONLY;\n" + sql + "\n;\nROLLBACK");
    } catch (SQLException ex) {
      if (!Dialect.isConnectionLost(ex)) {
        try {
          st.execute("ROLLBACK");
        } catch (SQLException r) {
          ex.addSuppressed(r);
        }
      }
      throw ex;
    }
  }

  /** The server refused a write because the transaction is read-only (PostgreSQL 25006, MySQL/MariaDB 1792). */
  static boolean writeRefused(SQLException ex) {
    SQLException root = PositionedSqlException.root(ex);
    return "25006".equals(root.getSQLState()) || root.getErrorCode() == 1792;
  }

  private static String abbreviate(String sql) {
    String one = sql.replaceAll("\\s+", " ").trim();
    return one.length() > 70 ? one.substring(0, 67) + "..." : one;
  }
}
