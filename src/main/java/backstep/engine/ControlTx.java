package backstep.engine;

import backstep.ledger.Ledger;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Ledger writes on the control connection that belong together — a run's state with its event and the chain head, a
 * new run with its RUN_STARTED event — committed as one transaction: all of them or none, and one durable commit (one
 * WAL flush, a few milliseconds on an ordinary disk) instead of one per write. Inside a transaction already open on
 * the connection they simply join it.
 */
final class ControlTx {
  private ControlTx() {}

  /** Runs {@code writes} on {@code c} as one transaction; on failure rolls it back and puts the chain head back. */
  static void inOne(Connection c, Ledger ledger, RunSession.LedgerWrite writes) throws SQLException {
    if (!c.getAutoCommit()) {
      writes.run(c);
      return;
    }
    Ledger.Head head = ledger.head();
    c.setAutoCommit(false);
    boolean committed = false;
    try {
      writes.run(c);
      c.commit();
      committed = true;
    } finally {
      if (!committed) {
        RunSession.rollbackQuietly(c);
        ledger.reset(head); // the events appended in it are gone with it
      }
      restore(c, committed);
    }
  }

  /**
   * Runs {@code writes} — one of the ledger's run writes that {@link Ledger#runRowsInOneStatement} may make one
   * statement — as one transaction: on its own when it is one statement on a connection in autocommit (a statement is
   * its own transaction: no {@code BEGIN} and {@code COMMIT} round trips of its own), else {@link #inOne}.
   */
  static void together(Connection c, Ledger ledger, RunSession.LedgerWrite writes) throws SQLException {
    if (c.getAutoCommit() && ledger.runRowsInOneStatement(c)) {
      writes.run(c); // the ledger moves its chain head on only once the statement succeeded
      return;
    }
    inOne(c, ledger, writes);
  }

  private static void restore(Connection c, boolean committed) throws SQLException {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      if (committed) {
        throw e;
      }
      // the write already failed (its error is the one thrown); a broken connection cannot be restored anyway
      backstep.db.DebugLog.ignored(ControlTx.class, "restoring autocommit after a failed ledger write", e);
    }
  }
}
