package backstep.drill;

import backstep.db.Database;
import backstep.drill.DrillSession.Choice;
import backstep.drill.load.LostWriteCheck;
import backstep.drill.load.LostWrites;
import backstep.drill.load.Workload;
import backstep.drill.load.WorkloadTick;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RollbackRequest;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import backstep.state.StepState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One drill attempt, start to score, on the drill's own thread (see {@link DrillRunner}). */
final class DrillRun {
  private final Engine engine;
  private final Clock clock;
  private final Drill drill;
  private final Playbook playbook;
  private final Database db;
  private final DrillRunner.Options options;
  private final DrillSession session;
  /** The caller's answers, with every gate's wait and answer on the timeline. */
  private final backstep.engine.Decisions decisions;
  private final List<WorkloadTick> ticks = new CopyOnWriteArrayList<>();
  private volatile double baselineP95 = Double.NaN;
  private volatile boolean slow;
  private List<String> lastDiffs = List.of();

  DrillRun(Engine engine, Clock clock, Drill drill, Playbook playbook, Database db, DrillRunner.Options options,
      DrillSession session) {
    this.engine = engine;
    this.clock = clock;
    this.drill = drill;
    this.playbook = playbook;
    this.db = db;
    this.options = options;
    this.session = session;
    this.decisions = new TimedDecisions(options.decisions(), session, clock);
  }

