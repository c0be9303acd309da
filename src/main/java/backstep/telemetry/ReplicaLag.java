package backstep.telemetry;

import backstep.db.ReplicaSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads each replica's lag on its own connection, in seconds. PostgreSQL: 0 when the replica has replayed all it
 * received, otherwise {@code now() - pg_last_xact_replay_timestamp()} (so a paused replay's lag grows with the time
 * since the last transaction it replayed); a replica behind that has replayed no transaction since it started has no
 * such timestamp: then the seconds since it was first seen behind (a lower bound). MariaDB/MySQL:
 * {@code SHOW SLAVE STATUS}'s {@code Seconds_Behind_Master};
 * while the SQL thread is stopped with relay log left to apply (where the server reports NULL), the seconds since it
 * was first seen stopped — a lower bound. An unreachable replica reads NaN and is reconnected on the next sample.
 */
public final class ReplicaLag implements AutoCloseable {
  private static final String PG = """
      SELECT pg_is_in_recovery(), pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn(),
             extract(epoch FROM now() - pg_last_xact_replay_timestamp())""";

  private final List<ReplicaSpec> replicas;
  private final LongSupplier millis;
  private final Connection[] conns;
  private final long[] stoppedSince;

  public ReplicaLag(List<ReplicaSpec> replicas, LongSupplier millis) {
    this.replicas = List.copyOf(replicas);
    this.millis = millis;
    this.conns = new Connection[replicas.size()];
    this.stoppedSince = new long[replicas.size()];
  }

  /** Each replica's lag in seconds (NaN: unreachable, or not a replica), by name. */
  public Map<String, Double> sample() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < replicas.size(); i++) {
      out.put(replicas.get(i).name(), read(i));
    }
    return out;
  }

  /** The largest lag of {@code lags} (NaN when none was read). */
  public static double max(Map<String, Double> lags) {
    return lags.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private double read(int i) {
    ReplicaSpec r = replicas.get(i);
    try {
      if (conns[i] == null || conns[i].isClosed()) {
        conns[i] = r.connect("backstep-telemetry");
      }
      try (Statement st = conns[i].createStatement()) {
        if (r.url().startsWith("jdbc:postgresql:")) {
          try (ResultSet rs = st.executeQuery(PG)) {
            rs.next();
            if (!rs.getBoolean(1)) {
              return Double.NaN; // not a replica (any more)
            }
            if (rs.getBoolean(2)) {
              stoppedSince[i] = 0;
              return 0;
            }
            double v = rs.getDouble(3);
            // behind, but nothing replayed since the replica started: no timestamp to count from
            return rs.wasNull() ? behindFor(i) : Math.max(0, v);
          }
        }
        return mysql(i, st);
      }
    } catch (SQLException e) {
      close(i);
      return Double.NaN;
    }
  }

  private double mysql(int i, Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
      if (!rs.next()) {
        return Double.NaN;
      }
      double v = rs.getDouble("Seconds_Behind_Master");
      if (!rs.wasNull()) {
        stoppedSince[i] = 0;
        return v;
      }
      boolean behind = "No".equalsIgnoreCase(rs.getString("Slave_SQL_Running"))
          && (!rs.getString("Relay_Master_Log_File").equals(rs.getString("Master_Log_File"))
          || rs.getLong("Exec_Master_Log_Pos") < rs.getLong("Read_Master_Log_Pos"));
      if (!"No".equalsIgnoreCase(rs.getString("Slave_SQL_Running"))) {
        stoppedSince[i] = 0;
        return Double.NaN;
      }
      double stoppedFor = behindFor(i);
      return behind ? stoppedFor : 0;
    }
  }

  /** Seconds since replica {@code i} was first seen behind without a server-side measure (a lower bound). */
  private double behindFor(int i) {
    long now = millis.getAsLong();
    if (stoppedSince[i] == 0) {
      stoppedSince[i] = now;
    }
    return (now - stoppedSince[i]) / 1000.0;
  }

  private void close(int i) {
    if (conns[i] != null) {
      try {
        conns[i].close();
      } catch (SQLException ignored) {
        // reconnected on the next sample
      }
      conns[i] = null;
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < conns.length; i++) {
      close(i);
    }
  }

  /** The names of the replicas sampled. */
  public List<String> names() {
    List<String> n = new ArrayList<>();
    replicas.forEach(r -> n.add(r.name()));
    return n;
  }
}
