package backstep.bench;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.engine.Engine;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Where Backstep's time per step goes: wraps the PostgreSQL driver so every JDBC call that talks to the server is
 * counted and timed, grouped by what it is, then applies and rolls back N trivial steps (the benchmark's playbook)
 * in a scratch database, after the floor (plain JDBC) through the same counting driver. Args:
 * {@code --n 1000 --url ... --user ... [--verify information_schema|regclass]}. Prints calls and milliseconds per
 * step, the CPU time of the thread doing the work and of the server's backends ({@link Backends}). More options:
 * {@code --statements true} (pg_stat_statements' planning and execution time by statement, where the server loads
 * it), {@code --count false} (no counting proxies: CPU without their own cost), {@code --reps K} (apply and roll
 * back K times), {@code --jfr FILE} (a flight recording of the Backstep phases from the second repetition on),
 * {@code --fingerprints false} (a run without fingerprints, to tell their share from the rest).
 */
public final class EngineProfile {
  private static final Set<String> TIMED = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
      "executeBatch", "commit", "rollback", "setSavepoint", "releaseSavepoint", "setAutoCommit", "getMoreResults");
  private static final Pattern NUM = Pattern.compile("\\d+");

  /** Per category: calls and nanoseconds. */
  static final Map<String, long[]> STATS = Collections.synchronizedMap(new LinkedHashMap<>());
  static volatile boolean on;
  /** Whether the driver's connections count their calls (the proxies cost CPU of their own). */
  static volatile boolean counting = true;

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int n = 1000;
    String url = "jdbc:postgresql://127.0.0.1:5432/postgres";
    String user = "postgres";
    String verify = "information_schema";
    boolean statements = false;
    String jfr = null;
    int reps = 1;
    boolean fingerprints = true;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--n" -> n = Integer.parseInt(args[i + 1]);
        case "--url" -> url = args[i + 1];
        case "--user" -> user = args[i + 1];
        case "--verify" -> verify = args[i + 1];
        case "--statements" -> statements = Boolean.parseBoolean(args[i + 1]);
        case "--count" -> counting = Boolean.parseBoolean(args[i + 1]);
        case "--jfr" -> jfr = args[i + 1];
        case "--reps" -> reps = Integer.parseInt(args[i + 1]);
        case "--fingerprints" -> fingerprints = Boolean.parseBoolean(args[i + 1]);
        default -> throw new IllegalArgumentException(args[i]);
      }
    }
    Driver pg = new org.postgresql.Driver();
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d.getClass().getName().startsWith("org.postgresql")) {
        DriverManager.deregisterDriver(d);
      }
    }
    DriverManager.registerDriver(new Counting(pg));

    String name = "bs_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = pg.connect(url, props(user)); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, ex);
      String scratch = EngineBenchmark.withDatabase(url, name);
      TargetSpec spec = new TargetSpec("bench", scratch, user, null, EnvironmentClass.SANDBOX);
      // warm up the JIT on a throwaway playbook in the same database
      try (Database db = Database.open(spec, null, Path.of("."), false)) {
        run(engine, db, 50, "warm");
      }
      // the floor, through the same counting driver: CREATE TABLE + COMMIT per table, then DROP TABLE + COMMIT
      try (Connection c = DriverManager.getConnection(scratch, props(user))) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          Phase p = Phase.start(statements, url, user, cpu());
          for (int i = 1; i <= n; i++) {
            st.execute(EngineBenchmark.create(i));
            c.commit();
          }
          p.end("floor forward", n, cpu(), name);
          p = Phase.start(statements, url, user, cpu());
          for (int i = n; i >= 1; i--) {
            st.execute(EngineBenchmark.dropTable(i));
            c.commit();
          }
          p.end("floor rollback", n, cpu(), name);
        }
      }
      try (Database db = Database.open(spec, null, Path.of("."), false)) {
        // --verify regclass: the same check through to_regclass (no information_schema view to plan)
        java.util.function.IntFunction<String> check = EngineBenchmark.verifier(verify);
        Playbook pb = new PlaybookLoader(null).parse(Path.of("bench.yaml"), EngineBenchmark.playbookYaml(n, check));
        jdk.jfr.Recording rec = null;
        for (int rep = 1; rep <= reps; rep++) { // --reps: the same apply and rollback again (more samples to profile)
          if (jfr != null && rec == null && (rep == 2 || reps == 1)) {
            rec = recording(); // from the second repetition on: the JIT has compiled the step path by then
          }
          Phase p = Phase.start(statements, url, user, ex.submit(EngineProfile::cpu).get());
          RunResult r = Engine.join(engine.apply(db, pb, RunOptions.defaults().withFingerprints(fingerprints),
              EngineBenchmark.APPROVE_ALL, EngineBenchmark.QUIET));
          p.end("Backstep forward", n, ex.submit(EngineProfile::cpu).get(), name);
          check(r, RunState.APPLIED);
          p = Phase.start(statements, url, user, ex.submit(EngineProfile::cpu).get());
          RunResult b = Engine.join(engine.rollback(db, pb, new RunOptions(null, null, null, r.runId(), null),
              EngineBenchmark.APPROVE_ALL, EngineBenchmark.QUIET));
          p.end("Backstep rollback", n, ex.submit(EngineProfile::cpu).get(), name);
          check(b, RunState.ROLLED_BACK);
        }
        if (rec != null) {
          rec.stop();
          rec.dump(Path.of(jfr));
          rec.close();
        }
      }
    } finally {
      ex.shutdownNow();
      try (Connection admin = pg.connect(url, props(user)); Statement st = admin.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  /** A flight recording of the Backstep phases only: CPU samples of Java code every millisecond, with stacks. */
  private static jdk.jfr.Recording recording() {
    jdk.jfr.Recording r = new jdk.jfr.Recording();
    r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1)).withStackTrace();
    r.start();
    return r;
  }

  /** One measured phase: counts, wall clock, the worker thread's and the backends' CPU, the server's statements. */
  private record Phase(boolean statements, String url, String user, long cpu0, long server0, long t0) {
    static Phase start(boolean statements, String url, String user, long cpu) throws SQLException {
      if (statements) {
        try (Connection c = new org.postgresql.Driver().connect(url, props(user))) {
          Backends.resetStatements(c);
        }
      }
      STATS.clear();
      on = true;
      return new Phase(statements, url, user, cpu, Backends.cpuNanos(), System.nanoTime());
    }

    void end(String what, int n, long cpu, String db) throws SQLException {
      long t = System.nanoTime();
      on = false;
      long server = Backends.cpuNanos() - server0;
      print(what, n, t - t0, cpu - cpu0);
      System.out.printf(Locale.ROOT, "CPU time of the server's backends (/proc/<pid>/schedstat): %.3f ms per step%n",
          server / 1e6 / n);
      if (statements) {
        try (Connection c = new org.postgresql.Driver().connect(url, props(user))) {
          Backends.printStatements(c, db, n);
        }
      }
    }
  }

  private static void run(Engine engine, Database db, int n, String tag) throws Exception {
    String yaml = EngineBenchmark.playbookYaml(n).replace("bench_t", "warm_t").replace("id: bench-", "id: warm-");
    Playbook pb = new PlaybookLoader(null).parse(Path.of(tag + ".yaml"), yaml);
    RunResult r = Engine.join(engine.apply(db, pb, RunOptions.defaults(), EngineBenchmark.APPROVE_ALL,
        EngineBenchmark.QUIET));
    check(r, RunState.APPLIED);
    check(Engine.join(engine.rollback(db, pb, new RunOptions(null, null, null, r.runId(), null),
        EngineBenchmark.APPROVE_ALL, EngineBenchmark.QUIET)), RunState.ROLLED_BACK);
  }

  private static void check(RunResult r, RunState want) {
    if (r.state() != want) {
      throw new IllegalStateException("run ended " + r.state() + ": " + r.error());
    }
  }

  /** CPU time of the calling thread (the engine's single executor thread, or main for the floor). */
  static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  static void print(String what, int n, long totalNanos, long cpuNanos) {
    long calls = 0;
    synchronized (STATS) {
      for (long[] v : STATS.values()) {
        calls += v[0];
      }
    }
    long local = 0; // calls that do not go to the server by themselves (pgjdbc sends BEGIN with the next statement)
    synchronized (STATS) {
      for (var e : STATS.entrySet()) {
        if (e.getKey().startsWith("setAutoCommit") || e.getKey().startsWith("getMoreResults")) {
          local += e.getValue()[0];
        }
      }
    }
    System.out.printf(Locale.ROOT, "%n### %s, N = %d: %.2f ms per step in all, %.1f timed JDBC calls per step, "
        + "%.2f round trips to the server per step%n%n", what, n, totalNanos / 1e6 / n, calls / (double) n,
        (calls - local) / (double) n);
    System.out.println("| JDBC call (connection state) | calls per step | ms per step | share |");
    System.out.println("|---|---:|---:|---:|");
    long jdbc = 0;
    List<Map.Entry<String, long[]>> rows;
    synchronized (STATS) {
      rows = STATS.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).toList();
    }
    for (var e : rows) {
      jdbc += e.getValue()[1];
      System.out.printf(Locale.ROOT, "| %s | %.2f | %.3f | %.0f%% |%n", e.getKey(), e.getValue()[0] / (double) n,
          e.getValue()[1] / 1e6 / n, 100.0 * e.getValue()[1] / totalNanos);
    }
    System.out.printf(Locale.ROOT, "| (outside JDBC calls: Java, jOOQ, hashing, JSON; waiting for a CPU) | | %.3f "
        + "| %.0f%% |%n", (totalNanos - jdbc) / 1e6 / n, 100.0 * (totalNanos - jdbc) / totalNanos);
    if (cpuNanos < 0) {
      return; // not measured
    }
    System.out.printf(Locale.ROOT, "%nCPU time of the calling thread (Java + driver, in and out of JDBC calls): "
        + "%.3f ms per step%n", cpuNanos / 1e6 / n);
  }

  private static Properties props(String user) {
    Properties p = new Properties();
    p.setProperty("user", user);
    return p;
  }

  private static final Map<String, String> CATEGORIES = new java.util.concurrent.ConcurrentHashMap<>();

  static String category(String sql, boolean auto) {
    return CATEGORIES.computeIfAbsent(sql, EngineProfile::normalize) + (auto ? " (autocommit)" : " (in tx)");
  }

  private static String normalize(String sql) {
    String s = sql.replaceAll("\\s+", " ").trim();
    s = NUM.matcher(s).replaceAll("#");
    s = s.replaceAll("'[^']*'", "'…'");
    if (s.length() > 60) {
      s = s.substring(0, 60) + "…";
    }
    return s.replace("|", "\\|");
  }

  static void record(String key, long nanos) {
    if (!on) {
      return;
    }
    synchronized (STATS) {
      long[] v = STATS.computeIfAbsent(key, k -> new long[2]);
      v[0]++;
      v[1] += nanos;
    }
  }

  /** A driver that hands out counting proxies around the real PostgreSQL connections. */
  static final class Counting implements Driver {
    private final Driver real;

    Counting(Driver real) {
      this.real = real;
    }

    /** The real connections handed out, for {@link #questions} (MySQL/MariaDB). */
    private static final List<Connection> OPENED = Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      Connection c = real.connect(url, info);
      if (c != null && url.startsWith("jdbc:mysql:")) {
        OPENED.add(c);
      }
      if (c != null && url.startsWith("jdbc:postgresql:")) {
        Backends.opened(c);
      }
      if (c == null || !counting) {
        return c; // --count false: the real connection, no proxy (CPU profiles without the counting's own cost)
      }
      return wrap(Connection.class, c, null, c);
    }

    /**
     * MySQL/MariaDB: each open connection's {@code Questions} (statements the server received from it, whatever the
     * driver sent them for: {@code setAutoCommit} included, which this driver does not count). Take it while the
     * connections are idle; {@link #statementsSince} makes the difference.
     */
    static Map<Connection, Long> questions() throws SQLException {
      Map<Connection, Long> out = new java.util.HashMap<>();
      for (Connection c : List.copyOf(OPENED)) {
        if (c.isClosed()) {
          continue;
        }
        try (Statement st = c.createStatement();
            java.sql.ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
          rs.next();
          out.put(c, rs.getLong(2));
        }
      }
      return out;
    }

    /** The statements the server received since {@code before} (a {@link #questions}), the SHOWs left out. */
    static long statementsSince(Map<Connection, Long> before) throws SQLException {
      long n = 0;
      for (var e : questions().entrySet()) { // each SHOW counts itself, and the one before in the next
        n += e.getValue() - 1 - before.getOrDefault(e.getKey(), 0L);
      }
      return n;
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
      return real.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
      return real.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
      return real.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
      return real.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
      return real.jdbcCompliant();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return real.getParentLogger();
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T wrap(Class<T> type, T target, String sql, Connection conn) {
    InvocationHandler h = (proxy, m, args) -> invoke(target, m, args, sql, conn);
    return (T) Proxy.newProxyInstance(EngineProfile.class.getClassLoader(), new Class<?>[] {type}, h);
  }

  private static Object invoke(Object target, Method m, Object[] args, String sql, Connection conn)
      throws Throwable {
    String name = m.getName();
    boolean timed = TIMED.contains(name);
    String key = null;
    if (timed) {
      boolean auto = conn.getAutoCommit();
      if (name.equals("getMoreResults")) { // reads the next result already received: no round trip of its own,
        // whatever statement it belongs to (a prepared one's was counted under its SQL, as a round trip)
        key = "getMoreResults()";
      } else if (args != null && args.length > 0 && args[0] instanceof String s) {
        key = category(s, auto);
      } else if (sql != null) {
        key = category(sql, auto);
      } else {
        key = name + (args != null && args.length > 0 && args[0] instanceof Boolean b ? "(" + b + ")" : "()");
      }
    }
    long t0 = System.nanoTime();
    Object out;
    try {
      out = m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      if (timed) {
        record(key, System.nanoTime() - t0);
      }
    }
    if (out instanceof PreparedStatement ps && m.getReturnType() == PreparedStatement.class) {
      return wrap(PreparedStatement.class, ps, (String) args[0], conn);
    }
    if (out instanceof Statement st && m.getReturnType() == Statement.class) {
      return wrap(Statement.class, st, null, conn);
    }
    return out;
  }
}
