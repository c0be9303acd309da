package backstep.engine;

import backstep.db.DebugLog;
import backstep.db.Dialect;
import backstep.ledger.EventType;
import backstep.playbook.Guards;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText.Stmt;
import backstep.playbook.Verify;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code sql} step forward or back. Where the database has transactional DDL the whole step — statements,
 * verify and its ledger rows — commits as one transaction, so it is either applied and recorded or not at all.
 * Elsewhere each statement commits on its own and the ledger records progress after each, so a half-applied step
 * can be finished or undone exactly. Lock timeouts are retried with capped exponential backoff; nothing else is.
 * The two ways are {@link OneTransaction} and {@link OneByOne}; this class chooses, proves the result and runs each
 * statement watched.
 */
final class SqlStepRunner {
  private final RunSession s;
  private final Dialect dialect;
  private final StepVerifier verifier;
  private final OneTransaction inOne;
  private final OneByOne oneByOne;
  private volatile Statement current;
  /** Detail key: index of a forward statement that committed part of its work (batches) or may have. */
  static final String PARTIAL = "partial_statement";
  /** Detail key: batches the batched statement under way has committed. */
  static final String BATCHES = "batches";
  /**
   * Detail key: the next rollback statement may already have taken effect (it was in flight when the process died):
   * it is sent again with "does not exist" tolerated.
   */
  static final String RESEND_TOLERANT = "resend_tolerant";
  private Guards activeGuards = Guards.DEFAULT;

  SqlStepRunner(RunSession session) {
    this.s = session;
    this.dialect = session.dialect();
    this.verifier = new StepVerifier(session, this);
    this.inOne = new OneTransaction(session, this);
    this.oneByOne = new OneByOne(session, this);
  }

  /** The step's verify queries: evaluated, and on PostgreSQL sent with what goes before them. */
  StepVerifier verifier() {
    return verifier;
  }

  /** Cancels the statement running now, if any (called from the guard's thread). */
  void cancelCurrent() {
    Statement st = current;
    if (st != null) {
      try {
        st.cancel();
      } catch (SQLException ignored) {
        DebugLog.ignored(SqlStepRunner.class, "the statement may have finished meanwhile", ignored);
        // the statement may have finished meanwhile
      }
    }
  }

  /** Result of evaluating verify queries. */
  record Check(boolean pass, List<String> details) {}

  /** Whether every verify query of step {@code e} passes now (outside any transaction): its pre-check. */
  Check applied(StepExec e) throws StepFailure {
    return verifier.precheck(e, ((SqlStep) e.step).verify());
  }

  private Check verify(Connection c, List<Verify> list, boolean inTx) throws StepFailure {
    return verifier.verify(c, list, inTx);
  }

  /** Whether the step is undone: its verify_rollback queries pass, or else its verify queries do not. */
  Check undone(Connection c, SqlStep step, boolean inTx) throws StepFailure {
    if (!step.verifyRollback().isEmpty()) {
      return verify(c, step.verifyRollback(), inTx);
    }
    Check v = verify(c, step.verify(), inTx);
    return new Check(!v.pass(), v.details());
  }

  void forward(StepExec e) throws StepFailure {
    SqlStep step = (SqlStep) e.step;
    List<Stmt> stmts = step.forward().statements(dialect.family());
    e.statementsTotal = stmts.size();
    if (step.runsInOneTransaction(dialect.family(), dialect.transactionalDdl())) {
      inOne.run(e, stmts, Direction.FORWARD, c -> applied(e, step, c, true));
    } else {
      List<Stmt> todo = stmts.subList(Math.min(e.statementsDone, stmts.size()), stmts.size());
      oneByOne.run(e, todo, stmts.size(), Direction.FORWARD, step.guards());
      Check v = applied(e, step, s.work(), false);
      if (!v.pass()) {
        throw new StepFailure("all statements ran but " + String.join("; ", v.details()), false);
      }
      e.detail.put("verify", v.details());
    }
  }

  /**
   * Whether a step's statements did what it says, read on {@code c} (in its transaction where there is one): its
   * verify queries, if any, pass; its schema effect is recorded; and a step without verify whose SQL changes the
   * schema must show that change, or it cannot be told from a step that did nothing.
   */
  private Check applied(StepExec e, SqlStep step, Connection c, boolean inTx) throws StepFailure {
    Check v = verify(c, step.verify(), inTx);
    if (!v.pass()) {
      return new Check(false, prefixed("verify did not pass: ", v.details()));
    }
    List<String> effect = effect(e, c);
    e.detail.put(StepExec.EFFECT, effect);
    if (!step.verify().isEmpty() || !s.proof().on()) {
      return v;
    }
    String sql = String.join(";\n", step.forward().statements(dialect.family()).stream().map(Stmt::sql).toList());
    if (effect.isEmpty() && SqlNames.observableDdl(sql, dialect.family())) {
      return new Check(false, List.of("the step's SQL changes the schema but Backstep saw no change in the "
          + "catalog, and the step has no verify to prove it applied (an IF NOT EXISTS that found the object "
          + "already there?)"));
    }
    if (effect.isEmpty() && SqlNames.anyDdl(sql, dialect.family())) {
      e.note("applied; its effect is not one the catalog snapshot records (not a table, column, key, index, view, "
          + "sequence, routine or trigger): unproven");
    }
    return new Check(true, List.of());
  }

