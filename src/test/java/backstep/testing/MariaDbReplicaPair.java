package backstep.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scratch MariaDB primary (binary log on) and its replica, two servers of their own on free ports of 127.0.0.1,
 * created for one test and removed on close: mariadb-install-db, mariadbd, CHANGE MASTER TO, START SLAVE. The
 * machine's own MariaDB server (no binary log) is not touched. Both run with --skip-grant-tables (root over TCP, no
 * password: a throwaway pair reachable only from this host).
 */
public final class MariaDbReplicaPair implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

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
    return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL) ? null
        : "no mariadbd / mariadb-install-db on this machine";
  }

  public static MariaDbReplicaPair start() throws IOException, InterruptedException, SQLException {
    Path base = Files.createDirectories(Path.of("/tmp", "bs-mdb-replica-" + UUID.randomUUID().toString()
        .substring(0, 8)));
    MariaDbReplicaPair p = new MariaDbReplicaPair(base, freePort(), freePort());
    try {
      run("chown", "mysql:mysql", base.toString());
      run(INSTALL.toString(), "--no-defaults", "--datadir=" + base.resolve("primary"), "--user=mysql",
          "--auth-root-authentication-method=normal", "--skip-test-db");
      run("cp", "-a", base.resolve("primary").toString(), base.resolve("replica").toString());
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
    long until = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < until) {
      try (Connection c = replica(); Statement st = c.createStatement();
          java.sql.ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
        if (rs.next() && file.equals(rs.getString("Relay_Master_Log_File"))
            && rs.getLong("Exec_Master_Log_Pos") >= pos) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the replica did not catch up with " + file + ":" + pos + " in 120 s");
  }

  private void server(String name, int port, int serverId, String... extra)
      throws IOException, InterruptedException {
    Path data = base.resolve(name);
    List<String> cmd = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data,
        "--user=mysql", "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + data.resolve("sock"),
        "--pid-file=" + data.resolve("pid"), "--server-id=" + serverId, "--skip-grant-tables",
        "--skip-name-resolve", "--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0",
        "--performance-schema=OFF", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
        "--log-error=" + base.resolve(name + ".err")));
    cmd.addAll(List.of(extra));
    servers.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start());
    long until = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "")) {
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > until || !servers.get(servers.size() - 1).isAlive()) {
          throw new IOException("mariadbd " + name + " did not start: " + e.getMessage() + "\n"
              + (Files.exists(base.resolve(name + ".err")) ? Files.readString(base.resolve(name + ".err")) : ""));
        }
        Thread.sleep(200);
      }
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!pr.waitFor(120, TimeUnit.SECONDS) || pr.exitValue() != 0) {
      pr.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** Stops both servers and deletes their directories. */
  @Override
  public void close() {
    for (int i = servers.size() - 1; i >= 0; i--) {
      Process s = servers.get(i);
      s.destroy();
      try {
        if (!s.waitFor(30, TimeUnit.SECONDS)) {
          s.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        s.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> s = Files.walk(base)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
