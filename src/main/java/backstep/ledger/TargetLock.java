package backstep.ledger;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The per-target run lock: a PostgreSQL advisory lock or a MySQL/MariaDB named lock, session-scoped on the
 * connection that took it. If the process dies the server ends the session and the lock is gone: there are no
 * lock rows to clean by hand.
 */
public final class TargetLock {
  private TargetLock() {}

  /** Tries to take the lock on {@code c} without waiting. */
  public static boolean tryAcquire(Connection c, Dialect d) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(d.tryLockSql())) {
      rs.next();
      Object v = rs.getObject(1);
      return v instanceof Boolean b ? b : v instanceof Number n && n.intValue() == 1;
    }
  }

  /** Whether another session holds the lock now; never takes it, so it cannot make an apply fail as busy. */
  public static boolean isHeld(Connection c, Dialect d) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(d.lockHeldSql())) {
      rs.next();
      Object v = rs.getObject(1);
      return v instanceof Boolean b ? b : v instanceof Number n && n.intValue() == 1;
    }
  }

  public static void release(Connection c, Dialect d) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(d.unlockSql())) {
      rs.next();
    }
  }
}
