package backstep.traffic;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a server's cumulative statement statistics for the connection's database: PostgreSQL's
 * {@code pg_stat_statements}, MariaDB's and MySQL's {@code performance_schema.events_statements_summary_by_digest}.
 * Both count from the server's start (or the last reset); a capture takes the difference of two readings.
 */
final class StatementStats {
  /** One statement's totals: its normalised text, calls, rows and execution time. */
  record Totals(String text, long calls, long rows, double totalMs) {}

  private static final String PG = """
      SELECT s.queryid::text, min(s.query), sum(s.calls), sum(s.rows), sum(s.total_exec_time)
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = current_database() AND s.queryid IS NOT NULL
       GROUP BY s.queryid""";
  private static final String MYSQL = """
      SELECT DIGEST, DIGEST_TEXT, COUNT_STAR, SUM_ROWS_AFFECTED + SUM_ROWS_SENT, SUM_TIMER_WAIT / 1e9
        FROM performance_schema.events_statements_summary_by_digest
       WHERE SCHEMA_NAME = DATABASE() AND DIGEST IS NOT NULL""";

  private StatementStats() {
  }

  /** Why statistics cannot be read on this connection, with what to do about it; null when they can. */
  static String unavailable(Connection c, Dialect dialect) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.POSTGRES) {
        try (ResultSet rs = st.executeQuery("SELECT current_setting('shared_preload_libraries'), EXISTS (SELECT 1 "
            + "FROM pg_extension WHERE extname = 'pg_stat_statements'), current_database()")) {
          rs.next();
          if (!rs.getString(1).contains("pg_stat_statements")) {
            return "pg_stat_statements is not loaded on this server: add shared_preload_libraries = "
                + "'pg_stat_statements' to postgresql.conf and restart it";
          }
          if (!rs.getBoolean(2)) {
            return "the pg_stat_statements extension is not created in database '" + rs.getString(3) + "': run "
                + "CREATE EXTENSION pg_stat_statements there (the capture itself changes nothing)";
          }
          return null;
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT @@performance_schema")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return "performance_schema is off on this server: start it with performance_schema = ON (my.cnf, "
              + "[mysqld]); it cannot be switched on while it runs";
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT ENABLED FROM performance_schema.setup_consumers WHERE NAME = "
          + "'statements_digest'")) {
        if (!rs.next() || !"YES".equalsIgnoreCase(rs.getString(1))) {
          return "the performance_schema consumer statements_digest is disabled: UPDATE performance_schema."
              + "setup_consumers SET ENABLED = 'YES' WHERE NAME = 'statements_digest'";
        }
      }
      return null;
    }
  }

  /** The totals of every statement the database has run, by the server's own key (queryid, digest). */
  static Map<String, Totals> read(Connection c, Dialect dialect) throws SQLException {
    Map<String, Totals> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect == Dialect.POSTGRES ? PG
        : MYSQL)) {
      while (rs.next()) {
        out.put(rs.getString(1), new Totals(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5)));
      }
    }
    return out;
  }

  /** What ran between two readings (an entry reset or evicted in between counts from zero). */
  static Map<String, Totals> delta(Map<String, Totals> before, Map<String, Totals> after) {
    Map<String, Totals> out = new LinkedHashMap<>();
    after.forEach((k, a) -> {
      Totals b = before.get(k);
      Totals d = b == null || b.calls() > a.calls() ? a : new Totals(a.text(), a.calls() - b.calls(),
          a.rows() - b.rows(), a.totalMs() - b.totalMs());
      if (d.calls() > 0) {
        out.put(k, d);
      }
    });
    return out;
  }
}
