package backstep.bench;

import backstep.db.Database;
import backstep.engine.Direction;
import backstep.engine.Engine;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.engine.StepResult;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.testing.Approve;
import backstep.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Benchmark (b), guard reaction time: a playbook sampled every 500 ms with a canary guard ({@code canary_ms},
 * latest, above 150 ms for a 2 s window → rollback) whose second step takes an ACCESS EXCLUSIVE lock on the
 * canary's table and sleeps 60 s. Timestamps come from a {@link RunListener} (first breach, sustained breach, step
 * end, run end, as seen by the engine) and from the ledger (the breaching samples' own times in the GUARD and
 * GUARD_ACTION events, ROLLBACK_STARTED, RUN_ROLLED_BACK). Repeated on a quiet server and under a pgbench load
 * from a second process; medians are reported.
 *
 * <p>Same connection settings and scratch-database handling as {@link LockPileupBenchmark}; {@code -Dbench.reps}
 * sets the repetitions per series (default 5). Run with {@code bash bench/guards.sh reaction}.
 */
public final class GuardReactionBenchmark {
  private static final int REPS = Integer.getInteger("bench.reps", 5);
  private static final int SCALE = Integer.getInteger("bench.scale", 20);
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int JOBS = Integer.getInteger("bench.jobs", 2);
  private static final long INTERVAL_MS = 500;
  private static final long WINDOW_MS = 2000;
  private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench/guards"));
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String PLAYBOOK = """
      id: bench-guard-reaction
      title: A step that degrades latency on purpose
      intent: Measure how fast a sustained guard breach rolls the run back.
      telemetry: {interval: 500ms, baseline: 2s}
      canary: SELECT abalance FROM pgbench_accounts WHERE aid = 1
      guards:
        - metric: canary_ms
          aggregate: latest
          above: 150
          window: 2s
          action: rollback
      steps:
        - id: side-table
          kind: sql
          title: Create a side table (something for the rollback to undo)
          forward: CREATE TABLE bench_side (id int)
          rollback: DROP TABLE bench_side
          verify:
            - sql: SELECT count(*) FROM pg_tables WHERE schemaname = '${schema}' AND tablename = 'bench_side'
              expect: 1
        - id: degrade
          kind: sql
          title: Lock the canary's table for a minute
          forward:
            postgresql: |
              LOCK TABLE pgbench_accounts IN ACCESS EXCLUSIVE MODE;
              SELECT pg_sleep(60);
          rollback:
            postgresql: SELECT 1
          verify:
            - description: never passes beforehand, so the step always runs
              sql: SELECT count(*) FROM pg_class WHERE relname = 'bench_never_there'
              expect: 1
      """;

  /** Epoch-millisecond timestamps of one run; 0 when not seen. */
  static final class Rep {
    final String series;
    final int n;
    volatile long degradeStarted;
    volatile long breachSeen;
    volatile long sustainedSeen;
    volatile long degradeEnded;
    volatile long finished;
    long breachSample;
    long sustainedSample;
    long stepFailed;
    long rollbackStarted;
    long rolledBack;
    String state;
    List<Double> values = List.of();

    Rep(String series, int n) {
      this.series = series;
      this.n = n;
    }

    long detection() {
      return breachSample - degradeStarted;
    }

    long breachToSustained() {
      return sustainedSample - breachSample;
    }

    long evaluationLag() {
      return sustainedSeen - sustainedSample;
    }

    long sustainedToRollbackStarted() {
      return rollbackStarted - sustainedSample;
    }

    long seenToRollbackStarted() {
      return rollbackStarted - sustainedSeen;
    }

    long nominalWindowEndToRollbackStarted() {
      return rollbackStarted - (breachSample + WINDOW_MS);
    }

    long sustainedToRolledBack() {
      return rolledBack - sustainedSample;
    }

    long breachToRolledBack() {
      return rolledBack - breachSample;
    }

    long loadBlocked() {
      return degradeEnded - degradeStarted;
    }
  }

  private GuardReactionBenchmark() {}

