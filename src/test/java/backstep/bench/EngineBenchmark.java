package backstep.bench;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.engine.Decision;
import backstep.engine.Decisions;
import backstep.engine.Direction;
import backstep.engine.Engine;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.ledger.Ledger;
import backstep.ledger.StepRecord;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.state.StepState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Engine throughput benchmark (see docs/performance.md): N trivial {@code CREATE TABLE} steps applied forward and
 * rolled back by Backstep, against the floor (the same statements over plain JDBC, one transaction each), Flyway and
 * Liquibase, each contender in its own fresh scratch database. Not a unit test: run it with {@code bench/engine.sh}.
 *
 * <p>Arguments: {@code --n 200,1000 --reps 3 --url jdbc:postgresql://127.0.0.1:5432/postgres --user postgres
 * [--password-env VAR] [--warmup 200] [--out target/bench] [--verify information_schema|regclass]
 * [--fingerprints on|off]}.
 */
public final class EngineBenchmark {
  private static final String FLOOR_FWD = "floor (plain JDBC) forward";
  private static final String BACKSTEP_FWD = "Backstep apply (ledger + verify)";
  private static final String FLYWAY_FWD = "Flyway 13 migrate";
  private static final String LIQUIBASE_FWD = "Liquibase 4.33 update";
  private static final String FLOOR_BACK = "floor (plain JDBC) rollback";
  private static final String BACKSTEP_BACK = "Backstep rollback (ledger + verify)";
  private static final List<String> FORWARD = List.of(FLOOR_FWD, BACKSTEP_FWD, FLYWAY_FWD, LIQUIBASE_FWD);
  private static final List<String> BACK = List.of(FLOOR_BACK, BACKSTEP_BACK);

