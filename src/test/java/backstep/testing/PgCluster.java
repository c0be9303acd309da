package backstep.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scratch PostgreSQL 15 cluster of its own on a free port of 127.0.0.1, created for one test and removed on close
 * (initdb, as a copy of this JVM's {@link DataDirTemplates}; pg_ctl start; pg_ctl stop -m immediate). Settings the
 * machine's own server lacks go in {@code conf}, for example {@code shared_preload_libraries = 'pg_stat_statements'}.
 * Runs as the {@code postgres} OS user when the tests run as root. {@link PgReplicaPair} builds on the same helpers.
 */
public final class PgCluster implements AutoCloseable {
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path base;
  private final int port;
  private boolean started;

  private PgCluster(Path base, int port) {
    this.base = base;
    this.port = port;
  }

  /** Why a cluster cannot be started here, or null when it can. */
  public static String unavailable() {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      return "no PostgreSQL 15 binaries in " + BIN;
    }
    return Files.isExecutable(Path.of("/usr/sbin/runuser")) || !root()
        ? null : "running as root without runuser: cannot start a PostgreSQL cluster";
  }

  public static PgCluster start(String conf) throws IOException, InterruptedException {
    PgCluster c = new PgCluster(scratchDir("bs-pg-"), freePort());
    try {
      Path data = c.base.resolve("data");
      DataDirTemplates.initdb(data);
      Files.writeString(data.resolve("postgresql.conf"), """
          listen_addresses = '127.0.0.1'
          unix_socket_directories = '%s'
          fsync = off
          synchronous_commit = off
          full_page_writes = off
          shared_buffers = 16MB
          max_connections = 40
          %s
          """.formatted(c.base, conf), StandardOpenOption.APPEND);
      pgCtlStart(data, c.port, c.base);
      c.started = true;
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "postgres", null);
  }

  /** Stops the cluster (immediate) and deletes its directory. */
  @Override
  public void close() {
    if (started) {
      pgCtlStop(base.resolve("data"));
    }
    delete(base);
  }

  static Path scratchDir(String prefix) throws IOException, InterruptedException {
    Path base = Files.createDirectories(Path.of("/tmp", prefix + UUID.randomUUID().toString().substring(0, 8)));
    if (root()) {
      new ProcessBuilder("chown", "postgres:postgres", base.toString()).inheritIO().start().waitFor();
    }
    return base;
  }

  static void pgCtlStart(Path data, int port, Path socketDir) throws IOException, InterruptedException {
    asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data + ".log", "-o",
        "-p " + port + " -k " + socketDir, "-w", "-t", "60", "start");
  }

  static void pgCtlStop(Path data) {
    try {
      asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } catch (IOException | InterruptedException e) {
      // removed regardless; a left-over postmaster exits when its directory is gone
    }
  }

  static void delete(Path base) {
    try (Stream<Path> s = Files.walk(base)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }

  /** Runs a PostgreSQL tool (as the postgres user when root); its output in the exception when it fails. */
  static void asPostgres(String... cmd) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>();
    if (root()) {
      all.addAll(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
    }
    all.addAll(List.of(cmd));
    Process pr = new ProcessBuilder(all).redirectErrorStream(true).start();
    String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!pr.waitFor(120, TimeUnit.SECONDS) || pr.exitValue() != 0) {
      pr.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
