package backstep.engine;

import backstep.db.DebugLog;
import backstep.db.Dialect;
import backstep.ledger.EventType;
import backstep.playbook.DialectFamily;
import backstep.playbook.Guards;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText.Stmt;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code sql} step whose statements each commit on its own (where the database has no transactional DDL, or a
 * statement cannot run in a transaction): before each, its intent ({@link InFlight}) is committed to the ledger; after
 * it, its STATEMENT_DONE. A lock timeout retries the statement; a {@code ${batch_size}} statement repeats by batches.
 */
final class OneByOne {
  /** MySQL/MariaDB statements that commit implicitly, before and after (after leading comments). */
  private static final Pattern COMMITS_ITSELF = Pattern.compile(
      "\\s*(?:(?:--[^\\n]*\\n|#[^\\n]*\\n|/\\*(?!!).*?\\*/)\\s*)*(?:CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern NO_TRANSACTION =
      Pattern.compile("\\b(CONCURRENTLY|VACUUM|CREATE\\s+DATABASE|DROP\\s+DATABASE|ALTER\\s+SYSTEM)\\b",
          Pattern.CASE_INSENSITIVE);

  private final RunSession s;
  private final SqlStepRunner runner;
  private final Dialect dialect;
  /**
   * Set while a step is undone whose first {@link #tolerated} statements (all, for a {@code rollback_mode: script}
   * step after a partial failure) may find their object gone: "does not exist" is then no error.
   */
  private StepExec tolerateMissing;
  private int tolerated;

  OneByOne(RunSession session, SqlStepRunner runner) {
    this.s = session;
    this.runner = runner;
    this.dialect = session.dialect();
  }

  /** While step {@code e} is undone, its first {@code count} statements may find their object gone. */
  void tolerateMissing(StepExec e, int count) {
    tolerateMissing = e;
    tolerated = count;
  }

  /** Statements that commit on their own from now on fail on a missing object again. */
  void tolerateNothing() {
    tolerateMissing = null;
    tolerated = 0;
  }

  /**
   * Runs {@code stmts} — the last {@code stmts.size()} of the direction's {@code total} statements — each committed
   * on its own. Before each, its intent ({@link InFlight}) is committed to the ledger; after it, its STATEMENT_DONE.
   * If the process dies in between, the next resume or rollback decides from the database what became of it.
   */
  void run(StepExec e, List<Stmt> stmts, int total, Direction dir, Guards g) throws StepFailure {
    runner.guards(g);
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
              e.detail.put(SqlStepRunner.PARTIAL, e.statementsDone);
              s.progress(e, null, Map.of("partial_statement", e.statementsDone + 1));
            }
            throw ex;
          }
          done(e, dir, stmt, n, t0, i, stmts.size());
        }
      } finally {
        resetGuards(st);
      }
    } catch (SQLException ex) {
      throw runner.failure(ex, "");
    }
  }

  /** Statement {@code i + 1} of {@code count} committed, touching {@code n} rows: its STATEMENT_DONE. */
  private void done(StepExec e, Direction dir, Stmt stmt, long n, Instant t0, int i, int count) throws StepFailure {
    e.detail.remove(InFlight.KEY);
    e.detail.remove(SqlStepRunner.BATCHES);
    e.detail.remove(SqlStepRunner.PARTIAL);
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
    s.listener().statementDone(e.step.id(), i + 1, count, e.rows, Duration.between(t0, s.clock().instant()));
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
        DebugLog.ignored(SqlStepRunner.class, "guards not reset: the work connection is gone", ex);
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
        long n = runner.exec(st, sql, stmt, i, total);
        runner.checkRows(g, before + n, i, total);
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
          runner.backoff(e, attempt, g, ex);
          continue;
        }
        throw runner.failure(ex, dialect.isLockTimeout(ex) ? " (gave up after " + attempt + " attempts)" : "");
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
      DebugLog.ignored(SqlStepRunner.class, "autocommit not restored: the work connection is gone", ex);
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
      String asked = s.rollbackAsked();
      if (asked != null) {
        throw new StepFailure("stopped before batch " + batch + ": " + asked, false);
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
        e.detail.put(SqlStepRunner.PARTIAL, e.statementsDone);
      }
      e.detail.put(SqlStepRunner.BATCHES, batch);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("batch", batch);
      d.put("rows", n);
      d.put("rows_so_far", e.rows);
      s.progress(e, null, d);
      s.listener().statementDone(e.step.id(), 0, 0, e.rows, Duration.ZERO);
    }
  }

  /**
   * An object the statement names is not there: PostgreSQL undefined table/column/object/function (42P01, 42703,
   * 42704, 42883); MySQL/MariaDB unknown table (1051, 1146), can't drop a missing column or key (1091), missing
   * routine (1305) or trigger (1360), unknown column (1054).
   */
  private static boolean doesNotExist(SQLException ex) {
    SQLException root = PositionedSqlException.root(ex);
    String state = root.getSQLState() == null ? "" : root.getSQLState();
    return Set.of("42P01", "42703", "42704", "42883").contains(state)
        || Set.of(1051, 1146, 1091, 1305, 1360, 1054).contains(root.getErrorCode());
  }
}
