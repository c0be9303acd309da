package backstep.engine;

import backstep.db.Dialect;
import backstep.playbook.Guards;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText.Stmt;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A {@code sql} step as one transaction (where the database has transactional DDL, or the step changes only data):
 * its guards, statements, verify and ledger rows commit together or not at all; a lock timeout rolls it all back and
 * retries. On PostgreSQL what the step owes the connection goes ahead of its next statement ({@link
 * backstep.db.OwedSql}), its first verify query after its last statement and the next step's pre-check with its
 * commit ({@link StepVerifier}).
 */
final class OneTransaction {
  private final RunSession s;
  private final SqlStepRunner runner;
  private final StepVerifier verifier;
  private final Dialect dialect;

  OneTransaction(RunSession session, SqlStepRunner runner) {
    this.s = session;
    this.runner = runner;
    this.verifier = runner.verifier();
    this.dialect = session.dialect();
  }

  /** What proves the step's statements did what it says, read in its transaction. */
  interface TxCheck {
    SqlStepRunner.Check check(Connection c) throws StepFailure;
  }

  /** Runs {@code stmts} in one transaction, checks the result with {@code check}, records the step and commits. */
  void run(StepExec e, List<Stmt> stmts, Direction dir, TxCheck check) throws StepFailure {
    Guards g = ((SqlStep) e.step).guards();
    runner.guards(g);
    Connection c = s.work();
    for (int attempt = 1; ; attempt++) {
      e.attempts++;
      var head = s.ledger().head();
      try {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          List<String> guards = dialect.guardStatements(g.lockTimeout(), g.statementTimeout(), true);
          if (dialect == Dialect.POSTGRES) {
            s.owed().add(guards); // PostgreSQL: they go with the first statement (the transaction's BEGIN too)
          } else { // in one round trip (a batch), not one per statement
            for (String guard : guards) {
              st.addBatch(guard);
            }
            st.executeBatch();
            st.clearBatch();
          }
          long rows = 0;
          SqlStep step = (SqlStep) e.step;
          for (int i = 0; i < stmts.size(); i++) {
            Instant t0 = s.clock().instant();
            String tail = i == stmts.size() - 1 ? verifier.afterLast(step, dir, stmts.get(i).sql()) : null;
            long n = tail == null ? runner.run(st, stmts.get(i), i, stmts.size())
                : lastWithVerify(st, stmts.get(i), i, stmts.size(), tail, step, dir);
            rows += n;
            runner.checkRows(g, rows, i, stmts.size());
            s.listener().statementDone(e.step.id(), i + 1, stmts.size(), rows,
                Duration.between(t0, s.clock().instant()));
          }
          SqlStepRunner.Check v = check.check(c);
          if (!v.pass()) {
            throw new StepFailure((dir == Direction.FORWARD
                ? "statements ran but the step is not proven applied (the transaction was rolled back, nothing "
                    + "changed): "
                : "rollback statements ran but the step still verifies as applied (the transaction was rolled "
                    + "back): ") + String.join("; ", v.details()), false);
          }
          e.rows = rows;
          if (dir == Direction.FORWARD) {
            e.statementsDone = stmts.size();
            e.detail.put("verify", v.details());
          } else {
            e.rollbackDone = stmts.size();
          }
          s.finishStep(c, e, dir, true); // PostgreSQL: kept for the commit's round trip, not sent
          s.owed().flush(c); // nothing is left owed unless the ledger is central (its rows go after the commit)
          TestPause.at("step-transaction", e.step.id());
          // with the step's rows ahead and the next step's pre-check after (PostgreSQL), when there are
          verifier.commit(c, s.takeStepEnd());
          s.committed();
          return;
        }
      } catch (SQLException ex) {
        s.abandon(c, head);
        verifier.dropRead();
        undoCounts(e, dir);
        if (dialect.isLockTimeout(ex) && attempt <= g.retries()) {
          runner.backoff(e, attempt, g, ex);
          continue;
        }
        throw runner.failure(ex, dialect.isLockTimeout(ex) ? " (gave up after " + attempt + " attempts)" : "");
      } catch (StepFailure f) {
        s.abandon(c, head);
        verifier.dropRead();
        undoCounts(e, dir);
        throw f;
      } finally {
        try {
          c.setAutoCommit(true);
        } catch (SQLException ignored) {
          backstep.db.DebugLog.ignored(OneTransaction.class,
              "the connection is gone; the failure above says so", ignored);
          // the connection is gone; the failure above says so
        }
      }
    }
  }

  /** The step's transaction rolled back: none of its statements committed (a ledger write may fail after them). */
  private static void undoCounts(StepExec e, Direction dir) {
    if (dir == Direction.FORWARD) {
      e.statementsDone = 0;
      e.detail.remove(StepExec.EFFECT);
    } else {
      e.rollbackDone = 0;
      e.detail.remove(StepExec.RESIDUE);
    }
  }

  /**
   * PostgreSQL: a one-transaction step's last statement with the first query of its check after it ({@code tail},
   * {@link StepVerifier#afterLast}), in one round trip. An error of the statement is the statement's, as when it goes
   * alone; an error of the query (the statement succeeded) is kept for the check, which reports it as it would.
   */
  private long lastWithVerify(Statement st, Stmt stmt, int i, int total, String tail, SqlStep step, Direction dir)
      throws SQLException {
    runner.watch(st);
    boolean sent = false;
    try {
      boolean rs = st.execute(s.owed().ahead(s.expand(stmt.sql()) + tail));
      sent = true;
      long rows = 0;
      boolean lastIsResultSet = false;
      Object last = null;
      while (true) {
        if (rs) {
          try (ResultSet r = st.getResultSet()) {
            last = r.next() ? r.getObject(1) : null;
          }
          lastIsResultSet = true;
        } else {
          int n = st.getUpdateCount();
          if (n == -1) {
            break;
          }
          rows += Math.max(0, n);
          lastIsResultSet = false;
        }
        rs = st.getMoreResults();
      }
      verifier.lastValue(step, dir, lastIsResultSet, last);
      return rows;
    } catch (SQLException ex) {
      boolean stopping = s.guards().stopReason() != null || s.rollbackAsked() != null;
      if (!sent && !stopping && verifier.verifyFailed(st.getConnection(), step, dir, ex)) {
        return 0; // the statement ran; the check reports the query's error (it counted no rows, or fails)
      }
      throw runner.positioned(ex, i, total, stmt);
    } finally {
      runner.unwatch();
    }
  }
}
