package backstep.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch MariaDB primary (binary log on) and its replica, two servers of their own on free ports of 127.0.0.1,
 * created for one test and removed on close: mariadb-install-db, mariadbd, CHANGE MASTER TO, START SLAVE. The
 * machine's own MariaDB server (no binary log) is not touched. Both run with --skip-grant-tables (root over TCP, no
 * password: a throwaway pair reachable only from this host).
 */
public final class MariaDbReplicaPair implements AutoCloseable {

  private final Path base;
  private final int primaryPort;
  private final int replicaPort;
  private final List<Process> servers = new ArrayList<>();

  private MariaDbReplicaPair(Path base, int primaryPort, int replicaPort) {
    this.base = base;
    this.primaryPort = primaryPort;
    this.replicaPort = replicaPort;
  }

  /** Why a pair cannot be started here, or null when it can. */
  public static String unavailable() {
    return MariaDbServer.unavailable();
  }

  public static MariaDbReplicaPair start() throws IOException, InterruptedException, SQLException {
    Path base = MariaDbServer.scratchDir("bs-mdb-replica-");
    MariaDbReplicaPair p = new MariaDbReplicaPair(base, PgCluster.freePort(), PgCluster.freePort());
    try {
      MariaDbServer.install(base.resolve("primary"));
      MariaDbServer.run("cp", "-a", base.resolve("primary").toString(), base.resolve("replica").toString());
      p.server("primary", p.primaryPort, 1, "--log-bin=mysql-bin", "--binlog-format=ROW");
      p.server("replica", p.replicaPort, 2, "--relay-log=relay-bin", "--read-only=0");
      try (Connection c = p.replica(); Statement st = c.createStatement()) {
        st.execute("CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + p.primaryPort
            + ", MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_LOG_FILE = 'mysql-bin.000001', MASTER_LOG_POS = 4");
        st.execute("START SLAVE");
      }
      return p;
    } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  public String primaryUrl() {
    return "jdbc:mysql://127.0.0.1:" + primaryPort + "/bs_repl";
  }

  public String replicaUrl() {
    return "jdbc:mysql://127.0.0.1:" + replicaPort + "/bs_repl";
  }

  public Connection primary() throws SQLException {
    return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + primaryPort + "/", "root", "");
  }

  public Connection replica() throws SQLException {
    return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + replicaPort + "/", "root", "");
  }

  /** Waits until the replica has applied everything the primary had logged when this was called. */
  public void awaitCaughtUp() throws SQLException, InterruptedException {
    String file;
    long pos;
    try (Connection c = primary(); Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
      rs.next();
      file = rs.getString("File");
      pos = rs.getLong("Position");
    }
    String at = file;
    Await.until("the replica catching up with " + file + ":" + pos, java.time.Duration.ofSeconds(120),
        java.time.Duration.ofMillis(200), () -> {
          try (Connection c = replica();
              Statement st = c.createStatement();
              java.sql.ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            return rs.next() && at.equals(rs.getString("Relay_Master_Log_File"))
                && rs.getLong("Exec_Master_Log_Pos") >= pos;
          }
        });
  }

  private void server(String name, int port, int serverId, String... extra)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(List.of("--performance-schema=OFF"));
    options.addAll(List.of(extra));
    servers.add(MariaDbServer.launch(base, name, port, serverId, options));
  }

  /** Stops both servers and deletes their directories. */
  @Override
  public void close() {
    for (int i = servers.size() - 1; i >= 0; i--) {
      MariaDbServer.stop(servers.get(i));
    }
    PgCluster.delete(base);
  }
}
