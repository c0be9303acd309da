package backstep.engine;

import backstep.db.Dialect;
import backstep.ledger.EventType;
import backstep.playbook.DialectFamily;
import backstep.playbook.Guards;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText.Stmt;
import backstep.playbook.Verify;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a {@code sql} step forward or back. Where the database has transactional DDL the whole step — statements,
 * verify and its ledger rows — commits as one transaction, so it is either applied and recorded or not at all.
 * Elsewhere each statement commits on its own and the ledger records progress after each, so a half-applied step
 * can be finished or undone exactly. Lock timeouts are retried with capped exponential backoff; nothing else is.
 */
final class SqlStepRunner {
  /** MySQL/MariaDB statements that commit implicitly, before and after (after leading comments). */
  private static final Pattern COMMITS_ITSELF = Pattern.compile(
      "\\s*(?:(?:--[^\\n]*\\n|#[^\\n]*\\n|/\\*(?!!).*?\\*/)\\s*)*(?:CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern NO_TRANSACTION =
      Pattern.compile("\\b(CONCURRENTLY|VACUUM|CREATE\\s+DATABASE|DROP\\s+DATABASE|ALTER\\s+SYSTEM)\\b",
          Pattern.CASE_INSENSITIVE);

  private final RunSession s;
  private final Dialect dialect;
  private final StepVerifier verifier;
  private final OneTransaction inOne;
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
  /**
   * Set while a step is undone whose first {@link #tolerated} statements (all, for a {@code rollback_mode: script}
   * step after a partial failure) may find their object gone: "does not exist" is then no error.
   */
  private StepExec tolerateMissing;
  private int tolerated;

  SqlStepRunner(RunSession session) {
    this.s = session;
    this.dialect = session.dialect();
    this.verifier = new StepVerifier(session, this);
    this.inOne = new OneTransaction(session, this);
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
        backstep.db.DebugLog.ignored(SqlStepRunner.class, "the statement may have finished meanwhile", ignored);
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
      oneByOne(e, todo, stmts.size(), Direction.FORWARD, step.guards());
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
      tolerateMissing = e;
      tolerated = Integer.MAX_VALUE;
    } else if (!oneTx && partial && all.size() == e.statementsTotal) {
      undo = all.subList(all.size() - committed, all.size());
      e.note("undoing the " + committed + " of " + e.statementsTotal + " statements that had committed"
          + (e.detail.containsKey(PARTIAL) ? " (statement " + (e.statementsDone + 1) + " only in part, or perhaps "
              + "not at all: \"does not exist\" is tolerated for its undo)" : ""));
      if (e.detail.containsKey(PARTIAL) && e.rollbackDone == 0) {
        tolerateMissing = e;
        tolerated = 1;
      }
    }
    if (!oneTx && e.detail.remove(RESEND_TOLERANT) != null) {
      tolerateMissing = e; // the statement in flight when the process died is sent again; it may have taken effect
      tolerated = 1;
    }
    if (oneTx) {
      inOne.run(e, undo, Direction.ROLLBACK, c -> undoneAndProven(e, step, c, true));
    } else {
      List<Stmt> todo = undo.subList(Math.min(e.rollbackDone, undo.size()), undo.size());
      try {
        oneByOne(e, todo, all.size(), Direction.ROLLBACK, step.guards());
      } finally {
        tolerateMissing = null;
        tolerated = 0;
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

  /**
   * Runs {@code stmts} — the last {@code stmts.size()} of the direction's {@code total} statements — each committed
   * on its own. Before each, its intent ({@link InFlight}) is committed to the ledger; after it, its STATEMENT_DONE.
   * If the process dies in between, the next resume or rollback decides from the database what became of it.
   */
  private void oneByOne(StepExec e, List<Stmt> stmts, int total, Direction dir, Guards g) throws StepFailure {
    activeGuards = g;
    Connection c = s.work();
    try (Statement st = c.createStatement()) {
      dialect.execute(st, dialect.guardStatements(g.lockTimeout(), g.statementTimeout(), false));
      try {
        for (int i = 0; i < stmts.size(); i++) {
          Stmt stmt = stmts.get(i);
          sent(e, dir, stmt, total - stmts.size() + i + 1, total);
          Instant t0 = s.clock().instant();
          long n;
          try {
            TestPause.at("statement-sent", e.step.id());
            n = stmt.batched() ? batches(e, st, stmt, g, dir) : withRetries(e, st, stmt, g, i, stmts.size());
            TestPause.at("statement-committed", e.step.id());
          } catch (SQLException | StepFailure ex) {
            // The server answered: it did not commit (or, below, committed in part). When the connection was lost,
            // nobody knows: the intent stays, for the next resume or rollback to decide from the database.
            if (!(ex instanceof StepFailure f ? f.connectionLost() : Dialect.isConnectionLost((SQLException) ex))) {
              e.detail.remove(InFlight.KEY);
            }
            if (dir == Direction.FORWARD && NO_TRANSACTION.matcher(stmt.sql()).find()) {
              // e.g. a failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind: count it as partly applied
              e.detail.put(PARTIAL, e.statementsDone);
              s.progress(e, null, Map.of("partial_statement", e.statementsDone + 1));
            }
            throw ex;
          }
          e.detail.remove(InFlight.KEY);
          e.detail.remove(BATCHES);
          e.detail.remove(PARTIAL);
          e.rows += stmt.batched() ? 0 : n;
          if (dir == Direction.FORWARD) {
            e.statementsDone++;
          } else {
            e.rollbackDone++;
          }
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("direction", dir.name());
          d.put("statement", dir == Direction.FORWARD ? e.statementsDone : e.rollbackDone);
          d.put("line", stmt.line());
          d.put("rows", n);
          d.put("ms", Duration.between(t0, s.clock().instant()).toMillis());
          s.progress(e, EventType.STATEMENT_DONE, d);
          s.listener().statementDone(e.step.id(), i + 1, stmts.size(), e.rows,
              Duration.between(t0, s.clock().instant()));
        }
      } finally {
        resetGuards(st);
      }
    } catch (SQLException ex) {
      throw failure(ex, "");
    }
  }

  /**
   * Resets the session guards after a statement-by-statement step. On a connection that is gone (killed, lost) this
   * fails too; that failure must not hide the one that ended the step, so it is only logged then.
   */
  private void resetGuards(Statement st) throws SQLException {
    try {
      dialect.execute(st, dialect.resetGuards());
    } catch (SQLException ex) {
      if (!st.getConnection().isValid(2)) { // as in autocommitBack
        backstep.db.DebugLog.ignored(SqlStepRunner.class, "guards not reset: the work connection is gone", ex);
        return;
      }
      throw ex;
    }
  }

  /** Commits the intent of a statement about to be sent: the step row and a STATEMENT_SENT event. */
  private void sent(StepExec e, Direction dir, Stmt stmt, int position, int total) throws StepFailure {
    RunProof.Stored before;
    try {
      before = stmt.batched() ? null : s.proof().beforeStatement(e, dir, stmt);
    } catch (SQLException ex) {
      throw new StepFailure("cannot fingerprint the objects of statement " + position + " before sending it: "
          + RunSession.dbMessage(ex), Dialect.isConnectionLost(ex));
    }
    InFlight f = new InFlight(dir, position, total, stmt.line(), stmt.batched(), s.workSession(),
        before == null ? null : before.run(), before == null ? null : before.label());
    e.detail.put(InFlight.KEY, f.detail());
    Map<String, Object> d = new LinkedHashMap<>(f.detail());
    if (before != null) {
      d.put("fingerprint_sha256", before.sha256());
    }
    s.progress(e, EventType.STATEMENT_SENT, d);
  }

  /** Runs a statement in its own transaction (unless it cannot run in one), retrying lock timeouts. */
  private long withRetries(StepExec e, Statement st, Stmt stmt, Guards g, int i, int total)
      throws StepFailure, SQLException {
    return withRetries(e, st, stmt.sql(), stmt, g, i, total, e.rows);
  }

  private long withRetries(StepExec e, Statement st, String sql, Stmt stmt, Guards g, int i, int total, long before)
      throws StepFailure, SQLException {
    Connection c = st.getConnection();
    // MySQL/MariaDB commit DDL on their own, before and after it: wrapping it in a transaction of its own only cost
    // three statements (autocommit off, COMMIT, autocommit on; Connector/J sends each) and changed nothing
    boolean tx = !NO_TRANSACTION.matcher(sql).find()
        && !(dialect.family() == DialectFamily.MYSQL && COMMITS_ITSELF.matcher(sql).lookingAt());
    e.attempts = Math.max(e.attempts, 1);
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        e.attempts++;
      }
      try {
        if (tx || !c.getAutoCommit()) {
          c.setAutoCommit(!tx);
        }
        long n = exec(st, sql, stmt, i, total);
        checkRows(g, before + n, i, total);
        if (tx) {
          c.commit();
        }
        return n;
      } catch (SQLException ex) {
        if (tx) {
          RunSession.rollbackQuietly(c);
        }
        if (tolerateMissing == e && i < tolerated && doesNotExist(ex)) {
          String text = "tolerated in the rollback script, statement " + (i + 1) + " (line " + stmt.line() + "): "
              + RunSession.dbMessage(ex);
          e.deviation(text);
          s.note("step '" + e.step.id() + "': " + text);
          return 0;
        }
        if (dialect.isLockTimeout(ex) && attempt <= g.retries()) {
          backoff(e, attempt, g, ex);
          continue;
        }
        throw failure(ex, dialect.isLockTimeout(ex) ? " (gave up after " + attempt + " attempts)" : "");
      } catch (StepFailure f) {
        if (tx) {
          RunSession.rollbackQuietly(c);
        }
        throw f;
      } finally {
        if (tx) {
          autocommitBack(c);
        }
      }
    }
  }

  /**
   * Puts the connection back into autocommit after a statement. On a connection that is gone (killed, lost) this
   * fails too, and that failure must not hide the statement's own: it is only logged then.
   */
  private static void autocommitBack(Connection c) throws SQLException {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ex) {
      if (c.isValid(2)) {
        throw ex;
      }
      backstep.db.DebugLog.ignored(SqlStepRunner.class, "autocommit not restored: the work connection is gone", ex);
    }
  }

