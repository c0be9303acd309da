package backstep.drill;

import backstep.db.Database;
import backstep.drill.DrillSession.Choice;
import backstep.drill.fault.Fault;
import backstep.drill.fault.Faults;
import backstep.drill.load.LostWrites;
import backstep.drill.load.WorkloadTick;
import backstep.engine.EngineException;
import backstep.engine.RunListener;
import backstep.fleet.Fleet;
import backstep.fleet.FleetEventType;
import backstep.fleet.FleetGroup;
import backstep.fleet.FleetState;
import backstep.fleet.FleetStore;
import backstep.lint.Severity;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One fleet drill attempt ({@code fleet:} in the drill file), on the drill's own thread: creates the member
 * databases on the target's server, starts a workload on each, applies the playbook as a fleet run (preflight,
 * canary, waves, all or none) with the target's database as its central ledger, fires each fault when its member's
 * run starts, and scores the whole fleet from the fleet's own events: detect at the first member failure (or an
 * earlier alert), decide at the all-or-none decision ({@code BUDGET_EXCEEDED}, {@code CANARY_FAILED}) or the team's
 * rollback request, restore when every member's fingerprint equals its own from before the change and the load is
 * back; writes lost summed over the members. The member databases are dropped afterwards; the fleet run and the
 * attempt stay in the target's ledger.
 */
final class FleetDrillRun {
  private static final Duration LEASE = Duration.ofSeconds(5);
  private final Clock clock;
  private final Drill drill;
  private final Playbook playbook;
  private final Database db;
  private final DrillRunner.Options options;
  private final DrillSession session;
  private final List<WorkloadTick> ticks = new CopyOnWriteArrayList<>();
  private final Set<String> eventTypes = new HashSet<>();
  private volatile double baselineP95 = Double.NaN;
  private volatile boolean slow;
  private long seenSeq;
  private boolean rollbackAsked;

  FleetDrillRun(Clock clock, Drill drill, Playbook playbook, Database db, DrillRunner.Options options,
      DrillSession session) {
    this.clock = clock;
    this.drill = drill;
    this.playbook = playbook;
    this.db = db;
    this.options = options;
    this.session = session;
  }

