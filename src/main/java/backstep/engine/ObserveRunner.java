package backstep.engine;

import backstep.db.ReplicaSpec;
import backstep.guard.GuardEvent;
import backstep.guard.GuardMonitor;
import backstep.ledger.EventType;
import backstep.playbook.GateStep;
import backstep.playbook.GuardRule;
import backstep.playbook.ObserveStep;
import backstep.playbook.Playbook;
import backstep.state.StepState;
import backstep.telemetry.ReplicaCatchUp;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an observe step: holds the run while the guards watch, then settles it by their verdict. Passes when the
 * duration is over with enough samples and no guard asked to stop; a sustained breach whose action is rollback
 * fails the step (the engine then rolls the run back, as for any guard rollback); one whose action is pause asks a
 * person as a gate does (through {@link Decisions#gate}): going on passes the step, declining stops the run paused
 * at it. Too few samples by twice the duration fails the step. With {@code wait_for_replicas}, it first waits for the
 * target's replicas to apply what the primary had written ({@link ReplicaCatchUp}) and fails the step when they have
 * not by the timeout; a step that only waits passes once they have. Writes OBSERVED with the samples' summary and the
 * guards' events on the control connection (no transaction is open on the work connection meanwhile).
 */
final class ObserveRunner {
  /** The longest the soak sleeps between looks at the guards (and countdown lines). */
  private static final Duration TICK = Duration.ofSeconds(1);

  private final RunSession s;
  private final Decisions decisions;
  private final Playbook playbook;

  ObserveRunner(RunSession s, Decisions decisions, Playbook playbook) {
    this.s = s;
    this.decisions = decisions;
    this.playbook = playbook;
  }

  StepWalk.Outcome observe(StepExec e, ObserveStep o) throws SQLException, StepFailure {
    GuardHook guards = s.guards();
    if (o.soaks() && !guards.watching()) {
      throw new StepFailure("nothing watches this run (its telemetry did not start), so observe cannot vouch for "
          + "it", false);
    }
    e.state = StepState.RUNNING;
    s.progress(e, EventType.STEP_STARTED, Map.of("kind", "observe", "duration_ms", o.duration().toMillis()));
    if (o.waitForReplicas() != null) {
      waitForReplicas(e, o);
    }
    if (!o.soaks()) {
      return pass(e);
    }
    Instant from = s.clock().instant();
    Instant end = from.plus(o.duration());
    Instant giveUp = end.plus(o.duration());
    int needed = o.samplesNeeded(guards.interval());
    Optional<GuardEvent> stop;
    while (true) {
      guards.flush();
      stop = guards.action();
      Instant now = s.clock().instant();
      int samples = guards.samplesSince(from);
      if (stop.isPresent() || !now.isBefore(end) && samples >= needed) {
        break;
      }
      String asked = s.rollbackAsked();
      if (asked != null) {
        record(e, o, from, "stopped: a person asked to roll back", null);
        throw new StepFailure("stopped while observing: " + asked, false);
      }
      if (!now.isBefore(giveUp)) {
        String why = "observe saw " + samples + " sample(s) of every guarded metric in "
            + Duration.between(from, now).toMillis() + " ms, needs " + needed + ": the guards cannot vouch for it";
        record(e, o, from, "too few samples", null);
        throw new StepFailure(why, false);
      }
      Duration left = now.isBefore(end) ? Duration.between(now, end) : Duration.ZERO;
      s.listener().observing(e.step.id(), left, o.duration(), samples, needed, lines(guards.summary(from)));
      sleep(min(left.isZero() ? guards.interval() : left, TICK));
    }
    if (stop.isEmpty()) {
      record(e, o, from, "passed", null);
      return pass(e);
    }
    GuardEvent breach = stop.get();
    if (breach.rule().action() == GuardRule.Action.ROLLBACK) {
      record(e, o, from, "stopped by guard", breach);
      throw new StepFailure("stopped by guard while observing: " + breach.describe(), false);
    }
    Decision d = decisions.gate(playbook, new GateStep(o.id(), o.title(), o.intent(), "A guard breached while "
        + "observing '" + o.id() + "': " + breach.describe() + ". Go on with the change?", false, o.line()),
        s.db().spec());
    e.actor = d.actor() == null ? s.run().operator() : d.actor();
    Map<String, Object> decided = new LinkedHashMap<>();
    decided.put("decision", d.approved() ? "approved" : "declined");
    decided.put("prompt", "go on despite: " + breach.describe());
    if (d.reason() != null) {
      decided.put("reason", d.reason());
    }
    s.event(s.control(), EventType.GATE_DECIDED, o.id(), e.actor, decided);
    if (d.approved()) {
      guards.acknowledge(breach);
      record(e, o, from, "went on after a guard breach", breach);
      return pass(e);
    }
    record(e, o, from, "paused by guard", breach);
    e.state = StepState.PENDING;
    e.note("a guard breached while observing; not confirmed" + (d.reason() == null ? "" : ": " + d.reason()));
    s.saveStep(e);
    s.note("stopped at observe step '" + o.id() + "': " + breach.describe());
    return StepWalk.Outcome.STOP;
  }

  /**
   * Waits until every replica of the target has applied what the primary had written when the step began; records
   * the wait (OBSERVED, verdict and position) and fails the step, naming each replica still behind, at the timeout.
   */
  private void waitForReplicas(StepExec e, ObserveStep o) throws SQLException, StepFailure {
    List<ReplicaSpec> replicas = s.db().replicas();
    Map<String, Object> d = new LinkedHashMap<>();
    String line;
    boolean ok;
    if (replicas.isEmpty()) {
      ok = true;
      line = "no replicas are listed for target '" + s.db().spec().name() + "': nothing to wait for";
    } else {
      ReplicaCatchUp.Result r;
      try (Connection c = s.db().connection()) {
        r = new ReplicaCatchUp(s.clock(), s.sleeper()::sleep).await(c, replicas, o.waitForReplicas());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new StepFailure("interrupted while waiting for the replicas", false);
      }
      ok = r.caughtUp();
      line = r.describe();
      d.put("position", r.position());
      d.put("waited_ms", r.took().toMillis());
      d.put("behind", r.behind());
    }
    d.put("verdict", ok ? "replicas caught up" : "replicas behind");
    d.put("replicas", replicas.stream().map(ReplicaSpec::name).toList());
    d.put("timeout_ms", o.waitForReplicas().toMillis());
    e.detail.put("replicas", line);
    s.event(s.control(), EventType.OBSERVED, o.id(), e.actor, d);
    s.listener().note("observe '" + o.id() + "': " + line);
    if (!ok) {
      throw new StepFailure(line, false);
    }
  }

  private StepWalk.Outcome pass(StepExec e) throws SQLException {
    s.finishStep(s.control(), e, Direction.FORWARD);
    return StepWalk.Outcome.DONE;
  }

  /** The OBSERVED event and the step's detail: the verdict and each guard's samples since {@code from}. */
  private void record(StepExec e, ObserveStep o, Instant from, String verdict, GuardEvent breach)
      throws SQLException {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("verdict", verdict);
    d.put("duration_ms", o.duration().toMillis());
    d.put("observed_ms", Duration.between(from, s.clock().instant()).toMillis());
    d.put("samples_needed", o.samplesNeeded(s.guards().interval()));
    List<Map<String, Object>> rules = new ArrayList<>();
    for (GuardMonitor.RuleSummary r : s.guards().summary(from)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", r.rule().describe());
      m.put("metric", r.rule().metric());
      m.put("samples", r.samples());
      m.put("p50", GuardHook.round(r.p50()));
      m.put("p95", GuardHook.round(r.p95()));
      m.put("max", GuardHook.round(r.max()));
      m.put("threshold", GuardHook.round(r.threshold()));
      m.put("baseline", GuardHook.round(r.baseline()));
      m.put("above", r.above());
      m.put("sustained", r.sustained());
      rules.add(m);
    }
    d.put("guards", rules);
    if (breach != null) {
      d.put("breach", breach.describe());
    }
    e.detail.put("observed", verdict);
    e.detail.put("samples", rules.stream().mapToInt(m -> (int) m.get("samples")).min().orElse(0));
    s.event(s.control(), EventType.OBSERVED, o.id(), e.actor, d);
    s.listener().note("observe '" + o.id() + "': " + verdict + " — " + String.join("; ",
        lines(s.guards().summary(from))));
  }

  /** One line per guard for people: {@code canary_ms p50 12.0 · max 31.0 (threshold 30.0) · 3 of 40 above}. */
  static List<String> lines(List<GuardMonitor.RuleSummary> summary) {
    return summary.stream().map(r -> String.format(Locale.ROOT, "%s p50 %.1f · max %.1f (threshold %.1f) · %d of %d "
        + "above%s", r.rule().metric(), r.p50(), r.max(), r.threshold(), r.above(), r.samples(),
        r.sustained() ? " · SUSTAINED" : "")).toList();
  }

  private void sleep(Duration d) throws StepFailure {
    try {
      s.sleeper().sleep(d, s.rollbackWaker());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new StepFailure("interrupted while observing", false);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