  public static void main(String[] args) throws Exception {
    LockPileupBenchmark.requirePgbench();
    String db = "bs_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Path out = OUT.resolve("guard-reaction");
    LockPileupBenchmark.deleteTree(out);
    Files.createDirectories(out);
    System.out.printf(Locale.ROOT, "guard reaction benchmark: database %s, %d repetitions quiet and %d under "
        + "pgbench load (scale %d, %d clients)%n", db, REPS, REPS, SCALE, CLIENTS);
    LockPileupBenchmark.adminExec("CREATE DATABASE " + db);
    ExecutorService engineThread = Executors.newSingleThreadExecutor(LockPileupBenchmark.daemon("bench-engine"));
    List<Rep> reps = new ArrayList<>();
    Process load = null;
    try {
      LockPileupBenchmark.run(out.resolve("pgbench-init.log"), "pgbench", "-h", LockPileupBenchmark.HOST, "-p",
          Integer.toString(LockPileupBenchmark.PORT), "-U", LockPileupBenchmark.USER, "-i", "-q", "-s",
          Integer.toString(SCALE), db);
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, engineThread);
      Playbook pb = new PlaybookLoader(null).parse(Path.of("bench-guard-reaction.yaml"), PLAYBOOK);
      try (Database target = LockPileupBenchmark.open(db)) {
        for (int i = 1; i <= REPS; i++) {
          reps.add(once(engine, target, pb, "quiet", i));
        }
        load = new ProcessBuilder("pgbench", "-h", LockPileupBenchmark.HOST, "-p",
            Integer.toString(LockPileupBenchmark.PORT), "-U", LockPileupBenchmark.USER, "-n", "-c",
            Integer.toString(CLIENTS), "-j", Integer.toString(JOBS), "-T", "900", "-P", "1", db)
            .redirectOutput(out.resolve("pgbench.out").toFile()).redirectError(out.resolve("pgbench.err").toFile())
            .start();
        // the load warmed up: 3 s of it on pgbench's own clock (its progress report), not 3 s of its start
        LockPileupBenchmark.awaitLoadSecond(out.resolve("pgbench.err"), 3);
        for (int i = 1; i <= REPS; i++) {
          if (!load.isAlive()) {
            throw new IllegalStateException("pgbench stopped: " + Files.readString(out.resolve("pgbench.err")));
          }
          reps.add(once(engine, target, pb, "load", i));
        }
      }
    } finally {
      if (load != null) {
        load.destroy();
        if (!load.waitFor(10, TimeUnit.SECONDS)) {
          load.destroyForcibly();
        }
      }
      engineThread.shutdownNow();
      LockPileupBenchmark.adminExec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
    String report = report(reps);
    Files.writeString(OUT.resolve("guard-reaction.md"), report);
    System.out.println();
    System.out.println(report);
  }