  DrillResult run() throws EngineException {
    String attempt = UUID.randomUUID().toString();
    Instant started = clock.instant();
    ScheduledExecutorService timer = DrillRun.timer();
    AutoOperator auto = new AutoOperator(drill.expected(), session, timer, options.automatic());
    RunListener next = options.engineListener() == null ? new RunListener() { } : options.engineListener();
    phase("briefing: " + drill.briefing());
    try (FleetDrillMembers members = FleetDrillMembers.create(db, drill, clock);
        MemberFaults faults = new MemberFaults(members)) {
      phase("created " + members.all().size() + " member databases on " + db.spec().name() + "'s server ("
          + String.join(", ", members.names()) + ")" + (drill.setup().isEmpty() ? "" : "; setup: "
          + drill.setup().size() + " statement(s) on each"));
      members.startLoad();
      Instant warm = clock.instant().plusMillis(500);
      java.util.concurrent.ScheduledFuture<?> ticking = timer.scheduleAtFixedRate(() -> tick(members, auto), 1000,
          1000, TimeUnit.MILLISECONDS);
      phase("workload running on every member (" + drill.workload().clients() + " clients, "
          + drill.workload().rate() + " ops/s each); measuring the baseline for "
          + drill.workload().baseline().toMillis() + " ms");
      DrillRun.sleep(drill.workload().baseline());
      baselineP95 = members.p95(warm, clock.instant());
      members.fingerprintBefore();
      Drill.FleetSpec f = drill.fleet();
      List<String> names = members.names();
      FleetGroup group = new FleetGroup(drill.id(), names, names.subList(0, f.canary()), f.waveSize(),
          f.concurrency(), f.failureBudget(), db.spec().name());
      FleetStore store = new FleetStore(db);
      Fleet fleet = new Fleet(store, members::open, options.decisions(), options.operator(), clock, next::note)
          .onMemberStarting(faults::memberStarting);
      phase(String.format(Locale.ROOT, "baseline p95 %.2f ms (worst member); every member fingerprinted; the fleet "
          + "change starts: canary %s, waves of %d, %d at once, failure budget %d", baselineP95,
          String.join(", ", group.canary()), f.waveSize(), f.concurrency(), f.failureBudget()));
      String id = fleet.start(group, playbook, Severity.ERROR, f.concurrency());
      FleetState end = drive(fleet, store, id, auto);
      faults.close();
      Instant restored = restoreWatch(members, end);
      ticking.cancel(false); // the load stops next: its last second is no stall
      members.stopLoad();
      LostWrites lost = lostWrites(members);
      DrillResult r = result(attempt, started, id, end, members, lost, restored);
      keep(store, id, r);
      session.listener().scored(r.score());
      return r;
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "the fleet's central ledger on " + db.spec().name()
          + ": " + e.getMessage());
    } finally {
      timer.shutdownNow();
    }
  }

  /**
   * Runs the fleet's workers (the group's concurrency of them) on their own thread and follows the fleet's events
   * until they return: member failures are alerts, the all-or-none decision is the decision; a team's (or the
   * auto-operator's) rollback the fleet did not take by itself is asked of the fleet. Returns the fleet's end state.
   */
  private FleetState drive(Fleet fleet, FleetStore store, String id, AutoOperator auto) throws SQLException {
    Throwable[] failure = new Throwable[1];
    Thread workers = new Thread(() -> {
      try {
        fleet.work(id, drill.fleet().concurrency(), LEASE);
      } catch (SQLException | EngineException | RuntimeException e) {
        failure[0] = e;
      }
    }, "backstep-drill-fleet");
    workers.setDaemon(true);
    workers.start();
    while (workers.isAlive()) {
      follow(store, id, auto, fleet);
      join(workers, 250);
    }
    follow(store, id, auto, fleet);
    if (failure[0] != null) {
      phase("the fleet's workers stopped: " + failure[0].getMessage());
    }
    FleetState end = store.run(id).map(FleetStore.FleetRun::state).orElse(FleetState.REFUSED);
    session.record(TimelineEvent.Kind.RUN, "fleet", "fleet run " + id + " " + end);
    return end;
  }

  /** Turns the fleet events not seen yet into the timeline, at the times they happened. */
  private void follow(FleetStore store, String id, AutoOperator auto, Fleet fleet) throws SQLException {
    for (FleetStore.Event e : store.events(id)) {
      if (e.seq() <= seenSeq) {
        continue;
      }
      seenSeq = e.seq();
      eventTypes.add(e.type());
      String who = e.member() == null ? "" : e.member() + " ";
      switch (e.type()) {
        case "MEMBER_FAILED", "PREFLIGHT_FAILED", "MEMBER_ROLLBACK_FAILED" -> {
          session.record(TimelineEvent.Kind.ALERT, "fleet", "member " + who + e.type().toLowerCase(Locale.ROOT)
              .replace("member_", "").replace('_', ' ') + ": " + detail(e, "error") + detail(e, "verdict"), e.at());
          auto.alert(true);
        }
        case "BUDGET_EXCEEDED", "CANARY_FAILED" -> session.decide(Choice.ROLLBACK, "fleet", "all or none: "
            + (e.type().equals("CANARY_FAILED") ? "the canary failed its soak" : "member " + detail(e, "member")
            + " took the fleet past its failure budget of " + detail(e, "failure_budget")) + "; no member starts any "
            + "more and every member that moved is rolled back, newest first", e.at());
        case "ROLLBACK_REQUESTED" -> phase("the fleet turns around: " + detail(e, "reason"));
        case "FLEET_ROLLED_BACK", "FLEET_APPLIED", "FLEET_REFUSED" -> session.record(TimelineEvent.Kind.RUN,
            "fleet", e.type().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + detail(e, "state"), e.at());
        case "MEMBER_CLAIMED" -> session.record(TimelineEvent.Kind.STEP, "fleet", "▶ " + who + "starts", e.at());
        default -> session.record(TimelineEvent.Kind.STEP, "fleet", who + e.type().toLowerCase(Locale.ROOT)
            .replace('_', ' '), e.at());
      }
    }
    if (session.choice() == Choice.ROLLBACK && !rollbackAsked) {
      rollbackAsked = true;
      FleetState s = store.run(id).map(FleetStore.FleetRun::state).orElse(FleetState.REFUSED);
      if (s != FleetState.ROLLING_BACK && s != FleetState.ROLLED_BACK && s != FleetState.REFUSED
          && fleet.requestRollback(id, "the drill's team decided to roll back")) {
        phase("asked the fleet to roll back every member that moved");
      }
    }
  }

  private static String detail(FleetStore.Event e, String key) {
    if (e.detail() == null) {
      return "";
    }
    try {
      Object v = Json.MAPPER.readValue(e.detail(), Map.class).get(key);
      return v == null ? "" : String.valueOf(v);
    } catch (java.io.IOException ex) {
      return e.detail();
    }
  }

  private void tick(FleetDrillMembers members, AutoOperator auto) {
    WorkloadTick t = members.tick(clock.instant());
    ticks.add(t);
    try {
      session.listener().tick(t);
    } catch (RuntimeException ignored) {
      backstep.db.DebugLog.ignored(FleetDrillRun.class, "presentation only", ignored);
    }
    if (Double.isNaN(baselineP95)) {
      return;
    }
    double limit = Math.max(baselineP95 * 3, baselineP95 + 20);
    boolean stalled = drill.workload().rate() > 0 && t.opsPerSecond() == 0;
    boolean bad = stalled || t.errorsPerSecond() > 0 || t.p95() > limit;
    if (bad && !slow) {
      slow = true;
      session.record(TimelineEvent.Kind.ALERT, "workload", stalled ? "the workload stalled on every member"
          : String.format(Locale.ROOT, "workload p95 %.1f ms on the worst member (baseline %.1f ms), %.0f "
          + "errors/s", t.p95(), baselineP95, t.errorsPerSecond()));
      auto.alert(false);
    } else if (!bad && slow) {
      slow = false;
      phase(String.format(Locale.ROOT, "workload back to normal: p95 %.1f ms", t.p95()));
    }
  }

  /**
   * When the fleet is back: every member's fingerprint equal to its own from before the change (a fleet left
   * applied on purpose, a "continue" drill, needs only the latency) and the worst member's p95 within tolerance.
   */
  private Instant restoreWatch(FleetDrillMembers members, FleetState end) {
    boolean rolledBack = end == FleetState.ROLLED_BACK;
    boolean applied = end == FleetState.APPLIED || end == FleetState.APPLIED_WITH_FAILURES;
    if (!rolledBack && !(applied && drill.expected().action() == Drill.Expected.Response.CONTINUE)) {
      phase("not restored: the fleet run is " + end);
      return null;
    }
    double limit = baselineP95 * (1 + drill.targets().latencyTolerance()) + 5;
    Instant deadline = clock.instant().plus(drill.targets().restoreTimeout());
    boolean fingerprintOk = !rolledBack;
    List<String> diffs = List.of();
    phase("watching for restore: " + (rolledBack ? "every member's fingerprint equal to before, " : "")
        + String.format(Locale.ROOT, "workload p95 ≤ %.1f ms on every member", limit));
    while (clock.instant().isBefore(deadline)) {
      if (!fingerprintOk) {
        diffs = members.differences(drill.workload().writtenTables());
        fingerprintOk = diffs.isEmpty();
      }
      if (fingerprintOk) {
        Instant now = clock.instant();
        double p95 = members.p95(now.minusMillis(1000), now);
        if (!Double.isNaN(p95) && p95 <= limit) {
          phase(String.format(Locale.ROOT, "restored: %sworkload p95 %.1f ms", rolledBack ? "every member's "
              + "fingerprint equals its own from before the change; " : "", p95));
          return now;
        }
      }
      DrillRun.sleep(Duration.ofMillis(250));
    }
    phase("not restored within " + drill.targets().restoreTimeout().toSeconds() + " s" + (diffs.isEmpty()
        ? " (workload latency stayed high)" : ": " + String.join("; ", diffs)));
    return null;
  }

  private LostWrites lostWrites(FleetDrillMembers members) throws EngineException {
    if (!drill.workload().writes()) {
      return new LostWrites(null, 0, 0, List.of(), "the workload wrote nothing", null);
    }
    LostWrites lw = members.lostWrites(drill);
    phase("lost-write check: " + lw.lost() + " of " + lw.checked() + " journaled writes lost, across "
        + members.all().size() + " members");
    return lw;
  }

  private DrillResult result(String attempt, Instant started, String fleetRunId, FleetState end,
      FleetDrillMembers members, LostWrites lost, Instant restored) {
    Instant incident = session.incidentAt();
    boolean expected;
    String detail;
    if (drill.expected().action() == Drill.Expected.Response.ROLLBACK) {
      Instant by = incident == null ? null : incident.plus(drill.expected().within());
      expected = end == FleetState.ROLLED_BACK && session.choice() == Choice.ROLLBACK && session.decidedAt() != null
          && by != null && !session.decidedAt().isAfter(by);
      detail = expected ? "the whole fleet rolled back within " + drill.expected().within().toSeconds() + " s"
          : "— no: the fleet run is " + end;
    } else {
      expected = (end == FleetState.APPLIED || end == FleetState.APPLIED_WITH_FAILURES)
          && session.choice() != Choice.ROLLBACK;
      detail = expected ? "continued; the fleet is " + end : "not continued: the fleet run is " + end;
    }
    DrillScore score = Scoring.score(drill.targets(), new Scoring.Moments(incident, session.detectedAt(),
        session.decidedAt(), restored), lost.problem() != null ? lost.checked() : lost.lost(), 1.0, expected, detail);
    return new DrillResult(attempt, drill.id(), drill.title(), drill.briefing(), db.spec().name(), playbook.id(),
        fleetRunId, null, options.automatic(), started, clock.instant(), applyState(end), runState(end), baselineP95,
        session.timeline(), List.copyOf(ticks), members.summary(), lost, score,
        DebriefQuestions.forAttempt(drill.debrief(), eventTypes), null);
  }

  /** The fleet run's outcome in a single run's words: failed when any member failed, as the change went. */
  private RunState applyState(FleetState end) {
    return eventTypes.contains("MEMBER_FAILED") ? RunState.FAILED : runState(end);
  }

  private static RunState runState(FleetState end) {
    return switch (end) {
      case APPLIED, APPLIED_WITH_FAILURES -> RunState.APPLIED;
      case ROLLED_BACK -> RunState.ROLLED_BACK;
      case REFUSED -> RunState.ABORTED;
      case ROLLBACK_FAILED -> RunState.ROLLBACK_FAILED;
      case ROLLING_BACK -> RunState.ROLLING_BACK;
      default -> RunState.RUNNING;
    };
  }

  /** The score as the fleet run's own hash-chained event, then the attempt in the target's ledger. */
  private void keep(FleetStore store, String id, DrillResult r) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("drill", drill.id());
    d.put("attempt", r.attemptId());
    d.put("passed", r.passed());
    d.put("automatic", r.automatic());
    d.put("detect_ms", r.score().detect() == null ? null : r.score().detect().toMillis());
    d.put("decide_ms", r.score().decide() == null ? null : r.score().decide().toMillis());
    d.put("restore_ms", r.score().restore() == null ? null : r.score().restore().toMillis());
    d.put("writes_lost", r.score().writesLost());
    try {
      store.event(id, FleetEventType.DRILL_SCORED, null, r.automatic() ? AutoOperator.NAME : options.operator(),
          Json.compactWithNulls(d));
      DrillRecorder.record(db, drill, r);
    } catch (SQLException e) {
      phase("could not keep the attempt in the ledger: " + e.getMessage());
    }
  }

  private void phase(String text) {
    session.record(TimelineEvent.Kind.PHASE, "drill", text);
  }

  private static void join(Thread t, long ms) {
    try {
      t.join(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The drill's faults, each on its member, fired on the fleet worker's thread when that member's run starts (so
   * the fault is in place before its first step) and undone when the fleet has settled, or in any case at the end.
   */
  private final class MemberFaults implements AutoCloseable {
    private final Map<String, List<Drill.FaultSpec>> byMember = new LinkedHashMap<>();
    private final Map<String, Database> dbs = new LinkedHashMap<>();
    private final List<Object[]> fired = new ArrayList<>();
    private boolean closed;

    MemberFaults(FleetDrillMembers members) {
      List<FleetDrillMembers.Member> all = members.all();
      for (Drill.FaultSpec spec : drill.faults()) {
        FleetDrillMembers.Member m = all.get(spec.member() - 1);
        byMember.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(spec);
        dbs.put(m.name(), m.db());
      }
    }

    void memberStarting(String member) {
      List<Drill.FaultSpec> due;
      synchronized (this) {
        due = closed ? null : byMember.remove(member);
      }
      if (due == null) {
        return;
      }
      for (Drill.FaultSpec spec : due) {
        Fault fault = Faults.create(spec, dbs.get(member), () -> -1);
        try {
          String what = fault.inject();
          synchronized (this) {
            fired.add(new Object[] {spec, fault});
          }
          TimelineEvent e = session.record(TimelineEvent.Kind.FAULT, "fault", spec.kind().key() + " on member "
              + member + " (" + spec.timing().describe() + "): " + what);
          session.incident(e.at());
        } catch (Exception e) {
          session.record(TimelineEvent.Kind.FAULT, "fault", spec.kind().key() + " on member " + member
              + " could not be injected: " + (e.getMessage() == null ? e.toString() : e.getMessage().lines()
              .findFirst().orElse("")));
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }

    @Override
    public void close() {
      List<Object[]> undo;
      synchronized (this) {
        closed = true;
        undo = new ArrayList<>(fired);
        fired.clear();
      }
      for (Object[] f : undo) {
        Drill.FaultSpec spec = (Drill.FaultSpec) f[0];
        session.record(TimelineEvent.Kind.FAULT_UNDONE, "fault", spec.kind().key() + ": " + ((Fault) f[1]).undo());
      }
    }
  }
}
