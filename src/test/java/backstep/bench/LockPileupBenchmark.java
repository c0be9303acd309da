package backstep.bench;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.engine.Direction;
import backstep.engine.Engine;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.engine.StepResult;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.testing.Approve;
import backstep.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark (a), lock pile-up: a pgbench TPC-B-like load runs from a second process while a blocker transaction
 * holds ACCESS SHARE on {@code pgbench_accounts} for 10 s and an {@code ALTER TABLE pgbench_accounts ADD COLUMN}
 * queues behind it — once as naive JDBC (no lock_timeout), then as a Backstep step under its default guard, then
 * under a short lock timeout with backoff. For each case it reports the load's baseline and minimum per-second
 * throughput, the seconds below half the normal throughput, p99 and max latency (from pgbench's per-transaction log),
 * and when the step completed and after how many attempts.
 *
 * <p>Runs against the local PostgreSQL (127.0.0.1:5432, user postgres; override with {@code -Dbench.pg.host},
 * {@code -Dbench.pg.port}, {@code -Dbench.pg.user}) in a scratch database {@code bs_bench_<random>} that is
 * dropped at the end. Needs {@code pgbench} on the PATH. Run with {@code bash bench/guards.sh pileup}.
 */
public final class LockPileupBenchmark {
  static final String HOST = System.getProperty("bench.pg.host", "127.0.0.1");
  static final int PORT = Integer.getInteger("bench.pg.port", 5432);
  static final String USER = System.getProperty("bench.pg.user", "postgres");

  private static final int SCALE = Integer.getInteger("bench.scale", 20);
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int JOBS = Integer.getInteger("bench.jobs", 2);
  private static final int DURATION_S = Integer.getInteger("bench.duration", 25);
  private static final int BLOCKER_AT_S = Integer.getInteger("bench.blockerAt", 5);
  private static final int ALTER_AT_S = Integer.getInteger("bench.alterAt", 6);
  private static final int HOLD_S = Integer.getInteger("bench.hold", 10);
  private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench/guards"));
  private static final Pattern PROGRESS = Pattern.compile("progress: (\\d+\\.\\d+) s");

  /** One way of running the ALTER; {@code guards} is the step's guards block, null for naive JDBC. */
  record Case(String key, String label, String guards) {
    boolean naive() {
      return guards == null;
    }
  }

  static final List<Case> CASES = List.of(
      new Case("naive", "naive `ALTER` (JDBC, no lock_timeout)", null),
      new Case("default", "Backstep, default guard (lock_timeout " + backstep.playbook.Guards.DEFAULT.lockTimeout()
          .toMillis() + "ms, retries " + backstep.playbook.Guards.DEFAULT.retries() + ", backoff "
          + backstep.playbook.Guards.DEFAULT.backoff().toMillis() + "ms→"
          + backstep.playbook.Guards.DEFAULT.maxBackoff().toMillis() + "ms)", ""),
      new Case("fast", "Backstep, lock_timeout 200ms, retries 30, backoff 100ms→1s",
          "{lock_timeout: 200ms, retries: 30, backoff: 100ms, max_backoff: 1s}"),
      // Not in the list: backoff no shorter than the lock timeout, so no second is mostly spent waiting.
      new Case("tuned", "Backstep, lock_timeout 200ms, retries 30, backoff 200ms→1s",
          "{lock_timeout: 200ms, retries: 30, backoff: 200ms, max_backoff: 1s}"));

  /** What one case measured. Times are milliseconds since pgbench's load began (its progress clock's zero). */
  record Outcome(Case c, long[] perSecond, double baselineTps, double normalTps, double episodeTps, double minTps,
      int minSecond, int secondsBelowHalfBaseline, int secondsBelowHalf,
      double baselineP99, double p99, double max, int maxSecond, long transactions, long failed, long blockerStart,
      long blockerEnd, long alterStart, long stepDone, int attempts, String state, String error) {}

  private LockPileupBenchmark() {}

  public static void main(String[] args) throws Exception {
    requirePgbench();
    String db = "bs_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Path out = OUT.resolve("lock-pileup");
    deleteTree(out);
    Files.createDirectories(out);
    System.out.printf(Locale.ROOT, "lock pile-up benchmark: database %s, pgbench scale %d, %d clients, %d threads,"
        + " %d s per case; blocker at %d s for %d s; ALTER at %d s%n", db, SCALE, CLIENTS, JOBS, DURATION_S,
        BLOCKER_AT_S, HOLD_S, ALTER_AT_S);
    adminExec("CREATE DATABASE " + db);
    ExecutorService engineThread = Executors.newSingleThreadExecutor(daemon("bench-engine"));
    List<Outcome> outcomes = new ArrayList<>();
    try {
      run(out.resolve("pgbench-init.log"), "pgbench", "-h", HOST, "-p", Integer.toString(PORT), "-U", USER, "-i",
          "-q", "-s", Integer.toString(SCALE), db);
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, engineThread);
      try (Database target = open(db)) {
        warmUp(engine, target);
        for (Case c : CASES) {
          System.out.println("case " + c.key() + ": " + c.label());
          Outcome o = runCase(c, db, engine, target, out.resolve(c.key()));
          outcomes.add(o);
          System.out.printf(Locale.ROOT, "  baseline %.0f tps, normal %.0f tps, min %.0f tps (s %d), %d s below half"
              + " normal, p99 %.3f s, max %.3f s; step %s after %d attempt(s), done at %.2f s%n", o.baselineTps(),
              o.normalTps(), o.minTps(),
              o.minSecond(), o.secondsBelowHalf(), o.p99() / 1000, o.max() / 1000, o.state(), o.attempts(),
              o.stepDone() / 1000.0);
        }
      }
    } finally {
      engineThread.shutdownNow();
      adminExec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
    String report = report(outcomes);
    Files.writeString(OUT.resolve("lock-pileup.md"), report);
    System.out.println();
    System.out.println(report);
  }

  private static Outcome runCase(Case c, String db, Engine engine, Database target, Path dir) throws Exception {
    Files.createDirectories(dir);
    // Same starting point for every case: no column, empty history, no dead rows left by the previous case.
    exec(db, "ALTER TABLE pgbench_accounts DROP COLUMN IF EXISTS note", "TRUNCATE pgbench_history",
        "VACUUM ANALYZE pgbench_branches, pgbench_tellers, pgbench_history, pgbench_accounts");
    Playbook pb = c.naive() ? null : playbook(c);
    AtomicInteger retries = new AtomicInteger();
    long[] stepStarted = {0};
    long[] stepFinished = {0};
    RunListener timing = new RunListener() {
      @Override
      public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
        stepStarted[0] = System.currentTimeMillis();
      }

      @Override
      public void retrying(String stepId, int attempt, int max, Duration wait, String reason) {
        retries.incrementAndGet();
      }

      @Override
      public void stepFinished(StepResult result, Direction direction) {
        stepFinished[0] = System.currentTimeMillis();
      }
    };
    try (Connection blocker = connect(db); Connection naive = c.naive() ? connect(db) : null) {
      blocker.setAutoCommit(false);
      if (naive != null) {
        try (Statement st = naive.createStatement()) {
          st.execute("SET lock_timeout = 0");
          st.execute("SET statement_timeout = 0");
        }
      }
      Process load = new ProcessBuilder("pgbench", "-h", HOST, "-p", Integer.toString(PORT), "-U", USER, "-n",
          "-c", Integer.toString(CLIENTS), "-j", Integer.toString(JOBS), "-T", Integer.toString(DURATION_S), "-P",
          "1", "-l", "--log-prefix=" + dir.resolve("tx"), db)
          .redirectOutput(dir.resolve("pgbench.out").toFile()).redirectError(dir.resolve("pgbench.err").toFile())
          .start();
      Path progress = dir.resolve("pgbench.err");
      awaitLoadSecond(progress, 1);
      long t0 = System.currentTimeMillis() - 1000; // pgbench's clock's zero, to the 20 ms of a look
      awaitLoadSecond(progress, BLOCKER_AT_S);
      try (Statement st = blocker.createStatement()) {
        st.execute("LOCK TABLE pgbench_accounts IN ACCESS SHARE MODE");
      }
      long blockerStart = System.currentTimeMillis();
      awaitLoadSecond(progress, ALTER_AT_S);
      long alterStart = System.currentTimeMillis();
      CompletableFuture<RunResult> guarded = null;
      CompletableFuture<Long> plain = null;
      if (naive != null) {
        plain = CompletableFuture.supplyAsync(() -> {
          try (Statement st = naive.createStatement()) {
            st.execute("ALTER TABLE pgbench_accounts ADD COLUMN note text");
            return System.currentTimeMillis();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }, Executors.newSingleThreadExecutor(daemon("bench-naive")));
      } else {
        guarded = engine.apply(target, pb, RunOptions.defaults(), new Approve("bench", null), timing);
      }
      awaitLoadSecond(progress, BLOCKER_AT_S + HOLD_S);
      blocker.commit();
      long blockerEnd = System.currentTimeMillis();
      long stepDone;
      int attempts;
      String state;
      String error = null;
      if (plain != null) {
        stepDone = plain.get(120, TimeUnit.SECONDS);
        attempts = 1;
        state = "APPLIED";
      } else {
        RunResult r = guarded.get(120, TimeUnit.SECONDS);
        stepDone = stepFinished[0];
        alterStart = stepStarted[0];
        attempts = r.steps().get(0).attempts();
        state = r.state().name();
        error = r.error();
      }
      if (!load.waitFor(DURATION_S + 60L, TimeUnit.SECONDS)) {
        load.destroy();
        throw new IllegalStateException("pgbench did not finish");
      }
      if (load.exitValue() != 0) {
        throw new IllegalStateException("pgbench failed: " + Files.readString(dir.resolve("pgbench.err")));
      }
      return analyse(c, dir, t0, blockerStart - t0, blockerEnd - t0, alterStart - t0, stepDone - t0, attempts,
          state, error);
    }
  }

  /** Reads pgbench's per-transaction logs: {@code client tx latency_us script epoch_s epoch_us}. */
  private static Outcome analyse(Case c, Path dir, long t0, long blockerStart, long blockerEnd, long alterStart,
      long stepDone, int attempts, String state, String error) throws IOException {
    long[] perSecond = new long[DURATION_S + 2];
    List<Double> all = new ArrayList<>();
    List<Double> base = new ArrayList<>();
    double max = 0;
    long maxAt = 0;
    long failed = 0;
    List<Path> logs;
    try (Stream<Path> s = Files.list(dir)) {
      logs = s.filter(p -> p.getFileName().toString().startsWith("tx.")).sorted().toList();
    }
    if (logs.isEmpty()) {
      throw new IllegalStateException("no pgbench transaction logs in " + dir);
    }
    for (Path log : logs) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 6) {
          continue;
        }
        long doneMs = Long.parseLong(f[4]) * 1000 + Long.parseLong(f[5]) / 1000 - t0;
        if (!f[2].chars().allMatch(Character::isDigit)) {
          failed++;
          continue;
        }
        double latMs = Long.parseLong(f[2]) / 1000.0;
        all.add(latMs);
        if (doneMs < blockerStart) {
          base.add(latMs);
        }
        if (latMs > max) {
          max = latMs;
          maxAt = doneMs;
        }
        int sec = (int) Math.floorDiv(doneMs, 1000L);
        if (sec >= 0 && sec < perSecond.length) {
          perSecond[sec]++;
        }
      }
    }
    // Second 0 is the load's first (t0 is pgbench's own clock's zero): the baseline is the full seconds after it,
    // before the blocker, as when second 0 held the clients' connections.
    double baselineTps = 0;
    for (int s = 1; s < BLOCKER_AT_S; s++) {
      baselineTps += perSecond[s];
    }
    baselineTps /= Math.max(1, BLOCKER_AT_S - 1);
    // "Normal" throughput: the median second outside the disturbance (before the blocker, and from one second
    // after the step completed to the last full second), sturdier than four seconds on a noisy machine.
    List<Double> undisturbed = new ArrayList<>();
    for (int s = 1; s < BLOCKER_AT_S; s++) {
      undisturbed.add((double) perSecond[s]);
    }
    for (int s = (int) (stepDone / 1000) + 2; s <= DURATION_S - 2; s++) {
      undisturbed.add((double) perSecond[s]);
    }
    double normalTps = percentile(undisturbed, 50);
    double minTps = Double.MAX_VALUE;
    int minSecond = -1;
    int belowBaseline = 0;
    int below = 0;
    // The episode: from the blocker to the last full second of the run (the final second is partial).
    for (int s = BLOCKER_AT_S; s <= DURATION_S - 2; s++) {
      if (perSecond[s] < minTps) {
        minTps = perSecond[s];
        minSecond = s;
      }
      if (perSecond[s] < baselineTps / 2) {
        belowBaseline++;
      }
      if (perSecond[s] < normalTps / 2) {
        below++;
      }
    }
    double episodeTps = 0;
    for (int s = BLOCKER_AT_S; s <= BLOCKER_AT_S + HOLD_S; s++) {
      episodeTps += perSecond[s];
    }
    episodeTps /= HOLD_S + 1;
    return new Outcome(c, perSecond, baselineTps, normalTps, episodeTps, minTps, minSecond, belowBaseline, below,
        percentile(base, 99),
        percentile(all, 99), max, (int) (maxAt / 1000), all.size(), failed, blockerStart, blockerEnd, alterStart,
        stepDone, attempts, state, error);
  }

  static String report(List<Outcome> outcomes) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "pgbench -c %d -j %d -T %d (scale %d, TPC-B-like); blocker holds ACCESS "
        + "SHARE on pgbench_accounts from %d s to %d s; ALTER TABLE pgbench_accounts ADD COLUMN note text from %d s"
        + "%n%n", CLIENTS, JOBS, DURATION_S, SCALE, BLOCKER_AT_S, BLOCKER_AT_S + HOLD_S, ALTER_AT_S));
    b.append("| case | baseline TPS (s 1–" + (BLOCKER_AT_S - 1) + ") / normal TPS | mean TPS s " + BLOCKER_AT_S + "–"
        + (BLOCKER_AT_S + HOLD_S) + " | min TPS in a second (at s) | seconds < ½ baseline / < ½ normal "
        + "| p99 latency (baseline) | max latency (at s) | max ≤ 2× lock timeout | step done at (after blocker end) "
        + "| attempts |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
    for (Outcome o : outcomes) {
      String within = switch (o.c().key()) {
        case "default" -> o.max() <= 4000 ? "yes (≤ 4 s)" : "no (> 4 s)";
        case "fast", "tuned" -> o.max() <= 400 ? "yes (≤ 0.4 s)" : "no (> 0.4 s)";
        default -> "n/a";
      };
      b.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f | %.0f (%.0f %%) | %.0f (%d s, %.0f %%) | %d / %d "
          + "| %.3f s (%.3f s) | %.3f s (%d s) | %s | %.2f s (+%.2f s) | %d |%n", o.c().label(), o.baselineTps(),
          o.normalTps(), o.episodeTps(), 100 * o.episodeTps() / o.normalTps(), o.minTps(), o.minSecond(),
          100 * o.minTps() / o.normalTps(), o.secondsBelowHalfBaseline(), o.secondsBelowHalf(), o.p99() / 1000,
          o.baselineP99() / 1000, o.max() / 1000, o.maxSecond(), within, o.stepDone() / 1000.0,
          (o.stepDone() - o.blockerEnd()) / 1000.0, o.attempts()));
    }
    b.append("\nBaseline: mean of seconds 1–").append(BLOCKER_AT_S - 1).append(" (seconds of the load, on pgbench's "
        + "own clock). Normal: median of the undisturbed seconds (1–").append(BLOCKER_AT_S - 1).append(" and from "
        + "the second after the step completed to the last full second); percentages are of normal. Seconds "
        + "counted from ").append(BLOCKER_AT_S).append(" s to ").append(DURATION_S - 2).append(" s.\n");
    b.append("\nTransactions per second, by second of the run (completions; blocker ")
        .append(BLOCKER_AT_S).append("–").append(BLOCKER_AT_S + HOLD_S).append(" s, ALTER from ").append(ALTER_AT_S)
        .append(" s):\n\n| case |");
    int from = Math.max(0, BLOCKER_AT_S - 2);
    int to = Math.min(DURATION_S - 2, BLOCKER_AT_S + HOLD_S + 3);
    for (int s = from; s <= to; s++) {
      b.append(' ').append(s).append(" |");
    }
    b.append("\n|---|");
    b.append("---:|".repeat(to - from + 1));
    b.append('\n');
    for (Outcome o : outcomes) {
      b.append("| ").append(o.c().key()).append(" |");
      for (int s = from; s <= to; s++) {
        b.append(' ').append(o.perSecond()[s]).append(" |");
      }
      b.append('\n');
    }
    b.append("\nDetails:\n\n");
    for (Outcome o : outcomes) {
      b.append(String.format(Locale.ROOT, "- %s: blocker %.2f–%.2f s, ALTER issued at %.2f s, done at %.2f s "
          + "(%s, %d attempt(s)); %d transactions, %d failed%s%n", o.c().key(), o.blockerStart() / 1000.0,
          o.blockerEnd() / 1000.0, o.alterStart() / 1000.0, o.stepDone() / 1000.0, o.state(), o.attempts(),
          o.transactions(), o.failed(), o.error() == null ? "" : "; error: " + o.error()));
    }
    return b.toString();
  }

  private static Playbook playbook(Case c) throws Exception {
    String guards = c.guards().isEmpty() ? "" : "\n    guards: " + c.guards();
    return new PlaybookLoader(null).parse(Path.of("bench-" + c.key() + ".yaml"), """
        id: bench-add-note-%s
        title: Add pgbench_accounts.note
        intent: Benchmark the lock pile-up guard.
        steps:
          - id: add-note
            kind: sql
            title: Add nullable column pgbench_accounts.note
            forward: ALTER TABLE pgbench_accounts ADD COLUMN note text
            rollback: ALTER TABLE pgbench_accounts DROP COLUMN note
            verify:
              - sql: >
                  SELECT count(*) FROM information_schema.columns WHERE table_schema = '${schema}'
                  AND table_name = 'pgbench_accounts' AND column_name = 'note'
                expect: 1%s
        """.formatted(c.key(), guards));
  }

  /** One small run first, so the ledger exists and the engine's classes are loaded before anything is timed. */
  private static void warmUp(Engine engine, Database target) throws Exception {
    Playbook pb = new PlaybookLoader(null).parse(Path.of("warmup.yaml"), """
        id: bench-warmup
        title: Warm up
        intent: Create the ledger before timing anything.
        steps:
          - id: create
            kind: sql
            title: Create a table
            forward: CREATE TABLE bench_warmup (id int)
            rollback: DROP TABLE bench_warmup
            verify:
              - sql: SELECT count(*) FROM pg_tables WHERE schemaname = '${schema}' AND tablename = 'bench_warmup'
                expect: 1
        """);
    RunResult r = Engine.join(engine.apply(target, pb, RunOptions.defaults(), new Approve("bench", null),
        new RunListener() { }));
    if (!r.ok()) {
      throw new IllegalStateException("warm-up run failed: " + r);
    }
  }

  // ---- helpers shared with GuardReactionBenchmark ------------------------------------------------------------

  static String url(String db) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
  }

  static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(url(db), USER, null);
  }

  static Database open(String db) throws Exception {
    return Database.open(new TargetSpec("bench", url(db), USER, null, EnvironmentClass.SANDBOX), null,
        Path.of("target"), false);
  }

  static void adminExec(String sql) throws SQLException {
    exec("postgres", sql);
  }

  static void exec(String db, String... sql) throws SQLException {
    try (Connection c = connect(db); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  static void requirePgbench() throws IOException, InterruptedException {
    try {
      Process p = new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("pgbench --version failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("pgbench is not on the PATH (install postgresql-client / postgresql-contrib)",
          e);
    }
  }

  static void run(Path log, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(log));
    }
  }

  /**
   * Waits until pgbench's progress report ({@code -P 1}, on its stderr) has reached {@code second} of the load. The
   * case's moments (the blocker, the ALTER, the blocker's commit) are seconds of the load on pgbench's own clock,
   * which starts once its clients are connected: a moment counted from the process's start, as before, left a
   * shorter baseline when the clients were slow to connect on a loaded machine. Looked at every 20 ms.
   */
  static void awaitLoadSecond(Path progress, int second) {
    Await.until("pgbench's progress report at " + second + " s (" + progress + ")",
        Duration.ofSeconds(second + 60L), Duration.ofMillis(20), () -> loadSeconds(progress) >= second);
  }

  /** The last second pgbench's progress report reached, 0 before the first. */
  static double loadSeconds(Path progress) throws IOException {
    double last = 0;
    if (Files.exists(progress)) {
      Matcher m = PROGRESS.matcher(Files.readString(progress));
      while (m.find()) {
        last = Double.parseDouble(m.group(1));
      }
    }
    return last;
  }

  /** Nearest-rank percentile (0–100); NaN for no values. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int idx = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, idx))];
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
