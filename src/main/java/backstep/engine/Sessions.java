package backstep.engine;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server's view of a work session, by a key that outlives the process: {@code pid@backend_start} (microseconds)
 * on PostgreSQL, whose process ids are reused; the connection id on MySQL/MariaDB, which the server does not reuse
 * while it runs. Asked after a crash (does it still run the statement the dead process sent?) and after a lost
 * connection (did the server end it?).
 */
final class Sessions {
  private Sessions() {
  }

  /** The key of the session {@code c} is, read on it. */
  static String key(Connection c, Dialect dialect) throws SQLException {
    String sql = dialect == Dialect.POSTGRES
        ? "SELECT pid || '@' || (extract(epoch FROM backend_start) * 1000000)::bigint FROM pg_stat_activity "
            + "WHERE pid = pg_backend_pid()"
        : "SELECT CONNECTION_ID()";
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Whether session {@code key} still runs a statement, asked on another session {@code c}. */
  static boolean running(Connection c, Dialect dialect, String key) throws SQLException {
    return count(c, dialect, key, dialect == Dialect.POSTGRES ? " AND state = 'active'" : " AND COMMAND <> 'Sleep'");
  }

  /** Whether session {@code key} is still there and not being killed, asked on another session {@code c}. */
  static boolean alive(Connection c, Dialect dialect, String key) throws SQLException {
    return count(c, dialect, key, dialect == Dialect.POSTGRES ? "" : " AND COMMAND <> 'Killed'");
  }

  private static boolean count(Connection c, Dialect dialect, String key, String condition) throws SQLException {
    boolean pg = dialect == Dialect.POSTGRES;
    String[] parts = key.split("@", 2);
    String sql = pg
        ? "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND pid <> pg_backend_pid() "
            + "AND (extract(epoch FROM backend_start) * 1000000)::bigint = ?" + condition
        : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND ID <> CONNECTION_ID()" + condition;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, Long.parseLong(parts[0]));
      if (pg) {
        ps.setLong(2, parts.length > 1 ? Long.parseLong(parts[1]) : 0);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    } catch (NumberFormatException e) {
      return false; // not a key this version wrote
    }
  }

  /** How to cancel what session {@code key} runs. */
  static String cancelHint(Dialect dialect, String key) {
    String pid = key.split("@", 2)[0];
    return dialect == Dialect.POSTGRES ? "SELECT pg_cancel_backend(" + pid + ")" : "KILL QUERY " + pid;
  }
}
