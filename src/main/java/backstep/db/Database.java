package backstep.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * An open target: a small HikariCP pool, the detected dialect and a jOOQ context factory. For the sandbox it also
 * owns the embedded PostgreSQL server (started, and seeded with the demo schema on first start).
 */
public final class Database implements AutoCloseable {
  private static final Settings JOOQ = new Settings()
      .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
      .withExecuteLogging(false)
      .withRenderSchema(true);

  private final TargetSpec spec;
  private final HikariDataSource pool;
  private final Dialect dialect;
  private final String serverVersion;
  private final String databaseName;
  private final String schema;
  private final Sandbox sandbox;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private Database ledgerStore;
  private volatile List<ReplicaSpec> replicas = List.of();

  private Database(TargetSpec spec, String url, HikariDataSource pool, Dialect dialect, String serverVersion,
      String databaseName, String schema, Sandbox sandbox) {
    this.schema = schema;
    this.jdbcUrl = url;
    this.user = pool.getUsername();
    this.password = pool.getPassword();
    this.spec = spec;
    this.pool = pool;
    this.dialect = dialect;
    this.serverVersion = serverVersion;
    this.databaseName = databaseName;
    this.sandbox = sandbox;
  }

  /**
   * Opens a target. For the sandbox, {@code home} holds its data directory and {@code freshSandbox} starts it
   * clean. {@code password} may be null (trust authentication).
   */
  public static Database open(TargetSpec spec, String password, Path home, boolean freshSandbox)
      throws TargetUnavailableException {
    Sandbox sandbox = null;
    String url = spec.url();
    String user = spec.user();
    if (spec.isSandbox()) {
      try {
        sandbox = Sandbox.start(home, freshSandbox);
      } catch (SandboxException e) {
        throw new TargetUnavailableException("sandbox: " + e.getMessage(), e.busy());
      }
      url = sandbox.jdbcUrl();
      user = sandbox.user();
    }
    DebugLog.secret(password);
    DebugLog.debug(Database.class, "target '" + spec.name() + "': connecting to " + Redact.url(url) + " as " + user
        + (password == null ? " (no password)" : " (password from the environment)"));
    try {
      HikariDataSource pool = acceptedPool(spec, url, user, password);
      try (Connection c = pool.getConnection()) {
        Dialect d = detect(c, Dialect.familyOf(url));
        // MariaDB announces itself as "5.5.5-10.11.19-MariaDB…" for old clients' sake: the prefix is not its version
        String version = c.getMetaData().getDatabaseProductVersion().replaceFirst("^5\\.5\\.5-", "");
        String db = catalog(c, d);
        String schema = d == Dialect.POSTGRES ? currentSchema(c) : db;
        if (sandbox != null && sandbox.created()) {
          DemoSchema.seed(c, d.jooq(), false);
        }
        DebugLog.debug(Database.class, "target '" + spec.name() + "': " + d + " " + version + ", database " + db
            + ", schema " + schema);
        return new Database(spec, url, pool, d, version, db, schema, sandbox);
      } catch (SQLException e) {
        pool.close();
        throw e;
      }
    } catch (SQLException | HikariPool.PoolInitializationException e) {
      if (sandbox != null) {
        sandbox.close();
      }
      throw new TargetUnavailableException("cannot connect to target '" + spec.name() + "' (" + Redact.url(url)
          + "): " + Redact.text(rootMessage(e), password), false);
    } catch (RuntimeException | TargetUnavailableException e) {
      if (sandbox != null) {
        sandbox.close();
      }
      throw e;
    }
  }

  private static String catalog(Connection c, Dialect d) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(d == Dialect.POSTGRES ? "SELECT current_database()" : "SELECT DATABASE()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String currentSchema(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * A pool for {@code url}, or a clear refusal when the driver does not accept the URL's form (HikariCP then throws
   * "Failed to get driver instance for jdbcUrl=…", quoting the whole URL).
   */
  private static HikariDataSource acceptedPool(TargetSpec spec, String url, String user, String password)
      throws TargetUnavailableException {
    try {
      return pool(spec, url, user, password);
    } catch (HikariPool.PoolInitializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new TargetUnavailableException("cannot use target '" + spec.name() + "' (" + Redact.url(url)
          + "): the JDBC driver does not accept this URL: " + Redact.text(rootMessage(e), password), false);
    }
  }

