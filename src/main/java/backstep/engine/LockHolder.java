package backstep.engine;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.state.RunState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who holds a target's run lock, in words for the refusal of a second command. An apply that took the lock a moment
 * ago may not have created the ledger or recorded its run yet (applies started at the same moment): the holder's run
 * is waited for, briefly; a holder that records no run (a command that ends without changing anything) is named by
 * its database session instead.
 */
final class LockHolder {
  /** How long to wait for the holder's run to be recorded: far more than a run's start takes. */
  static final Duration WAIT = Duration.ofSeconds(3);
  private static final Duration POLL = Duration.ofMillis(100);

  private LockHolder() {}

  /** ": run CHG-… of playbook 'p' by op (pid …, started …) is applying", or the session's words, or "". */
  static String describe(Database db, Connection lock, Sleeper sleeper) {
    long polls = WAIT.toMillis() / POLL.toMillis(); // counted, not timed: an injected clock may stand still
    Ledger ledger = new Ledger(db);
    try (Connection central = ledger.colocated() ? null : ledger.connection()) {
      Connection c = central == null ? lock : central;
      for (long i = 0; ; i++) {
        Optional<RunRecord> run = ledger.exists(c) ? holding(ledger, c) : Optional.empty();
        if (run.isPresent()) {
          RunRecord r = run.get();
          return ": run " + r.changeId() + " of playbook '" + r.playbookId() + "' by " + r.operator() + " (pid "
              + r.pid() + " on " + r.host() + ", started " + r.startedAt() + ") is " + r.state()
              .words();
        }
        if (!backstep.ledger.TargetLock.isHeld(lock, db.dialect())) {
          return " (it has released it since: try again)";
        }
        if (i >= polls) {
          return session(lock, db.dialect());
        }
        sleeper.sleep(POLL);
      }
    } catch (SQLException e) {
      backstep.db.DebugLog.ignored(LockHolder.class, "the holder cannot be named", e);
      return ""; // best effort: the refusal stands without the details
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static Optional<RunRecord> holding(Ledger ledger, Connection c) throws SQLException {
    List<RunRecord> runs = ledger.runsInStates(c, List.of(RunState.RUNNING, RunState.ROLLING_BACK));
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }

  /** The database session holding the lock: its id, client and since when it is connected. */
  private static String session(Connection c, Dialect d) throws SQLException {
    String sql = d == Dialect.POSTGRES
        ? "SELECT a.pid, coalesce(host(a.client_addr), 'local socket'), a.backend_start::text"
            + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
            + " AND l.classid = (hashtext('backstep')::bigint & 4294967295)::oid"
            + " AND l.objid = (hashtext(current_database())::bigint & 4294967295)::oid AND l.objsubid = 2"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        : "SELECT p.ID, p.HOST, CAST(NOW() - INTERVAL p.TIME SECOND AS CHAR) FROM information_schema.PROCESSLIST p"
            + " WHERE p.ID = IS_USED_LOCK(CONCAT('backstep:', DATABASE()))";
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next()) {
        return "";
      }
      return ": database session " + rs.getLong(1) + " from " + rs.getString(2) + " (connected since "
          + rs.getString(3) + "), which has recorded no run yet";
    }
  }
}
