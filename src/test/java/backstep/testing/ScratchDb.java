package backstep.testing;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.db.TargetUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway database on the real PostgreSQL or MariaDB server of this machine, dropped on close. Every test
 * gets its own, so runs never interfere.
 */
public final class ScratchDb implements AutoCloseable {
  public enum Kind { POSTGRES, MARIADB }

  public static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
  public static final String MARIADB_ADMIN = "jdbc:mysql://127.0.0.1:3306/";

  private final Kind kind;
  private final String name;

  private ScratchDb(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  public static ScratchDb create(Kind kind) throws SQLException {
    return create(kind, "");
  }

  /**
   * A scratch database holding the demo shop as {@code backstep seed} writes it (the same tables and rows), copied
   * from a template this JVM seeded once with that command ({@link ShopTemplates}): for a test whose subject is not
   * the seed itself.
   */
  public static ScratchDb seeded(Kind kind) throws SQLException {
    if (kind == Kind.POSTGRES) {
      return create(kind, " TEMPLATE " + ShopTemplates.template(kind));
    }
    ScratchDb db = create(kind);
    try {
      ShopTemplates.copyMariaDb(db);
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static ScratchDb create(Kind kind, String options) throws SQLException {
    return named(kind, "bs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), options);
  }

  /** An empty scratch database of the given name (a demo shop template's: {@link ShopTemplates}). */
  static ScratchDb named(Kind kind, String name) throws SQLException {
    return named(kind, name, "");
  }

  private static ScratchDb named(Kind kind, String name, String options) throws SQLException {
    try (Connection c = admin(kind); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + options);
      if (kind == Kind.POSTGRES) {
        // A throwaway database need not survive a crash of the server: its commits do not wait for the WAL
        // flush. Visibility, locking and transactions are unchanged (docs/architecture.md, "Tests").
        st.execute("ALTER DATABASE " + name + " SET synchronous_commit = off");
      }
    }
    return new ScratchDb(kind, name);
  }

  static Connection admin(Kind kind) throws SQLException {
    return kind == Kind.POSTGRES ? DriverManager.getConnection(PG_ADMIN, "postgres", null)
        : DriverManager.getConnection(MARIADB_ADMIN, "root", "");
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public String url() {
    return kind == Kind.POSTGRES ? "jdbc:postgresql://127.0.0.1:5432/" + name
        : "jdbc:mysql://127.0.0.1:3306/" + name;
  }

  public String user() {
    return kind == Kind.POSTGRES ? "postgres" : "root";
  }

  /** The CLI arguments that point at this database. */
  public List<String> cliArgs() {
    return List.of("--url", url(), "--user", user(), "--environment", "sandbox", "--name", name);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), user(), kind == Kind.POSTGRES ? null : "");
  }

  public Database open() throws TargetUnavailableException {
    return Database.open(new TargetSpec(name, url(), user(), null, EnvironmentClass.SANDBOX), null,
        Path.of("target"), false);
  }

  public void exec(String... sql) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  /** Waits until nobody holds this database's run lock (a killed Backstep process's session is gone). */
  public void awaitRunLockFree() throws SQLException {
    String sql = kind == Kind.POSTGRES
        ? "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        : "SELECT IS_USED_LOCK(CONCAT('backstep:', DATABASE())) IS NOT NULL";
    try (Connection c = connect(); Statement st = c.createStatement()) {
      Await.until("the killed process's run lock to go", java.time.Duration.ofSeconds(60),
          java.time.Duration.ofMillis(50), () -> {
            try (ResultSet rs = st.executeQuery(sql)) {
              rs.next();
              return rs.getLong(1) == 0;
            }
          });
    }
  }

  /** The rows {@code sql} reads here, each row's columns joined by a space. */
  public List<String> rows(String sql) throws SQLException {
    try (Connection c = connect()) {
      return rows(c, sql);
    }
  }

  /** The rows {@code sql} reads on {@code c}, each row's columns joined by a space. */
  public static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  /**
   * Schema and rows as the database's own dump tool prints them, the ledger's tables left out, lines sorted
   * (row order on disk changes with updates; the multiset of lines must not).
   */
  public List<String> dump() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (kind == Kind.POSTGRES) {
      cmd.addAll(List.of("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", "--no-privileges",
          "--exclude-schema=backstep", "-d", name));
    } else {
      cmd.addAll(List.of("mysqldump", "-h", "127.0.0.1", "-u", "root", "--skip-dump-date", "--triggers",
          "--skip-extended-insert", "--skip-comments"));
      for (String t : List.of("backstep_run", "backstep_step_exec", "backstep_event", "backstep_drill_attempt",
          "backstep_fingerprint")) {
        cmd.add("--ignore-table=" + name + "." + t);
      }
      cmd.add(name);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(cmd.get(0) + " failed: " + err);
    }
    List<String> lines = new ArrayList<>(new String(out, StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank() && !l.startsWith("--") && !l.startsWith("\\restrict")
            && !l.startsWith("\\unrestrict"))
        .toList());
    lines.sort(null);
    return lines;
  }

  /** Whether Backstep's ledger exists here (a refused command must not have created it). */
  public boolean hasLedger() throws SQLException {
    String sql = kind == Kind.POSTGRES
        ? "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'backstep'"
        : "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + name
            + "' AND table_name LIKE 'backstep%'";
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  /** The detail of the ledger's latest event of {@code type} here; fails when there is none. */
  public String lastEvent(String type) throws SQLException {
    List<String> details = rows("SELECT detail FROM " + (kind == Kind.POSTGRES ? "backstep.event" : "backstep_event")
        + " WHERE event_type = '" + type + "' ORDER BY seq DESC");
    if (details.isEmpty()) {
      throw new AssertionError("no " + type + " event in the ledger");
    }
    return details.get(0);
  }

  /**
   * Drops the database on {@link ScratchDrops}' thread: PostgreSQL's {@code DROP DATABASE} waits for a checkpoint,
   * which the test has no reason to wait for. The JVM does not exit before every queued drop is done.
   */
  @Override
  public void close() {
    ScratchDrops.drop(() -> dropNow());
  }

  /** Drops the database now, on the caller's thread. */
  public void dropNow() throws SQLException {
    drop(kind, name);
  }

  static void drop(Kind kind, String name) throws SQLException {
    try (Connection c = admin(kind); Statement st = c.createStatement()) {
      if (kind == Kind.POSTGRES) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } else {
        st.execute("DROP DATABASE IF EXISTS " + name);
      }
    }
  }
}
