package backstep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The server's side of a profile: the CPU time of every PostgreSQL backend the counting driver opened, read from
 * {@code /proc/<pid>/schedstat} (nanoseconds on a CPU; the server must run on this host), and, where the server has
 * {@code pg_stat_statements} loaded, its planning and execution time by statement. Both are counts of work done,
 * not of waiting, so they can be compared between code versions on a loaded machine, where wall clock cannot.
 */
final class Backends {
  private static final List<Long> PIDS = Collections.synchronizedList(new ArrayList<>());

  private Backends() {}

  /** Notes the backend behind a fresh connection (read on the real connection: not counted as a round trip). */
  static void opened(Connection c) {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      PIDS.add(rs.getLong(1));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Nanoseconds on a CPU of every backend opened so far (those gone count as 0: read before they close). */
  static long cpuNanos() {
    long sum = 0;
    for (long pid : List.copyOf(PIDS)) {
      try {
        sum += Long.parseLong(Files.readString(Path.of("/proc/" + pid + "/schedstat")).trim().split(" ")[0]);
      } catch (IOException | RuntimeException e) {
        // the backend has ended (its connection closed): its time is lost to the sum, so read while it is open
      }
    }
    return sum;
  }

  /** Resets pg_stat_statements on the server of {@code c}, if it has it; false if not. */
  static boolean resetStatements(Connection c) {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      st.execute("SELECT pg_stat_statements_reset()");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Prints the statements of database {@code db} the server planned and ran since the reset, per step. */
  static void printStatements(Connection c, String db, int n) throws SQLException {
    String q = "SELECT sum(calls), sum(plans), sum(total_plan_time), sum(total_exec_time), q FROM (SELECT calls, "
        + "plans, total_plan_time, total_exec_time, regexp_replace(regexp_replace(left(query, 200), '\\s+', ' ', "
        + "'g'), '[0-9]+', '#', 'g') AS q FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
        + "WHERE d.datname = ? AND query NOT LIKE '%pg_stat_statements%') x GROUP BY q "
        + "ORDER BY sum(total_plan_time) + sum(total_exec_time) DESC";
    double plan = 0;
    double exec = 0;
    System.out.println();
    System.out.println("| statement (pg_stat_statements) | calls per step | plans per step | plan ms per step "
        + "| exec ms per step |");
    System.out.println("|---|---:|---:|---:|---:|");
    try (var ps = c.prepareStatement(q)) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan += rs.getDouble(3);
          exec += rs.getDouble(4);
          if (rs.getDouble(3) + rs.getDouble(4) < 0.002 * n) {
            continue; // under 2 µs a step
          }
          String text = rs.getString(5);
          System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.3f | %.3f |%n",
              (text.length() > 90 ? text.substring(0, 90) + "…" : text).replace("|", "\\|"),
              rs.getLong(1) / (double) n, rs.getLong(2) / (double) n, rs.getDouble(3) / n, rs.getDouble(4) / n);
        }
      }
    }
    System.out.printf(Locale.ROOT, "| **all statements** | | | **%.3f** | **%.3f** |%n", plan / n, exec / n);
  }
}