  private List<String> effect(StepExec e, Connection c) throws StepFailure {
    try {
      return s.proof().effect(e, c);
    } catch (SQLException ex) {
      throw failure(ex, " (reading the step's effect from the catalog)");
    }
  }

  private static List<String> prefixed(String prefix, List<String> details) {
    return details.isEmpty() ? List.of(prefix.trim()) : List.of(prefix + String.join("; ", details));
  }

  void rollback(StepExec e) throws StepFailure {
    SqlStep step = (SqlStep) e.step;
    List<Stmt> all = step.rollback().statements(dialect.family());
    boolean oneTx = step.runsInOneTransaction(dialect.family(), dialect.transactionalDdl());
    List<Stmt> undo = all;
    int committed = Math.min(e.statementsTotal, e.statementsDone + (e.detail.containsKey(PARTIAL) ? 1 : 0));
    boolean partial = committed < e.statementsTotal;
    boolean script = step.rollbackMode() == backstep.playbook.RollbackMode.SCRIPT;
    if (!oneTx && partial && script) {
      e.note("the step stopped after " + committed + " of " + e.statementsTotal + " statements: running its whole "
          + "rollback script statement by statement, tolerating only \"does not exist\" errors, then proving the "
          + "result against the fingerprint taken before the step");
      oneByOne.tolerateMissing(e, Integer.MAX_VALUE);
    } else if (!oneTx && partial && all.size() == e.statementsTotal) {
      undo = all.subList(all.size() - committed, all.size());
      e.note("undoing the " + committed + " of " + e.statementsTotal + " statements that had committed"
          + (e.detail.containsKey(PARTIAL) ? " (statement " + (e.statementsDone + 1) + " only in part, or perhaps "
              + "not at all: \"does not exist\" is tolerated for its undo)" : ""));
      if (e.detail.containsKey(PARTIAL) && e.rollbackDone == 0) {
        oneByOne.tolerateMissing(e, 1);
      }
    }
    if (!oneTx && e.detail.remove(RESEND_TOLERANT) != null) {
      // the statement in flight when the process died is sent again; it may have taken effect
      oneByOne.tolerateMissing(e, 1);
    }
    if (oneTx) {
      inOne.run(e, undo, Direction.ROLLBACK, c -> undoneAndProven(e, step, c, true));
    } else {
      List<Stmt> todo = undo.subList(Math.min(e.rollbackDone, undo.size()), undo.size());
      try {
        oneByOne.run(e, todo, all.size(), Direction.ROLLBACK, step.guards());
      } finally {
        oneByOne.tolerateNothing();
      }
      Check u = undoneAndProven(e, step, s.work(), false);
      if (!u.pass()) {
        throw new StepFailure("rollback statements ran but the step still verifies as applied: "
            + String.join("; ", u.details()), false);
      }
    }
  }

  /**
   * After a step's rollback SQL: its verify_rollback (or verify) assertions, if it has any, must say it is undone;
   * then what is left different from the fingerprint taken before the step is recorded as its residue — a deviation
   * shown and proven against at the end, not a reason to stop undoing the steps before it.
   */
  private Check undoneAndProven(StepExec e, SqlStep step, Connection c, boolean inTx) throws StepFailure {
    boolean asserted = !step.verify().isEmpty() || !step.verifyRollback().isEmpty();
    Check u = asserted ? undone(c, step, inTx) : new Check(true, List.of());
    if (!u.pass()) {
      return u;
    }
    try {
      List<String> residue = s.proof().residue(e, c); // empty too when there is no "before" to compare with
      if (residue.isEmpty()) {
        e.detail.remove(StepExec.RESIDUE);
      } else {
        e.detail.put(StepExec.RESIDUE, residue);
      }
    } catch (SQLException ex) {
      throw failure(ex, " (comparing with the fingerprint taken before the step)");
    }
    return u;
  }

  long run(Statement st, Stmt stmt, int i, int total) throws SQLException {
    return exec(st, stmt.sql(), stmt, i, total);
  }

  /** {@code st} runs a statement of the step now: the guard may cancel it, the lock watch looks at its session. */
  void watch(Statement st) throws SQLException {
    String asked = s.rollbackAsked();
    if (asked != null) { // the request came between two statements: the next one is not started
      throw new SQLException("not started: " + asked);
    }
    current = st;
    // a quarter of the lock timeout, truncated to the nanosecond as Duration.dividedBy has it, without its BigDecimal
    s.lockWatch().arm(Duration.ofNanos(activeGuards.lockTimeout().toNanos() / 4));
  }

