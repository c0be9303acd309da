package backstep.engine;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.ledger.EventType;
import backstep.ledger.Ledger;
import backstep.ledger.TargetLock;
import backstep.playbook.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends a session that blocks others, as a DBA does from the console's blockers table: cancel its statement
 * ({@code pg_cancel_backend} / {@code KILL QUERY}) or end the session ({@code pg_terminate_backend} / {@code KILL}),
 * on a connection of its own; then records what was done in the ledger as a {@code SESSION_ENDED} event of the run
 * it held up, under the target's run lock (so after that run has ended, as the drill recorder does).
 */
public final class SessionAction {
  /** What to do to the session. */
  public enum Kind {
    CANCEL("cancel the statement of"), TERMINATE("end the session");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  private SessionAction() {
  }

  /** The statement that does {@code kind} to session {@code pid} on {@code dialect}. */
  static String sql(Dialect dialect, Kind kind, long pid) {
    if (dialect == Dialect.POSTGRES) {
      return "SELECT " + (kind == Kind.CANCEL ? "pg_cancel_backend(" : "pg_terminate_backend(") + pid + ")";
    }
    return (kind == Kind.CANCEL ? "KILL QUERY " : "KILL ") + pid;
  }

  /**
   * Does {@code kind} to session {@code pid}; returns whether the server did it (PostgreSQL answers false for a
   * session that is gone; MariaDB fails with "Unknown thread id"). Fails with the database's own words.
   */
  public static boolean perform(Database db, Kind kind, long pid) {
    try (Connection c = db.openDedicated("backstep-console-blockers"); Statement st = c.createStatement()) {
      if (db.dialect() == Dialect.POSTGRES) {
        try (ResultSet rs = st.executeQuery(sql(db.dialect(), kind, pid))) {
          return rs.next() && rs.getBoolean(1);
        }
      }
      st.execute(sql(db.dialect(), kind, pid));
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Records the action in the ledger as an event of the run {@code runOrChange} names (its run id or change id: the
   * run the session held up) at {@code at} (when the operator confirmed), waiting up to {@code lockWaitMs} for the
   * run lock. Fails with why it could not (the lock stayed busy, no such run, the database's words).
   */
  public static void record(Database db, String runOrChange, Kind kind, long pid, String session, String actor,
      Instant at, boolean done, long lockWaitMs) throws InterruptedException {
    try (Connection lock = db.openDedicated("backstep-console-ledger")) {
      long until = System.nanoTime() + lockWaitMs * 1_000_000;
      boolean held = TargetLock.tryAcquire(lock, db.dialect());
      while (!held && System.nanoTime() < until) {
        Thread.sleep(200);
        held = TargetLock.tryAcquire(lock, db.dialect());
      }
      if (!held) {
        throw new SQLException("the target's run lock stayed busy; the action was done but not recorded");
      }
      try {
        Ledger ledger = new Ledger(db);
        try (Connection central = ledger.colocated() ? null : ledger.connection()) {
          Connection c = central == null ? lock : central;
          ledger.ensureSchema(c);
          ledger.loadHead(c);
          String runId = ledger.run(c, runOrChange).map(backstep.ledger.RunRecord::runId).orElseThrow(
              () -> new SQLException("no run " + runOrChange + " in the ledger"));
          Map<String, Object> detail = new LinkedHashMap<>();
          detail.put("action", kind.name().toLowerCase(java.util.Locale.ROOT));
          detail.put("pid", pid);
          detail.put("session", session);
          detail.put("statement", sql(db.dialect(), kind, pid));
          detail.put("done", done);
          ledger.append(c, runId, EventType.SESSION_ENDED, null, actor, Json.compact(detail), at);
          ledger.recordHead(c, runId);
        }
      } finally {
        TargetLock.release(lock, db.dialect());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
