package backstep.telemetry;

import backstep.db.ReplicaSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Waits until every replica has applied what the primary had written at the moment of asking. PostgreSQL: the
 * primary's {@code pg_current_wal_lsn()} against each replica's {@code pg_last_wal_replay_lsn()}. MariaDB/MySQL:
 * the primary's {@code SHOW MASTER STATUS} file and position against each replica's {@code SHOW SLAVE STATUS}
 * {@code Relay_Master_Log_File} and {@code Exec_Master_Log_Pos}. Each replica is read on a connection of its own.
 */
public final class ReplicaCatchUp {
  /** How the wait looks between two reads (tests pass one that does not sleep). */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * The outcome: whether all replicas caught up, how long it took, and for each one still behind what it had
   * applied against the primary's position.
   */
  public record Result(boolean caughtUp, Duration took, String position, List<String> behind) {
    /** One line for people. */
    public String describe() {
      return caughtUp ? String.format(Locale.ROOT, "replicas caught up with %s in %.1f s", position,
          took.toMillis() / 1000.0) : String.format(Locale.ROOT, "replicas did not catch up with %s within %.1f s: %s",
          position, took.toMillis() / 1000.0, String.join("; ", behind));
    }
  }

  private static final Duration POLL = Duration.ofMillis(200);

  private final Clock clock;
  private final Pause pause;

  public ReplicaCatchUp(Clock clock, Pause pause) {
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * Reads the primary's position on {@code primary} and waits up to {@code timeout} for every replica to apply it.
   *
   * @throws SQLException when the primary has no position to give (MariaDB without a binary log)
   */
  public Result await(Connection primary, List<ReplicaSpec> replicas, Duration timeout) throws SQLException,
      InterruptedException {
    boolean pg = primary.getMetaData().getURL().startsWith("jdbc:postgresql:");
    String position = pg ? pgPosition(primary) : mysqlPosition(primary);
    Instant from = clock.instant();
    Instant until = from.plus(timeout);
    List<String> behind = new ArrayList<>();
    List<Connection> conns = new ArrayList<>();
    try {
      replicas.forEach(r -> conns.add(null));
      while (true) {
        behind.clear();
        for (int i = 0; i < replicas.size(); i++) {
          String lag = behind(replicas.get(i), i, conns, pg, position);
          if (lag != null) {
            behind.add(replicas.get(i).name() + " " + lag);
          }
        }
        Duration took = Duration.between(from, clock.instant());
        if (behind.isEmpty()) {
          return new Result(true, took, position, List.of());
        }
        if (!clock.instant().isBefore(until)) {
          return new Result(false, took, position, List.copyOf(behind));
        }
        pause.sleep(POLL);
      }
    } finally {
      for (Connection c : conns) {
        if (c != null) {
          try {
            c.close();
          } catch (SQLException ignored) {
            backstep.db.DebugLog.ignored(ReplicaCatchUp.class, "closing a replica connection", ignored);
          }
        }
      }
    }
  }

  /** Null when replica {@code i} has applied {@code position}; else what it has applied (or why it cannot say). */
  private static String behind(ReplicaSpec r, int i, List<Connection> conns, boolean pg, String position) {
    try {
      if (conns.get(i) == null || conns.get(i).isClosed()) {
        conns.set(i, r.connect("backstep-replica-wait"));
      }
      Connection c = conns.get(i);
      if (pg) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn, "
            + "pg_last_wal_replay_lsn()::text")) {
          ps.setString(1, position);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1) ? null : "has replayed up to " + rs.getString(2);
          }
        }
      }
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
        if (!rs.next()) {
          return "is not replicating (SHOW SLAVE STATUS is empty)";
        }
        String file = rs.getString("Relay_Master_Log_File");
        long pos = rs.getLong("Exec_Master_Log_Pos");
        int colon = position.lastIndexOf(':');
        String wantFile = position.substring(0, colon);
        long wantPos = Long.parseLong(position.substring(colon + 1));
        int cmp = file.compareTo(wantFile);
        boolean done = cmp > 0 || cmp == 0 && pos >= wantPos;
        return done ? null : "has applied up to " + file + ":" + pos + " (SQL thread running: "
            + rs.getString("Slave_SQL_Running") + ")";
      }
    } catch (SQLException e) {
      conns.set(i, null);
      return "cannot be read: " + e.getMessage().lines().findFirst().orElse("");
    }
  }

  private static String pgPosition(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String mysqlPosition(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
      if (!rs.next()) {
        throw new SQLException("the primary has no binary log position (SHOW MASTER STATUS is empty: binary log "
            + "off), so replicas cannot be compared with it");
      }
      return rs.getString("File") + ":" + rs.getLong("Position");
    }
  }
}