  private static HikariDataSource pool(TargetSpec spec, String url, String user, String password) {
    HikariConfig cfg = new HikariConfig();
    cfg.setUsername(user);
    cfg.setPassword(password);
    cfg.setPoolName("backstep-" + spec.name());
    cfg.setMaximumPoolSize(6);
    cfg.setMinimumIdle(0);
    cfg.setConnectionTimeout(10_000);
    cfg.setInitializationFailTimeout(1);
    cfg.setAutoCommit(true);
    if (Dialect.familyOf(url) == backstep.playbook.DialectFamily.POSTGRESQL) {
      // PostgreSQL's driver itself, not DriverManager's search that loads every driver (DriverSource); MySQL's URL
      // stays HikariCP's: it keys a MySQL-only way of setting network timeouts on the URL
      java.util.Properties p = new java.util.Properties();
      p.setProperty("ApplicationName", "backstep");
      p.setProperty("connectTimeout", "10");
      try {
        cfg.setDataSource(new DriverSource(new org.postgresql.Driver(), url, p));
      } catch (SQLException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    } else {
      cfg.setJdbcUrl(url);
      cfg.addDataSourceProperty("connectTimeout", "10000");
      cfg.addDataSourceProperty("rewriteBatchedStatements", "true");
    }
    return new HikariDataSource(cfg);
  }

  private static Dialect detect(Connection c, backstep.playbook.DialectFamily family) throws SQLException {
    if (family == backstep.playbook.DialectFamily.POSTGRESQL) {
      return Dialect.POSTGRES;
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
      rs.next();
      return rs.getString(1).toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? Dialect.MARIADB : Dialect.MYSQL;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  public TargetSpec spec() {
    return spec;
  }

  public Dialect dialect() {
    return dialect;
  }

  private volatile String identity;

  /**
   * What identifies this database whatever name a targets file or {@code --url} gives it, so that every name of one
   * database sees one history: PostgreSQL's system identifier (from {@code pg_control_system()}) and the database;
   * MySQL/MariaDB's host name and port and the schema. Read once, on first use.
   */
  public String identity() throws java.sql.SQLException {
    String id = identity;
    if (id == null) {
      String sql = dialect == Dialect.POSTGRES
          ? "SELECT system_identifier::text || '/' || current_database() FROM pg_control_system()"
          : "SELECT CONCAT(@@hostname, ':', @@port, '/', DATABASE())";
      try (java.sql.Connection c = connection(); java.sql.Statement st = c.createStatement();
          java.sql.ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        id = rs.getString(1);
      }
      identity = id;
    }
    return id;
  }

  public String serverVersion() {
    return serverVersion;
  }

  public String databaseName() {
    return databaseName;
  }

  /** The schema unqualified names resolve to: PostgreSQL's current schema, MySQL/MariaDB's database. */
  public String schema() {
    return schema;
  }

  /**
   * Creates a throwaway database on this target's server (the sandbox's too) and opens it, for rehearsals. The
   * returned database is dropped by {@link #dropScratch}; it never owns the sandbox.
   */
  public Database createScratch(String name) throws TargetUnavailableException {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("scratch database name: " + name);
    }
    try (Connection c = connection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new TargetUnavailableException("cannot create scratch database " + name + " on " + Redact.url(jdbcUrl)
          + ": " + Redact.text(rootMessage(e), password), false);
    }
    return openSibling(name, EnvironmentClass.SANDBOX);
  }

  /**
   * Opens another database on this target's server (the sandbox's too) with the same user and password, as a
   * target named {@code name} of class {@code environment}; it never owns the sandbox. A fleet drill opens the
   * members it created with {@link #createScratch} this way, as often as its workers need them.
   */
  public Database openSibling(String name, EnvironmentClass environment) throws TargetUnavailableException {
    String url = siblingUrl(jdbcUrl, name);
    TargetSpec sib = new TargetSpec(name, url, user, null, environment);
    try {
      HikariDataSource p = pool(sib, url, user, password);
      try (Connection c = p.getConnection()) {
        String sch = dialect == Dialect.POSTGRES ? currentSchema(c) : name;
        return new Database(sib, url, p, dialect, serverVersion, name, sch, null);
      }
    } catch (SQLException | HikariPool.PoolInitializationException e) {
      throw new TargetUnavailableException("cannot open scratch database " + name + ": "
          + Redact.text(rootMessage(e), password), false);
    }
  }

  /** Closes and drops a scratch database made by {@link #createScratch}. */
  public void dropScratch(Database scratch) throws SQLException {
    scratch.close();
    try (Connection c = connection(); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + scratch.databaseName()
          + (dialect == Dialect.POSTGRES ? " WITH (FORCE)" : ""));
    }
  }

  static String siblingUrl(String url, String database) {
    int scheme = url.indexOf("//");
    int slash = url.indexOf('/', scheme + 2);
    int query = url.indexOf('?', Math.max(slash, 0));
    String tail = query < 0 ? "" : url.substring(query);
    return (slash < 0 ? url : url.substring(0, slash)) + "/" + database + tail;
  }

  /**
   * Keeps this target's ledger in another database (a central ledger shared by a fleet). The run lock stays in
   * this target. The central database is closed with this one.
   */
  public void useLedger(Database central) {
    this.ledgerStore = central;
  }

  private LedgerKey ledgerKey;

  /** Keys this target's ledger chain with {@code key} (null: the plain SHA-256 chain). The database never sees it. */
  public void useLedgerKey(LedgerKey key) {
    this.ledgerKey = key;
  }

  /** The key of this target's ledger chain, when one was given. */
  public java.util.Optional<LedgerKey> ledgerKey() {
    return java.util.Optional.ofNullable(ledgerKey);
  }

  /** The replicas of this target (targets.yaml {@code replicas:}), for lag sampling and replication faults. */
  public void useReplicas(List<ReplicaSpec> list) {
    this.replicas = List.copyOf(list);
  }

  public List<ReplicaSpec> replicas() {
    return replicas;
  }

  /** Where this target's ledger lives: the target itself unless a central ledger is attached. */
  public Database ledgerStore() {
    return ledgerStore == null ? this : ledgerStore;
  }

  /** True when this open started the sandbox for the first time and seeded it. */
  public boolean sandboxSeeded() {
    return sandbox != null && sandbox.created();
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * A new connection outside the pool, for work that must not take the engine's connections (a drill's workload
   * clients and fault sessions). PostgreSQL sessions carry {@code application_name}; the caller closes it.
   */
  public Connection openDedicated(String applicationName) throws SQLException {
    java.util.Properties p = new java.util.Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    if (dialect == Dialect.POSTGRES) {
      p.setProperty("ApplicationName", applicationName);
      p.setProperty("connectTimeout", "10");
    } else {
      p.setProperty("connectTimeout", "10000");
      p.setProperty("rewriteBatchedStatements", "true");
    }
    return java.sql.DriverManager.getConnection(jdbcUrl, p);
  }

  public DSLContext dsl(Connection c) {
    return DSL.using(c, dialect.jooq(), JOOQ);
  }

  @Override
  public void close() {
    if (ledgerStore != null) {
      ledgerStore.close();
    }
    pool.close();
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
