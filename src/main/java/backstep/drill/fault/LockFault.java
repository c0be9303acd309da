package backstep.drill.fault;

import backstep.db.Database;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds a lock on a table from another session, in an open transaction: {@code exclusive} blocks every reader and
 * writer (PostgreSQL ACCESS EXCLUSIVE, MySQL/MariaDB LOCK TABLES … WRITE); {@code share} lets the application
 * through but makes any ALTER wait (PostgreSQL ACCESS SHARE, MySQL/MariaDB a read that keeps its metadata lock).
 */
public final class LockFault implements Fault {
  private final Database db;
  private final String table;
  private final String mode;
  private Connection holder;

  LockFault(Database db, String table, String mode) {
    this.db = db;
    this.table = table;
    this.mode = mode;
  }

  @Override
  public String inject() throws SQLException {
    holder = db.openDedicated("backstep-drill-fault");
    holder.setAutoCommit(false);
    try (Statement st = holder.createStatement()) {
      if (db.dialect() == Dialect.POSTGRES) {
        st.execute("LOCK TABLE " + table + " IN " + (mode.equals("share") ? "ACCESS SHARE" : "ACCESS EXCLUSIVE")
            + " MODE");
      } else if (mode.equals("share")) {
        st.executeQuery("SELECT 1 FROM " + table + " LIMIT 1").close();
      } else {
        st.execute("LOCK TABLES " + table + " WRITE");
      }
    }
    return "holding a " + mode + " lock on " + table + " from another session";
  }

  @Override
  public String undo() {
    if (holder == null) {
      return "no lock was held";
    }
    try (Statement st = holder.createStatement()) {
      if (db.dialect() != Dialect.POSTGRES && mode.equals("exclusive")) {
        st.execute("UNLOCK TABLES");
      }
      holder.rollback();
    } catch (SQLException ignored) {
      backstep.db.DebugLog.ignored(LockFault.class, "closing the session releases the lock anyway", ignored);
      // closing the session releases the lock anyway
    }
    Faults.closeQuietly(holder);
    holder = null;
    return "released the " + mode + " lock on " + table;
  }
}