  /**
   * Repeats a {@code ${batch_size}} statement, one transaction per batch, until a batch touches no row. Once a
   * forward batch has committed, the statement counts as partly applied, so a failure later still gets undone.
   */
  private long batches(StepExec e, Statement st, Stmt stmt, Guards g, Direction dir)
      throws StepFailure, SQLException {
    String sql = stmt.sql().replace(SqlStep.BATCH_PLACEHOLDER, Integer.toString(g.batchSize()));
    long total = 0;
    for (int batch = 1; ; batch++) {
      String guard = s.guards().stopReason();
      if (guard != null) {
        throw new StepFailure("stopped by guard before batch " + batch + ": " + guard, false);
      }
      if (s.guards().underPressure()) {
        s.guards().throttle(e, batch);
      }
      long n = withRetries(e, st, sql, stmt, g, 0, 1, e.rows);
      total += n;
      e.rows += n;
      if (n == 0) {
        return total;
      }
      TestPause.at("batch-committed", e.step.id());
      if (dir == Direction.FORWARD) {
        e.detail.put(PARTIAL, e.statementsDone);
      }
      e.detail.put(BATCHES, batch);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("batch", batch);
      d.put("rows", n);
      d.put("rows_so_far", e.rows);
      s.progress(e, null, d);
      s.listener().statementDone(e.step.id(), 0, 0, e.rows, Duration.ZERO);
    }
  }

