package backstep.drill.fault;

import backstep.db.Database;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;

/**
 * Kills the connection the engine runs the step on, while it is running a statement: waits (up to 10 s) until the
 * engine has announced its session and the server shows that session executing, then {@code pg_terminate_backend}
 * (PostgreSQL) or {@code KILL CONNECTION} (MySQL/MariaDB). Nothing to undo: the engine opens a new connection.
 */
public final class KillFault implements Fault {
  private static final long WAIT_MS = 10_000;
  private final Database db;
  private final LongSupplier workSession;

  KillFault(Database db, LongSupplier workSession) {
    this.db = db;
    this.workSession = workSession;
  }

  @Override
  public boolean waitsForEngine() {
    return true;
  }

  @Override
  public String inject() throws SQLException, InterruptedException {
    boolean pg = db.dialect() == Dialect.POSTGRES;
    long deadline = System.currentTimeMillis() + WAIT_MS;
    try (Connection c = db.openDedicated("backstep-drill-fault")) {
      while (System.currentTimeMillis() < deadline) {
        long id = workSession.getAsLong();
        if (id > 0 && busy(c, pg, id)) {
          try (Statement st = c.createStatement()) {
            st.execute(pg ? "SELECT pg_terminate_backend(" + id + ")" : "KILL CONNECTION " + id);
          }
          return "killed the step's connection (session " + id + ") in the middle of a statement";
        }
        Thread.sleep(5);
      }
    }
    throw new SQLException("the step's connection never ran a statement while the fault waited (10 s)");
  }

  private static boolean busy(Connection c, boolean pg, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(pg
        ? "SELECT state = 'active' FROM pg_stat_activity WHERE pid = ?"
        : "SELECT COMMAND = 'Query' FROM information_schema.PROCESSLIST WHERE ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  @Override
  public String undo() {
    return "nothing to undo (a killed session stays dead; the engine uses a new connection)";
  }
}
