package backstep.drill.fault;

import backstep.db.Database;
import backstep.db.ReplicaSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stalls replication on one of the target's replicas (targets.yaml {@code replicas:}): PostgreSQL
 * {@code pg_wal_replay_pause()} (the replica keeps receiving WAL but applies none), MariaDB/MySQL
 * {@code STOP SLAVE SQL_THREAD} (the relay log keeps filling). Undone with {@code pg_wal_replay_resume()} /
 * {@code START SLAVE SQL_THREAD}; the replica then catches up by itself. Needs a user allowed to do that on the
 * replica (PostgreSQL: superuser or EXECUTE on the functions; MariaDB: REPLICATION SLAVE ADMIN or SUPER).
 */
public final class StallReplicationFault implements Fault {
  private final Database db;
  private final String replicaName;
  private ReplicaSpec replica;
  private boolean stalled;

  StallReplicationFault(Database db, String replicaName) {
    this.db = db;
    this.replicaName = replicaName;
  }

  @Override
  public String inject() throws SQLException {
    List<ReplicaSpec> all = db.replicas();
    if (all.isEmpty()) {
      throw new SQLException("target '" + db.spec().name() + "' lists no replicas (targets.yaml replicas:)");
    }
    replica = replicaName == null ? all.get(0) : all.stream().filter(r -> r.name().equals(replicaName)).findFirst()
        .orElseThrow(() -> new SQLException("target '" + db.spec().name() + "' has no replica '" + replicaName
            + "' (replicas: " + all.stream().map(ReplicaSpec::name).collect(Collectors.joining(", ")) + ")"));
    run(pg() ? "SELECT pg_wal_replay_pause()" : "STOP SLAVE SQL_THREAD");
    stalled = true;
    return "stalled replication on replica " + replica.name() + " (" + (pg() ? "pg_wal_replay_pause()"
        : "STOP SLAVE SQL_THREAD") + ")";
  }

  @Override
  public String undo() {
    if (!stalled) {
      return "no replica was stalled";
    }
    try {
      run(pg() ? "SELECT pg_wal_replay_resume()" : "START SLAVE SQL_THREAD");
      stalled = false;
      return "resumed replication on replica " + replica.name();
    } catch (SQLException e) {
      return "could not resume replication on replica " + replica.name() + ": " + Faults.message(e);
    }
  }

  private boolean pg() {
    return replica.url().startsWith("jdbc:postgresql:");
  }

  private void run(String sql) throws SQLException {
    try (Connection c = replica.connect("backstep-drill-fault"); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