  /** The drill's timer: faults, the auto-operator and the workload's ticks (two daemon threads). */
  static ScheduledExecutorService timer() {
    return Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "backstep-drill-timer");
      t.setDaemon(true);
      return t;
    });
  }

  DrillResult run() throws EngineException {
    String attempt = UUID.randomUUID().toString();
    Instant started = clock.instant();
    ScheduledExecutorService timer = DrillRun.timer();
    AutoOperator auto = new AutoOperator(drill.expected(), session, timer, options.automatic());
    RunListener next = options.engineListener() == null ? new RunListener() { } : options.engineListener();
    EngineBridge[] bridge = new EngineBridge[1];
    Workload load = new Workload(db, drill.workload(), clock);
    try (FaultSchedule faults = new FaultSchedule(drill, db, session, timer, () -> bridge[0].workSession())) {
      bridge[0] = new EngineBridge(session, faults, auto, next);
      phase("briefing: " + drill.briefing());
      setup();
      try {
        load.start();
      } catch (SQLException e) {
        throw new EngineException(EngineException.UNAVAILABLE, "cannot start the workload: " + e.getMessage());
      }
      Instant warm = clock.instant().plusMillis(500); // the first operations warm caches and the JIT
      timer.scheduleAtFixedRate(() -> tick(load, auto), 1000, 1000, TimeUnit.MILLISECONDS);
      phase("workload running (" + drill.workload().clients() + " clients, " + drill.workload().rate()
          + " ops/s" + (drill.workload().profile() == null ? "" : String.format(Locale.ROOT, ", replaying the "
          + "profile of %s at %s×", drill.workload().profile().source(), drill.workload().speed())) + "); measuring "
          + "the baseline for " + drill.workload().baseline().toMillis() + " ms");
      sleep(drill.workload().baseline());
      baselineP95 = load.percentile(warm, clock.instant(), 95);
      Fingerprint before = fingerprint();
      phase(String.format(Locale.ROOT, "baseline p95 %.2f ms; target fingerprinted; the change starts",
          baselineP95));
      faults.startClock();
      bridge[0].preparing();
      // a decision to roll back made while the change runs stops it at once, even a step waiting on a lock
      RollbackRequest stop = new RollbackRequest();
      session.onRollback((by, at) -> timer.execute(() -> stop.request(by, at)));
      RunResult apply;
      try {
        apply = Engine.join(engine.apply(db, playbook, new RunOptions(options.operator(), null, null, null, null,
            () -> session.rollbackRequested() || session.pauseRequested()).withRollbackRequest(stop), decisions,
            bridge[0]));
      } finally {
        session.onRollback((by, at) -> { });
      }
      RunResult last = settle(apply, auto);
      faults.undoAll();
      Instant restored = restoreWatch(before, load, last.state());
      load.stop();
      LostWrites lost = lostWrites(load);
      DrillResult r = result(attempt, started, apply, last, load, lost, restored);
      cleanup(last);
      try {
        DrillRecorder.record(db, drill, r);
      } catch (SQLException e) {
        phase("could not keep the attempt in the ledger: " + e.getMessage());
      }
      session.listener().scored(r.score());
      return r;
    } finally {
      load.stop();
      timer.shutdownNow();
    }
  }

  /**
   * After the forward run: waits for a decision on its way (the auto-operator's think time; headless) or, when
   * people decide and the run failed or paused, up to {@code expected_response.within}; then rolls back (or
   * resumes) as decided.
   */
  private RunResult settle(RunResult apply, AutoOperator auto) throws EngineException {
    RunState s = apply.state();
    boolean stuck = s == RunState.FAILED || s == RunState.PAUSED;
    Instant deadline = clock.instant().plus(options.automatic() ? drill.expected().auto().after().plusSeconds(3)
        : drill.expected().within());
    while (session.choice() == null && (options.automatic() ? auto.pending() : stuck)
        && clock.instant().isBefore(deadline)) {
      sleep(Duration.ofMillis(50));
    }
    if (session.choice() == Choice.ROLLBACK && s != RunState.ROLLED_BACK && s != RunState.ABORTED) {
      return Engine.join(engine.rollback(db, playbook, new RunOptions(options.operator(), null, null, apply.runId(),
          null), decisions, followUp()));
    }
    if (session.choice() == Choice.CONTINUE && s == RunState.PAUSED) {
      return Engine.join(engine.resume(db, playbook, new RunOptions(options.operator(), null, null, apply.runId(),
          null), decisions, followUp()));
    }
    return apply;
  }

  /** The listener of a rollback or resume after the forward run: steps to the timeline, all to the caller's. */
  private RunListener followUp() {
    RunListener next = options.engineListener() == null ? new RunListener() { } : options.engineListener();
    return new RunListener() {
      @Override
      public void stepStarted(int i, int total, String id, String title, backstep.engine.Direction d) {
        next.stepStarted(i, total, id, title, d);
        session.record(TimelineEvent.Kind.STEP, "engine", (d == backstep.engine.Direction.FORWARD ? "▶ " : "⟲ ")
            + id + ": " + title);
      }

      @Override
      public void stepFinished(StepResult r, backstep.engine.Direction d) {
        next.stepFinished(r, d);
        session.record(r.error() == null ? TimelineEvent.Kind.STEP : TimelineEvent.Kind.ALERT, "engine",
            r.state().icon() + " " + r.id() + " " + r.state().words() + (r.error() == null ? "" : ": " + r.error()));
      }

      @Override
      public void runFinished(RunResult r) {
        next.runFinished(r);
        session.record(TimelineEvent.Kind.RUN, "engine", r.playbookId() + " " + r.state().words());
      }

      @Override
      public void note(String m) {
        next.note(m);
      }
    };
  }

  /** Repeatable drills: a change left applied (a "continue" drill) is rolled back after scoring, not scored. */
  private void cleanup(RunResult last) {
    if (last.state() == RunState.ROLLED_BACK || last.state() == RunState.ABORTED) {
      return;
    }
    phase("drill cleanup (not scored): rolling back " + playbook.id() + " so the drill can run again");
    try {
      Engine.join(engine.rollback(db, playbook, new RunOptions(options.operator(), null, null, last.runId(),
          null), decisions, followUp()));
    } catch (EngineException | RuntimeException e) {
      phase("cleanup rollback failed: " + e.getMessage() + " — see `backstep status`");
    }
  }

  private void tick(Workload load, AutoOperator auto) {
    WorkloadTick t = load.tick(clock.instant());
    ticks.add(t);
    try {
      session.listener().tick(t);
    } catch (RuntimeException ignored) {
      backstep.db.DebugLog.ignored(DrillRun.class, "presentation only", ignored);
      // presentation only
    }
    if (Double.isNaN(baselineP95) || drill.workload().clients() == 0) {
      return;
    }
    double limit = Math.max(baselineP95 * 3, baselineP95 + 20);
    boolean stalled = drill.workload().rate() > 0 && t.opsPerSecond() == 0;
    boolean bad = stalled || t.errorsPerSecond() > 0 || t.p95() > limit;
    if (bad && !slow) {
      slow = true;
      session.record(TimelineEvent.Kind.ALERT, "workload", stalled ? "the workload stalled: no operation "
          + "completed in the last second" : String.format(Locale.ROOT,
          "workload p95 %.1f ms (baseline %.1f ms), %.0f errors/s", t.p95(), baselineP95, t.errorsPerSecond()));
      auto.alert(false);
    } else if (!bad && slow) {
      slow = false;
      phase(String.format(Locale.ROOT, "workload back to normal: p95 %.1f ms", t.p95()));
    }
  }

  /**
   * When the target is back: fingerprint equal to the one before the change (schema of every table; data of the
   * tables the workload does not write — its own writes are proven by the lost-write check) and the workload's
   * p95 back within the tolerance of its baseline. A change left applied on purpose ("continue") needs only the
   * latency.
   */
  private Instant restoreWatch(Fingerprint before, Workload load, RunState state) {
    boolean rolledBack = state == RunState.ROLLED_BACK || state == RunState.ABORTED;
    if (!rolledBack && state != RunState.APPLIED) {
      phase("not restored: the run is " + state.words());
      return null;
    }
    boolean needFingerprint = rolledBack || drill.expected().action() == Drill.Expected.Response.ROLLBACK;
    if (!rolledBack && needFingerprint) {
      phase("not restored: the change is still applied");
      return null;
    }
    double limit = baselineP95 * (1 + drill.targets().latencyTolerance()) + 5;
    Instant deadline = clock.instant().plus(drill.targets().restoreTimeout());
    boolean fingerprintOk = !needFingerprint;
    phase("watching for restore: " + (needFingerprint ? "fingerprint equal to before, " : "")
        + String.format(Locale.ROOT, "workload p95 ≤ %.1f ms", limit));
    while (clock.instant().isBefore(deadline)) {
      if (!fingerprintOk) {
        try {
          lastDiffs = Fingerprint.compare(before, fingerprint()).stream()
              .filter(d -> !(d.kind() == Difference.Kind.DATA && drill.workload().writtenTables()
                  .contains(d.object())))
              .map(Difference::describe).toList();
          fingerprintOk = lastDiffs.isEmpty();
        } catch (EngineException e) {
          lastDiffs = List.of(e.getMessage());
        }
      }
      if (fingerprintOk) {
        Instant now = clock.instant();
        double p95 = drill.workload().clients() == 0 ? 0 : load.percentile(now.minusMillis(1000), now, 95);
        if (!Double.isNaN(p95) && p95 <= limit) {
          phase(String.format(Locale.ROOT, "restored: %sworkload p95 %.1f ms",
              needFingerprint ? "fingerprint equals the one before the change; " : "", p95));
          return now;
        }
      }
      sleep(Duration.ofMillis(250));
    }
    phase("not restored within " + drill.targets().restoreTimeout().toSeconds() + " s"
        + (lastDiffs.isEmpty() ? " (workload latency stayed high)" : ": " + String.join("; ", lastDiffs)));
    return null;
  }

  private LostWrites lostWrites(Workload load) throws EngineException {
    if (!drill.workload().writes()) {
      return new LostWrites(null, 0, 0, List.of(), drill.workload().profile() != null ? "a replayed profile "
          + "journals no writes: lost writes not checked" : "the workload wrote nothing", null);
    }
    try {
      LostWrites lw = LostWriteCheck.run(db, drill.workload().writeTable(), drill.workload().writeKey(),
          drill.workload().writeValue(), load.journal());
      phase("lost-write check: " + lw.lost() + " of " + lw.checked() + " journaled writes lost");
      return lw;
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "the lost-write check failed: " + e.getMessage());
    }
  }

  private DrillResult result(String attempt, Instant started, RunResult apply, RunResult last, Workload load,
      LostWrites lost, Instant restored) {
    RunState end = last.state();
    Instant incident = session.incidentAt();
    boolean expected;
    String detail;
    if (drill.expected().action() == Drill.Expected.Response.ROLLBACK) {
      Instant by = incident == null ? null : incident.plus(drill.expected().within());
      expected = end == RunState.ROLLED_BACK && session.choice() == Choice.ROLLBACK && session.decidedAt() != null
          && by != null && !session.decidedAt().isAfter(by);
      detail = "rolled back " + (expected ? "within " + drill.expected().within().toSeconds() + " s" : "— no: the run"
          + " is " + end.words());
    } else {
      expected = end == RunState.APPLIED && session.choice() != Choice.ROLLBACK;
      detail = expected ? "continued; the change is applied" : "not continued: the run is " + end.words();
    }
    DrillScore score = Scoring.score(drill.targets(), new Scoring.Moments(incident, session.detectedAt(),
        session.decidedAt(), restored), lost.problem() != null ? lost.checked() : lost.lost(), adherence(last),
        expected, detail);
    return new DrillResult(attempt, drill.id(), drill.title(), drill.briefing(), db.spec().name(), playbook.id(),
        apply.changeId(), apply.runId(), options.automatic(), started, clock.instant(), apply.state(),
        end, baselineP95, session.timeline(), List.copyOf(ticks), load.summary(), lost, score,
        questions(apply.runId()), null);
  }

  /** The drill's debrief questions as this attempt asks them ({@link DebriefQuestions}); as written if unreadable. */
  private List<String> questions(String runId) {
    backstep.ledger.Ledger ledger = new backstep.ledger.Ledger(db);
    try (Connection c = ledger.colocated() ? db.connection() : ledger.connection()) {
      java.util.Set<String> types = new java.util.HashSet<>();
      ledger.events(c, runId).forEach(e -> types.add(e.type()));
      return DebriefQuestions.forAttempt(drill.debrief(), types);
    } catch (SQLException e) {
      return drill.debrief();
    }
  }

  /** Manual steps the run reached that were ticked, as a share of those it reached (1.0 when none). */
  private static double adherence(RunResult r) {
    List<StepResult> manual = r.steps().stream().filter(s -> s.kind().equals("manual"))
        .filter(s -> s.state() != StepState.PENDING || s.note() != null).toList();
    if (manual.isEmpty()) {
      return 1.0;
    }
    long done = manual.stream().filter(s -> s.state() == StepState.APPLIED || s.state() == StepState.ROLLED_BACK)
        .count();
    return (double) done / manual.size();
  }

  private Fingerprint fingerprint() throws EngineException {
    try {
      return Fingerprint.take(db);
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot fingerprint the target: " + e.getMessage());
    }
  }

  private void setup() throws EngineException {
    if (drill.setup().isEmpty()) {
      return;
    }
    try (Connection c = db.openDedicated("backstep-drill-setup"); Statement st = c.createStatement()) {
      for (String sql : drill.setup()) {
        st.execute(sql);
      }
      phase("setup: " + drill.setup().size() + " statement(s) run");
    } catch (SQLException e) {
      throw new EngineException(EngineException.INVALID, "drill setup failed: " + e.getMessage());
    }
  }

  private void phase(String text) {
    session.record(TimelineEvent.Kind.PHASE, "drill", text);
  }

  /** Waits {@code d}, or less when interrupted (the interrupt is kept): the drill's own pauses. */
  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