  long run(Statement st, Stmt stmt, int i, int total) throws SQLException {
    return exec(st, stmt.sql(), stmt, i, total);
  }

  /** {@code st} runs a statement of the step now: the guard may cancel it, the lock watch looks at its session. */
  void watch(Statement st) {
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

  private long exec(Statement st, String sql, Stmt stmt, int i, int total) throws SQLException {
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
    return new PositionedSqlException(ex, (guard != null ? "cancelled by guard (" + guard + ") at " : "")
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
    try {
      s.sleeper().sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new StepFailure("interrupted while waiting to retry", false);
    }
  }

  /**
   * An object the statement names is not there: PostgreSQL undefined table/column/object/function (42P01, 42703,
   * 42704, 42883); MySQL/MariaDB unknown table (1051, 1146), can't drop a missing column or key (1091), missing
   * routine (1305) or trigger (1360), unknown column (1054).
   */
  private static boolean doesNotExist(SQLException ex) {
    SQLException root = ex instanceof PositionedSqlException p && p.getCause() instanceof SQLException c ? c : ex;
    String state = root.getSQLState() == null ? "" : root.getSQLState();
    return java.util.Set.of("42P01", "42703", "42704", "42883").contains(state)
        || java.util.Set.of(1051, 1146, 1091, 1305, 1360, 1054).contains(root.getErrorCode());
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
      backstep.db.DebugLog.ignored(SqlStepRunner.class, "the server does not answer: the connection was lost, not "
          + "killed", ex);
      return false;
    }
  }

  /** An SQLException that remembers which statement of the step raised it. */
  static final class PositionedSqlException extends SQLException {
    private final String where;

    PositionedSqlException(SQLException cause, String where) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.where = where;
    }

    String where() {
      return where;
    }
  }
}