  private final Options opt;
  private final Set<String> scratch = ConcurrentHashMap.newKeySet();
  private boolean checkpoints = true;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "bench-engine");
    t.setDaemon(true);
    return t;
  });
  private final Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, executor);
  /** Backstep's forward time split: open the target, parse the playbook, the engine's apply. */
  private final Map<Integer, List<double[]>> backstepParts = new LinkedHashMap<>();

  record Options(List<Integer> ns, int reps, String url, String user, String password, int warmup, Path out,
      String verify, boolean fingerprints) {}

  /** Seconds per rep of each contender, for one N. */
  private static final class Samples {
    final Map<String, List<Double>> secs = new LinkedHashMap<>();

    void add(String contender, double s) {
      secs.computeIfAbsent(contender, k -> new ArrayList<>()).add(s);
    }

    double median(String contender) {
      return EngineBenchmark.median(secs.getOrDefault(contender, List.of()));
    }

    double best(String contender) {
      return secs.getOrDefault(contender, List.of()).stream().mapToDouble(Double::doubleValue).min()
          .orElse(Double.NaN);
    }
  }

  EngineBenchmark(Options opt) {
    this.opt = opt;
  }

  public static void main(String[] args) throws Exception {
    quietLogs();
    Options o = parse(args);
    EngineBenchmark b = new EngineBenchmark(o);
    Runtime.getRuntime().addShutdownHook(new Thread(b::dropLeftovers, "bench-cleanup"));
    String report = b.run();
    System.out.println(report);
    Files.createDirectories(o.out());
    Path file = o.out().resolve("engine-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
        "yyyyMMdd-HHmmss")) + ".md");
    Files.writeString(file, report, StandardCharsets.UTF_8);
    System.out.println("written to " + file);
    b.executor.shutdownNow();
  }

  private static void quietLogs() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    // Liquibase 4.31+ may fetch an analytics configuration over the network; keep it out of the timings.
    System.setProperty("liquibase.analytics.enabled", "false");
    System.setProperty("liquibase.showBanner", "false");
    LIQUIBASE_LOG.setLevel(Level.WARNING);
  }

  /** Held strongly: JUL forgets the level of a logger nobody references. */
  private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

  static Options parse(String[] args) {
    List<Integer> ns = List.of(200, 1000);
    int reps = 3;
    int warmup = 200;
    String url = "jdbc:postgresql://127.0.0.1:5432/postgres";
    String user = "postgres";
    String password = null;
    Path out = Path.of("target", "bench");
    String verify = "information_schema";
    boolean fingerprints = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.isBlank()) {
        continue; // bench/engine.sh without arguments passes -Dexec.args=""
      }
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--n" -> ns = Arrays.stream(need(a, v).split(",")).map(String::trim).map(Integer::parseInt).toList();
        case "--reps" -> reps = Integer.parseInt(need(a, v));
        case "--warmup" -> warmup = Integer.parseInt(need(a, v));
        case "--url" -> url = need(a, v);
        case "--user" -> user = need(a, v);
        case "--password-env" -> password = System.getenv(need(a, v));
        case "--out" -> out = Path.of(need(a, v));
        case "--verify" -> verify = need(a, v);
        case "--fingerprints" -> fingerprints = switch (need(a, v)) {
          case "on" -> true;
          case "off" -> false;
          default -> throw new IllegalArgumentException("--fingerprints takes on or off, not " + v);
        };
        default -> throw new IllegalArgumentException("unknown argument " + a + " (known: --n, --reps, --warmup, "
            + "--url, --user, --password-env, --out, --verify, --fingerprints)");
      }
      i++;
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("the benchmark runs on PostgreSQL only (jdbc:postgresql: URL)");
    }
    if (reps < 1 || ns.isEmpty() || ns.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("--reps and every --n must be 1 or more");
    }
    return new Options(ns, reps, url, user, password, warmup, out, verify, fingerprints);
  }

  private static String need(String flag, String v) {
    if (v == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return v;
  }

  // ---- driver ----------------------------------------------------------------------------------------------

  String run() throws Exception {
    String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    String server = serverVersion();
    String load = loadAverage();
    if (opt.warmup() > 0) {
      log("warm-up: every contender once at N = " + opt.warmup() + " (not reported)");
      try (Inputs in = Inputs.write(opt.warmup(), verifier(opt.verify()))) {
        round(in, new Samples(), false);
      }
    }
    Map<Integer, Samples> results = new LinkedHashMap<>();
    for (int n : opt.ns()) {
      Samples s = new Samples();
      try (Inputs in = Inputs.write(n, verifier(opt.verify()))) {
        for (int rep = 1; rep <= opt.reps(); rep++) {
          log("N = " + n + ", repetition " + rep + " of " + opt.reps());
          round(in, s, true);
        }
      }
      results.put(n, s);
    }
    return report(started, server, load, loadAverage(), results);
  }

  /** Every contender's input for one N, written once (outside all timings) and flushed to disk. */
  record Inputs(int n, Path dir, String playbook, Path flyway, Path liquibase) implements AutoCloseable {
    static Inputs write(int n, java.util.function.IntFunction<String> verify) throws IOException {
      Path dir = Files.createTempDirectory("bs-bench-");
      Path flyway = Files.createDirectories(dir.resolve("flyway"));
      for (int i = 1; i <= n; i++) {
        Files.writeString(flyway.resolve("V" + i + "__bench_t" + i + ".sql"), create(i) + ";\n");
      }
      Path liquibase = Files.createDirectories(dir.resolve("liquibase"));
      Files.writeString(liquibase.resolve("changelog.sql"), liquibaseChangelog(n));
      String playbook = playbookYaml(n, verify);
      Files.writeString(dir.resolve("bench.yaml"), playbook);
      syncDisks();
      return new Inputs(n, dir, playbook, flyway, liquibase);
    }

    @Override
    public void close() throws IOException {
      deleteTree(dir);
    }
  }

  /**
   * One repetition: every contender once, in a fixed interleaved order (floor, Backstep, Flyway, Liquibase), each
   * in its own scratch database.
   */
  private void round(Inputs in, Samples s, boolean record) throws Exception {
    int n = in.n();
    inScratch(url -> floor(url, n, s));
    inScratch(url -> backstep(url, n, in.playbook(), in.dir(), s, record));
    inScratch(url -> flyway(url, n, in.flyway(), s));
    inScratch(url -> liquibase(url, n, in.liquibase(), s));
  }

  interface Body {
    void run(String scratchUrl) throws Exception;
  }

  /**
   * Runs a contender in a new scratch database. A {@code CHECKPOINT} after creating it (where the user may) starts
   * every contender from the same server state: no dirty buffers left by the previous one, and the same full-page
   * writes after the checkpoint.
   */
  private void inScratch(Body body) throws Exception {
    String name = "bs_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = admin(); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
      scratch.add(name);
      if (checkpoints) {
        try {
          st.execute("CHECKPOINT");
        } catch (SQLException e) {
          checkpoints = false;
          log("no CHECKPOINT between contenders (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
      }
    }
    try {
      body.run(withDatabase(opt.url(), name));
    } finally {
      drop(name);
    }
  }

  private void drop(String name) {
    if (!name.startsWith("bs_bench_")) {
      throw new IllegalStateException("refusing to drop " + name);
    }
    try (Connection admin = admin(); Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      scratch.remove(name);
    } catch (SQLException e) {
      System.err.println("could not drop scratch database " + name + ": " + e.getMessage());
    }
  }

  private void dropLeftovers() {
    for (String name : List.copyOf(scratch)) {
      drop(name);
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(opt.url(), opt.user(), opt.password());
  }

  /** The same JDBC URL pointing at another database. */
  static String withDatabase(String url, String db) {
    int hosts = url.indexOf("//");
    int slash = url.indexOf('/', hosts + 2);
    int q = url.indexOf('?', hosts + 2);
    String tail = q < 0 ? "" : url.substring(q);
    String head = slash < 0 || (q >= 0 && slash > q) ? (q < 0 ? url : url.substring(0, q)) : url.substring(0, slash);
    return head + "/" + db + tail;
  }

  // ---- contenders ------------------------------------------------------------------------------------------

  static String create(int i) {
    return "CREATE TABLE bench_t" + i + " (id int primary key, v text)";
  }

  static String dropTable(int i) {
    return "DROP TABLE bench_t" + i;
  }

  /** The floor: one connection, autocommit off, one statement and one commit per table; then the same back. */
  private void floor(String url, int n, Samples s) throws SQLException {
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url, opt.user(), opt.password())) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        for (int i = 1; i <= n; i++) {
          st.execute(create(i));
          c.commit();
        }
        long t1 = System.nanoTime();
        s.add(FLOOR_FWD, secs(t1 - t0));
        expectTables(c, n, FLOOR_FWD);
        long t2 = System.nanoTime();
        for (int i = n; i >= 1; i--) {
          st.execute(dropTable(i));
          c.commit();
        }
        s.add(FLOOR_BACK, secs(System.nanoTime() - t2));
        expectTables(c, 0, FLOOR_BACK);
      }
    }
  }

  private void backstep(String url, int n, String yaml, Path dir, Samples s, boolean record) throws Exception {
    TargetSpec spec = new TargetSpec("bench", url, opt.user(), null, EnvironmentClass.SANDBOX);
    long t0 = System.nanoTime();
    try (Database db = Database.open(spec, opt.password(), dir, false)) {
      long t1 = System.nanoTime();
      Playbook pb = new PlaybookLoader(null).parse(dir.resolve("bench.yaml"), yaml);
      long t2 = System.nanoTime();
      RunResult fwd = Engine.join(engine.apply(db, pb, RunOptions.defaults().withFingerprints(opt.fingerprints()),
          APPROVE_ALL, QUIET));
      long t3 = System.nanoTime();
      s.add(BACKSTEP_FWD, secs(t3 - t0));
      if (record) {
        backstepParts.computeIfAbsent(n, k -> new ArrayList<>())
            .add(new double[] {secs(t1 - t0), secs(t2 - t1), secs(t3 - t2)});
      }
      if (fwd.state() != RunState.APPLIED) {
        throw new IllegalStateException("Backstep apply ended " + fwd.state() + ": " + fwd.error());
      }
      try (Connection c = db.connection()) {
        expectTables(c, n, BACKSTEP_FWD);
      }
      RunOptions back = new RunOptions(null, null, null, fwd.runId(), null);
      long t4 = System.nanoTime();
      RunResult rb = Engine.join(engine.rollback(db, pb, back, APPROVE_ALL, QUIET));
      s.add(BACKSTEP_BACK, secs(System.nanoTime() - t4));
      if (rb.state() != RunState.ROLLED_BACK) {
        throw new IllegalStateException("Backstep rollback ended " + rb.state() + ": " + rb.error());
      }
      try (Connection c = db.connection()) {
        expectTables(c, 0, BACKSTEP_BACK);
        checkLedger(db, c, fwd.runId(), n);
      }
    }
  }

  private void flyway(String url, int n, Path migrations, Samples s) throws Exception {
    long t0 = System.nanoTime();
    int executed = Rivals.flywayMigrate(url, opt.user(), opt.password(), migrations);
    s.add(FLYWAY_FWD, secs(System.nanoTime() - t0));
    if (executed != n) {
      throw new IllegalStateException("Flyway ran " + executed + " of " + n + " migrations");
    }
    try (Connection c = DriverManager.getConnection(url, opt.user(), opt.password())) {
      expectTables(c, n, FLYWAY_FWD);
    }
  }

  private void liquibase(String url, int n, Path changelogDir, Samples s) throws Exception {
    long t0 = System.nanoTime();
    Rivals.liquibaseUpdate(url, opt.user(), opt.password(), changelogDir, "changelog.sql");
    s.add(LIQUIBASE_FWD, secs(System.nanoTime() - t0));
    try (Connection c = DriverManager.getConnection(url, opt.user(), opt.password())) {
      expectTables(c, n, LIQUIBASE_FWD);
    }
  }

  /** The ledger after apply + rollback: every step recorded once, rolled back, and the hash chain intact. */
  private static void checkLedger(Database db, Connection c, String runId, int n) throws SQLException {
    Ledger ledger = new Ledger(db);
    List<StepRecord> steps = ledger.steps(c, runId);
    long rolledBack = steps.stream().filter(r -> r.state() == StepState.ROLLED_BACK).count();
    if (steps.size() != n || rolledBack != n) {
      throw new IllegalStateException("ledger: expected " + n + " rolled-back steps, found " + steps.size()
          + " rows, " + rolledBack + " rolled back");
    }
    Ledger.ChainCheck chain = ledger.verifyChain(c);
    if (!chain.intact()) {
      throw new IllegalStateException("ledger hash chain broken: " + chain.problem());
    }
  }

  private static void expectTables(Connection c, int n, String who) throws SQLException {
    boolean auto = c.getAutoCommit();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'bench\\_t%'")) {
      rs.next();
      int found = rs.getInt(1);
      if (found != n) {
        throw new IllegalStateException(who + ": expected " + n + " bench tables, found " + found);
      }
    } finally {
      if (!auto) {
        c.commit();
      }
    }
  }

  // ---- inputs ----------------------------------------------------------------------------------------------

  /** The verify query of the benchmark's step {@code i} (the issue's: information_schema, with ${schema}). */
  static String verifySql(int i) {
    return "SELECT count(*) FROM information_schema.tables WHERE table_schema = '${schema}' AND table_name = 'bench_t"
        + i + "'";
  }

  /**
   * The same check through {@code to_regclass}, a catalog function docs/playbook-format.md names (no
   * information_schema view to plan): {@code --verify regclass}, a variant; the information_schema verify
   * stays the headline figure.
   */
  static String regclassVerifySql(int i) {
    return "SELECT count(*) FROM (SELECT to_regclass('${schema}.bench_t" + i + "') AS r) x WHERE r IS NOT NULL";
  }

  /** The verify query for {@code --verify}: information_schema (the default, the issue's) or regclass. */
  static java.util.function.IntFunction<String> verifier(String name) {
    return switch (name) {
      case "information_schema" -> EngineBenchmark::verifySql;
      case "regclass" -> EngineBenchmark::regclassVerifySql;
      default -> throw new IllegalArgumentException("--verify information_schema|regclass, not " + name);
    };
  }

  static String playbookYaml(int n) {
    return playbookYaml(n, EngineBenchmark::verifySql);
  }

  static String playbookYaml(int n, java.util.function.IntFunction<String> verify) {
    StringBuilder y = new StringBuilder(200 + n * 300);
    y.append("id: bench-").append(n).append("\n")
        .append("title: Engine benchmark, ").append(n).append(" tables\n")
        .append("version: 1\n")
        .append("intent: Measure the engine's per-step overhead against plain JDBC.\n")
        .append("steps:\n");
    for (int i = 1; i <= n; i++) {
      y.append("  - id: t").append(i).append("\n")
          .append("    kind: sql\n")
          .append("    title: Create bench_t").append(i).append("\n")
          .append("    forward: ").append(create(i)).append("\n")
          .append("    rollback: ").append(dropTable(i)).append("\n")
          .append("    verify:\n")
          .append("      - sql: \"").append(verify.apply(i)).append("\"\n")
          .append("        expect: 1\n");
    }
    return y.toString();
  }

  static String liquibaseChangelog(int n) {
    StringBuilder c = new StringBuilder("--liquibase formatted sql\n\n");
    for (int i = 1; i <= n; i++) {
      c.append("--changeset bench:").append(i).append("\n")
          .append(create(i)).append(";\n")
          .append("--rollback ").append(dropTable(i)).append(";\n\n");
    }
    return c.toString();
  }

  static final Decisions APPROVE_ALL = new Decisions() {
    @Override
    public Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary) {
      return new Decision(true, "bench", null, null);
    }

    @Override
    public Decision gate(Playbook playbook, GateStep step, TargetSpec target) {
      return new Decision(true, "bench", "bench-approver", null);
    }

    @Override
    public Decision manual(Playbook playbook, ManualStep step, Direction direction) {
      return new Decision(true, "bench", null, null);
    }
  };

  static final RunListener QUIET = new RunListener() {};

  // ---- report ----------------------------------------------------------------------------------------------

  private String report(String started, String server, String loadBefore, String loadAfter,
      Map<Integer, Samples> results) {
    StringBuilder r = new StringBuilder();
    r.append("## Engine benchmark, ").append(started).append("\n\n");
    r.append("PostgreSQL ").append(server).append(", Java ").append(System.getProperty("java.version"))
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average ")
        .append(loadBefore).append(" before, ").append(loadAfter).append(" after; ").append(opt.reps())
        .append(" repetitions, medians; ratios to the floor median of the same run; Backstep's verify: ")
        .append(opt.verify()).append("; Backstep's fingerprints: ").append(opt.fingerprints() ? "on (the default)"
            : "off (`--fingerprints off`: the engine without the run's proof, whose cost is issue 12's)")
        .append(".\n\n");
    r.append("| N | contender | median total | per step | × floor | best per step | best × best floor "
        + "| all repetitions (s) |\n");
    r.append("|---:|---|---:|---:|---:|---:|---:|---|\n");
    for (var e : results.entrySet()) {
      int n = e.getKey();
      Samples s = e.getValue();
      for (String c : FORWARD) {
        row(r, n, c, s, FLOOR_FWD);
      }
      for (String c : BACK) {
        row(r, n, c, s, FLOOR_BACK);
      }
    }
    r.append("\nMedian columns are the result; the best (fastest) repetition is shown because on a shared machine "
        + "it is the one least disturbed by neighbours.\n");
    r.append("\n### Targets\n\n");
    for (var e : results.entrySet()) {
      int n = e.getKey();
      Samples s = e.getValue();
      double floor = s.median(FLOOR_FWD);
      double bs = s.median(BACKSTEP_FWD);
      r.append(String.format(Locale.ROOT, "- N = %d: Backstep forward %.2f× the floor (target ≤ 1.50×): %s", n,
          bs / floor, bs / floor <= 1.5 ? "**met**" : "**not met**"));
      r.append(" (per repetition, against the floor of the same repetition: ").append(perRep(s, BACKSTEP_FWD,
          FLOOR_FWD)).append(")");
      r.append(String.format(Locale.ROOT, "; Flyway %.2f× Backstep (%s); Liquibase %.2f× Backstep (%s)\n",
          s.median(FLYWAY_FWD) / bs, s.median(FLYWAY_FWD) > bs ? "slower than us" : "**faster than us**",
          s.median(LIQUIBASE_FWD) / bs, s.median(LIQUIBASE_FWD) > bs ? "slower than us" : "**faster than us**"));
    }
    r.append("\n### Backstep forward, split (medians)\n\n");
    r.append("| N | open target (pool, dialect) | parse playbook | engine apply | apply per step |\n");
    r.append("|---:|---:|---:|---:|---:|\n");
    for (var e : backstepParts.entrySet()) {
      int n = e.getKey();
      List<double[]> parts = e.getValue();
      double open = median(parts.stream().map(p -> p[0]).toList());
      double parse = median(parts.stream().map(p -> p[1]).toList());
      double apply = median(parts.stream().map(p -> p[2]).toList());
      r.append(String.format(Locale.ROOT, "| %d | %.0f ms | %.0f ms | %.2f s | %.2f ms |\n", n, open * 1000,
          parse * 1000, apply, apply * 1000 / n));
    }
    return r.toString();
  }

  /** Each repetition's ratio of one contender to another, in run order. */
  private static String perRep(Samples s, String c, String floor) {
    List<Double> a = s.secs.getOrDefault(c, List.of());
    List<Double> b = s.secs.getOrDefault(floor, List.of());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      out.add(String.format(Locale.ROOT, "%.2f×", a.get(i) / b.get(i)));
    }
    return String.join(", ", out);
  }

  private static void row(StringBuilder r, int n, String c, Samples s, String floorName) {
    List<Double> all = s.secs.getOrDefault(c, List.of());
    double m = s.median(c);
    double best = s.best(c);
    r.append(String.format(Locale.ROOT, "| %d | %s | %.2f s | %.2f ms | %.2f× | %.2f ms | %.2f× | %s |\n", n, c, m,
        m * 1000 / n, m / s.median(floorName), best * 1000 / n, best / s.best(floorName),
        String.join(", ", all.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList())));
  }

  static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = xs.stream().sorted(Comparator.naturalOrder()).toList();
    int k = sorted.size();
    return k % 2 == 1 ? sorted.get(k / 2) : (sorted.get(k / 2 - 1) + sorted.get(k / 2)) / 2;
  }

  private String serverVersion() throws SQLException {
    try (Connection c = admin(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }

  private static void log(String m) {
    System.err.println("[bench] " + m);
  }

  /** Flushes the input files just written, so their write-back does not land inside a contender's timing. */
  private static void syncDisks() {
    try {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
    } catch (IOException e) {
      // no sync(1): the checkpoint before each contender still evens things out
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
