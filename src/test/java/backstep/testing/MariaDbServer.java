package backstep.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A scratch mariadbd of its own on a free port of 127.0.0.1, created for one test and removed on close
 * (mariadb-install-db, mariadbd with {@code --skip-grant-tables}: root over TCP without a password, reachable only from
 * this host). Options the machine's own server lacks go in {@code extra}, for example
 * {@code --performance-schema=ON}. {@link MariaDbReplicaPair} starts its two servers with the same helpers.
 */
public final class MariaDbServer implements AutoCloseable {
  static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

  private final Path base;
  private final int port;
  private Process process;

  private MariaDbServer(Path base, int port) {
    this.base = base;
    this.port = port;
  }

  /** Why a server cannot be started here, or null when it can. */
  public static String unavailable() {
    return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL) ? null
        : "no mariadbd / mariadb-install-db on this machine";
  }

  public static MariaDbServer start(String... extra) throws IOException, InterruptedException {
    MariaDbServer s = new MariaDbServer(scratchDir("bs-mdb-"), PgCluster.freePort());
    try {
      install(s.base.resolve("data"));
      s.process = launch(s.base, "data", s.port, 1, List.of(extra));
      return s;
    } catch (IOException | InterruptedException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  public String url(String database) {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "root", "");
  }

  @Override
  public void close() {
    stop(process);
    PgCluster.delete(base);
  }

  static Path scratchDir(String prefix) throws IOException, InterruptedException {
    Path base = Files.createDirectories(Path.of("/tmp", prefix + UUID.randomUUID().toString().substring(0, 8)));
    run("chown", "mysql:mysql", base.toString());
    return base;
  }

  /**
   * A directory of the server's own for its temporary files ({@code --tmpdir}): a starting mariadbd deletes every
   * {@code #sql*} file in its tmpdir, which in {@code /tmp} were the temporary tables of a {@code mariadb-install-db}
   * another JVM was running (MariaDbServerIT).
   */
  static Path tmpdir(Path base, String name) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(base.resolve(name));
    run("chown", "mysql:mysql", dir.toString());
    return dir;
  }

  /** A freshly installed data directory in {@code datadir}: a copy of this JVM's ({@link DataDirTemplates}). */
  static void install(Path datadir) throws IOException, InterruptedException {
    DataDirTemplates.install(datadir);
  }

  /** Starts mariadbd on {@code base/name} and waits until it takes connections. */
  static Process launch(Path base, String name, int port, int serverId, List<String> extra)
      throws IOException, InterruptedException {
    Path data = base.resolve(name);
    List<String> cmd = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data,
        "--tmpdir=" + tmpdir(base, name + "-tmp"),
        "--user=mysql", "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + data.resolve("sock"),
        "--pid-file=" + data.resolve("pid"), "--server-id=" + serverId, "--skip-grant-tables",
        "--skip-name-resolve", "--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0",
        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
        "--log-error=" + base.resolve(name + ".err")));
    cmd.addAll(extra);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    String why = null;
    try {
      Await.until("mariadbd " + name + " taking connections", java.time.Duration.ofSeconds(60),
          java.time.Duration.ofMillis(200), () -> {
            if (!p.isAlive()) {
              return true; // it exited: said below
            }
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "")) {
              return true;
            }
          });
    } catch (AssertionError e) {
      why = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
    if (why != null || !p.isAlive()) {
      stop(p);
      throw new IOException("mariadbd " + name + " did not start: " + (why == null ? "it exited" : why) + "\n"
          + (Files.exists(base.resolve(name + ".err")) ? Files.readString(base.resolve(name + ".err")) : ""));
    }
    return p;
  }

  static void stop(Process s) {
    if (s == null) {
      return;
    }
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

  static void run(String... cmd) throws IOException, InterruptedException {
    Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!pr.waitFor(120, TimeUnit.SECONDS) || pr.exitValue() != 0) {
      pr.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