  private static Rep once(Engine engine, Database target, Playbook pb, String series, int n) throws Exception {
    Rep rep = new Rep(series, n);
    RunListener timing = new RunListener() {
      @Override
      public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
        if (stepId.equals("degrade") && direction == Direction.FORWARD) {
          rep.degradeStarted = System.currentTimeMillis();
        }
      }

      @Override
      public void stepFinished(StepResult result, Direction direction) {
        if (result.id().equals("degrade") && direction == Direction.FORWARD) {
          rep.degradeEnded = System.currentTimeMillis();
        }
      }

      @Override
      public void guard(String description) {
        long now = System.currentTimeMillis();
        if (description.startsWith("guard breach") && rep.breachSeen == 0) {
          rep.breachSeen = now;
        } else if (description.startsWith("SUSTAINED breach") && rep.sustainedSeen == 0) {
          rep.sustainedSeen = now;
        }
      }

      @Override
      public void runFinished(RunResult result) {
        rep.finished = System.currentTimeMillis();
      }
    };
    RunResult r = engine.apply(target, pb, RunOptions.defaults(), new Approve("bench", null), timing)
        .get(120, TimeUnit.SECONDS);
    rep.state = r.state().name();
    try (Connection c = target.connection()) {
      for (EventRecord e : new Ledger(target).events(c, r.runId())) {
        switch (e.type()) {
          case "GUARD", "GUARD_ACTION" -> {
            JsonNode d = JSON.readTree(e.detail());
            long at = Instant.parse(d.path("at").asText()).toEpochMilli();
            if (d.path("kind").asText().equals("BREACH") && rep.breachSample == 0) {
              rep.breachSample = at;
            } else if (d.path("kind").asText().equals("SUSTAINED") && rep.sustainedSample == 0) {
              rep.sustainedSample = at;
              List<Double> v = new ArrayList<>();
              d.path("values").forEach(x -> v.add(x.asDouble()));
              rep.values = v;
            }
          }
          case "STEP_FAILED" -> rep.stepFailed = e.at().toEpochMilli();
          case "ROLLBACK_STARTED" -> rep.rollbackStarted = e.at().toEpochMilli();
          case "RUN_ROLLED_BACK" -> rep.rolledBack = e.at().toEpochMilli();
          default -> { }
        }
      }
    }
    System.out.printf(Locale.ROOT, "  %s #%d: %s; detect %d ms, breach→sustained %d ms, evaluation lag %d ms, "
        + "sustained→rollback started %d ms, sustained→rolled back %d ms, breach→rolled back %d ms, load blocked "
        + "%d ms; canary values %s%n", series, n, rep.state, rep.detection(), rep.breachToSustained(),
        rep.evaluationLag(), rep.sustainedToRollbackStarted(), rep.sustainedToRolledBack(),
        rep.breachToRolledBack(), rep.loadBlocked(), rep.values);
    if (!"ROLLED_BACK".equals(rep.state) || rep.breachSample == 0 || rep.sustainedSample == 0
        || rep.rolledBack == 0) {
      throw new IllegalStateException("run " + series + " #" + n + " did not roll back on the guard: " + r);
    }
    drained(target);
    return rep;
  }

  /**
   * Waits until no session of the target waits for a lock: the pile-up behind the rolled-back step's ACCESS
   * EXCLUSIVE lock has drained before the next run (its own 2 s baseline comes first). A fixed 1.5 s pause stood
   * for this before.
   */
  private static void drained(Database target) {
    Await.until("no session waiting for a lock after the rollback", Duration.ofSeconds(60), Duration.ofMillis(20),
        () -> lockWaiters(target) == 0);
  }

  private static long lockWaiters(Database target) throws SQLException {
    try (Connection c = target.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND wait_event_type = 'Lock'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String report(List<Rep> reps) {
    Map<String, ToDoubleFunction<Rep>> rows = new LinkedHashMap<>();
    rows.put("degrade step started → first breaching sample", Rep::detection);
    rows.put("first breaching sample → sustained sample (window 2 s)", Rep::breachToSustained);
    rows.put("sustained sample → guard evaluated (sampler tick lag)", Rep::evaluationLag);
    rows.put("guard evaluated → ROLLBACK_STARTED (engine)", Rep::seenToRollbackStarted);
    rows.put("**sustained sample (window end) → ROLLBACK_STARTED**", Rep::sustainedToRollbackStarted);
    rows.put("nominal window end (first breach + 2 s) → ROLLBACK_STARTED", Rep::nominalWindowEndToRollbackStarted);
    rows.put("sustained sample → RUN_ROLLED_BACK", Rep::sustainedToRolledBack);
    rows.put("**first breaching sample → RUN_ROLLED_BACK**", Rep::breachToRolledBack);
    rows.put("degrade step started → its lock released (load blocked)", Rep::loadBlocked);
    List<String> series = reps.stream().map(r -> r.series).distinct().toList();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "telemetry interval %d ms, guard canary_ms latest > 150 ms for %d ms → "
        + "rollback; median (min–max) of %d runs per series, milliseconds%n%n", INTERVAL_MS, WINDOW_MS, REPS));
    b.append("| interval |");
    series.forEach(s -> b.append(' ').append(s.equals("load") ? "under pgbench load" : "quiet server").append(" |"));
    b.append("\n|---|");
    series.forEach(s -> b.append("---:|"));
    b.append('\n');
    rows.forEach((label, f) -> {
      b.append("| ").append(label).append(" |");
      for (String s : series) {
        double[] v = reps.stream().filter(r -> r.series.equals(s)).mapToDouble(f).sorted().toArray();
        b.append(String.format(Locale.ROOT, " %.0f (%.0f–%.0f) |", median(v), v[0], v[v.length - 1]));
      }
      b.append('\n');
    });
    long ok = reps.stream().filter(r -> r.sustainedToRollbackStarted() <= INTERVAL_MS).count();
    b.append(String.format(Locale.ROOT, "%nRollback started within one sampling interval (%d ms) of the window's "
        + "end in %d of %d runs; every run ended ROLLED_BACK.%n", INTERVAL_MS, ok, reps.size()));
    b.append("\nPer run (ms): detect, breach→sustained, tick lag, engine, sustained→rollback started, "
        + "sustained→rolled back, breach→rolled back, load blocked; canary values during the breach\n\n");
    for (Rep r : reps) {
      b.append(String.format(Locale.ROOT, "- %s #%d: %d, %d, %d, %d, %d, %d, %d, %d; %s%n", r.series, r.n,
          r.detection(), r.breachToSustained(), r.evaluationLag(), r.seenToRollbackStarted(),
          r.sustainedToRollbackStarted(), r.sustainedToRolledBack(), r.breachToRolledBack(), r.loadBlocked(),
          r.values));
    }
    return b.toString();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