  /** The statement {@link #watch} named has ended. */
  void unwatch() {
    s.lockWatch().disarm();
    current = null;
  }

  /** The guards of the step under way (lock timeout for the lock watch). */
  void guards(Guards g) {
    activeGuards = g;
  }

  /** Runs {@code sql}, statement {@code i + 1} of {@code total} of the step, watched; returns the rows it touched. */
  long exec(Statement st, String sql, Stmt stmt, int i, int total) throws SQLException {
    watch(st);
    try {
      // inside a step's transaction on PostgreSQL, what the step owes the connection (its guards) goes ahead
      boolean rs = st.execute(dialect == Dialect.POSTGRES ? s.owed().ahead(s.expand(sql)) : s.expand(sql));
      long rows = 0;
      while (true) {
        if (!rs) {
          int n = st.getUpdateCount();
          if (n == -1) {
            break;
          }
          rows += Math.max(0, n);
        }
        rs = st.getMoreResults();
      }
      return rows;
    } catch (SQLException ex) {
      throw positioned(ex, i, total, stmt);
    } finally {
      unwatch();
    }
  }

  /** {@code ex} naming statement {@code i + 1} of {@code total} of the step (and a guard that cancelled it). */
  PositionedSqlException positioned(SQLException ex, int i, int total, Stmt stmt) {
    String guard = s.guards().stopReason();
    String asked = guard == null ? s.rollbackAsked() : null;
    return new PositionedSqlException(ex, (guard != null ? "cancelled by guard (" + guard + ") at "
        : asked != null ? "cancelled because " + asked + ", at " : "")
        + "statement " + (i + 1) + " of " + total + " (line " + stmt.line() + ")");
  }

  void checkRows(Guards g, long rows, int i, int total) throws StepFailure {
    if (g.maxAffectedRows() > 0 && rows > g.maxAffectedRows()) {
      throw new StepFailure("guard max_affected_rows: statement " + (i + 1) + " of " + total + " brought the "
          + "step to " + rows + " rows, more than the limit of " + g.maxAffectedRows()
          + "; its transaction was rolled back", false);
    }
  }

  void backoff(StepExec e, int attempt, Guards g, SQLException ex) throws StepFailure {
    Duration wait = g.backoffBefore(attempt);
    var blockers = s.lockWatch().blockers();
    String reason = "lock timeout after " + g.lockTimeout().toMillis() + " ms: " + RunSession.dbMessage(ex)
        + (blockers.isEmpty() ? "" : "; blocked by " + String.join("; ",
            blockers.stream().map(backstep.telemetry.Blocker::describe).toList()));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("blockers", blockers);
    d.put("attempt", attempt);
    d.put("of", g.retries() + 1);
    d.put("wait_ms", wait.toMillis());
    d.put("reason", reason);
    s.progress(e, EventType.STEP_RETRY, d);
    s.listener().retrying(e.step.id(), attempt, g.retries() + 1, wait, reason);
    stopIfAsked("before retrying");
    try {
      s.sleeper().sleep(wait, s.rollbackWaker());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new StepFailure("interrupted while waiting to retry", false);
    }
    stopIfAsked("while waiting to retry");
  }

  /** A person asked to roll back: the step goes no further ({@code when}: where it stopped). */
  private void stopIfAsked(String when) throws StepFailure {
    String asked = s.rollbackAsked();
    if (asked != null) {
      throw new StepFailure("stopped " + when + ": " + asked, false);
    }
  }

  StepFailure failure(SQLException ex, String suffix) {
    String where = ex instanceof PositionedSqlException p ? p.where() + ": " : "";
    boolean lost = Dialect.isConnectionLost(ex);
    String how = Dialect.isConnectionKilled(ex) || lost && endedByServer() ? "the connection was killed: the server "
        + "ended the step's session (KILL, pg_terminate_backend or a server timeout) and is itself still reachable: "
        : lost ? "connection to the target was lost: " : "";
    return new StepFailure(how + where + RunSession.dbMessage(ex)
        + suffix, lost);
  }

  /**
   * Whether the server ended the work session itself: it answers on a new connection and the session is gone.
   * (MariaDB's KILL closes the socket without a word, so the driver only sees a broken link.)
   */
  private boolean endedByServer() {
    String key = s.workSession();
    if (key == null) {
      return false;
    }
    try (Connection c = s.db().connection()) {
      return !Sessions.alive(c, dialect, key);
    } catch (SQLException ex) {
      DebugLog.ignored(SqlStepRunner.class, "the server does not answer: the connection was lost, not "
          + "killed", ex);
      return false;
    }
  }
}
