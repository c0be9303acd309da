package backstep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch PostgreSQL primary and its streaming replica, two clusters of their own on free ports of 127.0.0.1,
 * created for one test and removed on close: initdb (a copy of this JVM's {@link DataDirTemplates}), pg_ctl start,
 * pg_basebackup -R, pg_ctl start. The machine's own PostgreSQL server is not touched (its wal_level and replication
 * settings stay as they are). Clusters run as the {@code postgres} OS user (the server refuses root), from
 * /usr/lib/postgresql/15/bin.
 */
public final class PgReplicaPair implements AutoCloseable {
  private static final Path BIN = PgCluster.BIN;

  private final Path base;
  private final int primaryPort;
  private final int replicaPort;
  private final List<Path> started = new ArrayList<>();

  private PgReplicaPair(Path base, int primaryPort, int replicaPort) {
    this.base = base;
    this.primaryPort = primaryPort;
    this.replicaPort = replicaPort;
  }

  /** Why a pair cannot be started here, or null when it can. */
  public static String unavailable() {
    if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_basebackup"))) {
      return "no PostgreSQL 15 binaries in " + BIN;
    }
    return PgCluster.unavailable();
  }

  public static PgReplicaPair start() throws IOException, InterruptedException {
    Path base = PgCluster.scratchDir("bs-replica-");
    PgReplicaPair p = new PgReplicaPair(base, PgCluster.freePort(), PgCluster.freePort());
    try {
      Path primary = base.resolve("primary");
      DataDirTemplates.initdb(primary);
      Files.writeString(primary.resolve("postgresql.conf"), """
          listen_addresses = '127.0.0.1'
          unix_socket_directories = '%s'
          wal_level = replica
          max_wal_senders = 4
          fsync = off
          synchronous_commit = off
          full_page_writes = off
          shared_buffers = 16MB
          max_connections = 30
          """.formatted(base), java.nio.file.StandardOpenOption.APPEND);
      p.pgCtl(primary, p.primaryPort);
      Path replica = base.resolve("replica");
      PgCluster.asPostgres(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p",
          Integer.toString(p.primaryPort), "-U", "postgres", "-D", replica.toString(), "-R", "-X", "stream",
          "--no-sync");
      p.pgCtl(replica, p.replicaPort);
      return p;
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  public String primaryUrl() {
    return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres";
  }

  public String replicaUrl() {
    return "jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres";
  }

  public Connection primary() throws SQLException {
    return DriverManager.getConnection(primaryUrl(), "postgres", null);
  }

  public Connection replica() throws SQLException {
    return DriverManager.getConnection(replicaUrl(), "postgres", null);
  }

  /** Waits until the replica has replayed everything the primary had written when this was called. */
  public void awaitCaughtUp() throws SQLException, InterruptedException {
    String lsn;
    try (Connection c = primary(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      lsn = rs.getString(1);
    }
    Await.until("the replica replaying up to " + lsn, java.time.Duration.ofSeconds(120),
        java.time.Duration.ofMillis(200), () -> {
          try (Connection c = replica();
              java.sql.Statement st = c.createStatement();
              java.sql.ResultSet rs = st.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")) {
            return rs.next() && rs.getBoolean(1);
          }
        });
  }

  private void pgCtl(Path data, int port) throws IOException, InterruptedException {
    PgCluster.pgCtlStart(data, port, base);
    started.add(data);
  }

  /** Stops both clusters (immediate) and deletes their directories. */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      PgCluster.pgCtlStop(started.get(i));
    }
    PgCluster.delete(base);
  }
}
