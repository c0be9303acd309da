package backstep.fleet;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.engine.GuardSoak;
import backstep.engine.Sleeper;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The soak between a fleet's canary and its first wave, run by the worker holding the fleet run's lease: every
 * applied canary member is watched at once by the playbook's guards ({@link GuardSoak}, against the baselines its
 * preflight measured before anything changed) for the group's {@code after_canary.observe}. All passed: the waves
 * start (or the gate waits). A guard that fired with action rollback, or too few samples, turns the fleet around:
 * every member that moved is rolled back. A guard that fired with action pause sends the fleet to its gate, for a
 * person to decide with {@code fleet approve} or {@code fleet rollback}. Each member's verdict is a
 * {@code CANARY_OBSERVED} event with one line per guard.
 */
final class CanaryObserver {
  private final Fleet fleet;
  private final FleetStore store;
  private final String id;
  private final String owner;
  private final long leaseMs;
  private final Playbook pb;
  private volatile boolean stopped;

  CanaryObserver(Fleet fleet, FleetStore store, String id, String owner, long leaseMs, Playbook pb) {
    this.fleet = fleet;
    this.store = store;
    this.id = id;
    this.owner = owner;
    this.leaseMs = leaseMs;
    this.pb = pb;
  }

  /** A member's soak, or why it could not be soaked. */
  private record Outcome(String member, GuardSoak.Result result, String error) {
    boolean passed() {
      return result != null && result.verdict() == GuardSoak.Verdict.PASSED;
    }

    String words() {
      return result == null ? "could not be observed: " + error : result.words();
    }
  }

  void observe(FleetStore.FleetRun run) throws SQLException {
    CanaryHold hold = run.hold();
    List<FleetStore.Member> canary = store.members(id).stream().filter(m -> m.wave() == 0
        && m.state() == MemberState.APPLIED).toList();
    Duration left = left(hold);
    fleet.note("fleet run " + id + ": observing the canary (" + String.join(", ", canary.stream()
        .map(FleetStore.Member::member).toList()) + ") for " + hold.observe().toMillis() + " ms under its guards"
        + (left.equals(hold.observe()) ? "" : "; continuing the soak a previous worker started: " + left.toMillis()
        + " ms of " + hold.observe().toMillis() + " left"));
    List<Outcome> outcomes;
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "backstep-fleet-observe-lease");
      t.setDaemon(true);
      return t;
    });
    try {
      long every = Math.max(50, leaseMs / 3);
      timer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
      outcomes = Fleet.parallel(canary, Math.max(1, canary.size()), m -> soak(m, hold, left));
    } finally {
      timer.shutdownNow();
    }
    if (stopped || outcomes.stream().anyMatch(o -> o.result() != null
        && o.result().verdict() == GuardSoak.Verdict.STOPPED)) {
      fleet.note("fleet run " + id + ": the canary's soak stopped: the fleet run moved on meanwhile");
      return;
    }
    for (Outcome o : outcomes) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("verdict", o.result() == null ? "ERROR" : o.result().verdict().name());
      d.put("words", o.words());
      if (o.result() != null) {
        d.put("samples", o.result().samples());
        d.put("guards", o.result().guards());
      }
      store.event(id, FleetEventType.CANARY_OBSERVED, o.member(), owner, Json.compact(d));
      fleet.note("  " + owner + ": canary " + o.member() + " " + o.words());
    }
    decide(hold, outcomes);
  }

  private void decide(CanaryHold hold, List<Outcome> outcomes) throws SQLException {
    List<Outcome> failed = outcomes.stream().filter(o -> !o.passed() && (o.result() == null
        || o.result().verdict() != GuardSoak.Verdict.PAUSE)).toList();
    List<Outcome> paused = outcomes.stream().filter(o -> o.result() != null
        && o.result().verdict() == GuardSoak.Verdict.PAUSE).toList();
    if (!failed.isEmpty()) {
      String why = "canary " + failed.get(0).member() + " " + failed.get(0).words();
      if (store.moveRun(id, List.of(FleetState.CANARY_OBSERVING), FleetState.ROLLING_BACK, why,
          FleetEventType.CANARY_FAILED, owner, Json.compact(Map.of("members", failed.stream().map(Outcome::member)
              .toList(), "reason", why)))) {
        fleet.note("fleet run " + id + ": " + why + "; no wave starts, every member that moved is rolled back");
      }
    } else if (!paused.isEmpty() || hold.gate() != CanaryHold.Gate.NONE) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("gate", hold.gate().word());
      if (!paused.isEmpty()) {
        d.put("breach", paused.get(0).member() + ": " + paused.get(0).words());
      }
      store.moveRun(id, List.of(FleetState.CANARY_OBSERVING), FleetState.CANARY_GATE, null,
          FleetEventType.CANARY_GATE_WAITING, owner, Json.compact(d));
    } else if (store.passCanary(id, List.of(FleetState.CANARY_OBSERVING), FleetEventType.CANARY_PASSED, owner,
        Json.compact(Map.of("observed", outcomes.size())))) {
      fleet.note("fleet run " + id + ": the canary passed its soak; the waves start");
    }
  }

  /**
   * How long the soak still has to run: all of {@code observe} when this worker starts it, else what is left since
   * the fleet run turned CANARY_OBSERVING (its event's time in the central ledger): a worker taking over from one
   * that died continues the soak instead of starting it again. The samples the dead worker took are gone, so each
   * member is still watched for at least its guards' longest window ({@link #soak}).
   */
  private Duration left(CanaryHold hold) throws SQLException {
    java.time.Instant started = null;
    for (FleetStore.Event e : store.events(id)) {
      if (e.type().equals(FleetEventType.CANARY_OBSERVING.name())) {
        started = e.at();
      }
    }
    if (started == null) {
      return hold.observe();
    }
    Duration elapsed = Duration.between(started, fleet.clock().instant());
    return elapsed.compareTo(Duration.ofSeconds(1)) < 0 ? hold.observe()
        : hold.observe().minus(elapsed).isNegative() ? Duration.ZERO : hold.observe().minus(elapsed);
  }

  private Outcome soak(FleetStore.Member m, CanaryHold hold, Duration left) {
    try (Database db = fleet.members().open(m.member())) {
      Duration floor = GuardSoak.monitoring(pb, db).guards().stream().flatMap(g -> java.util.stream.Stream.of(
          g.window(), g.over())).filter(java.util.Objects::nonNull).max(Duration::compareTo).orElse(Duration.ZERO);
      floor = floor.compareTo(hold.observe()) > 0 ? hold.observe() : floor;
      Duration d = left.compareTo(floor) < 0 ? floor : left;
      int min = hold.minSamples() <= 0 || d.equals(hold.observe()) ? hold.minSamples()
          : (int) Math.max(1, Math.ceil(hold.minSamples() * (double) d.toMillis() / hold.observe().toMillis()));
      GuardSoak.Result r = GuardSoak.soak(db, pb, baselines(m.baselines()), d, min,
          fleet.clock(), Sleeper.REAL, () -> stopped, lines -> { });
      return new Outcome(m.member(), r, null);
    } catch (EngineException e) {
      return new Outcome(m.member(), null, e.getMessage());
    } catch (SQLException e) {
      return new Outcome(m.member(), null, "database error: " + e.getMessage());
    }
  }

  /** Renews the fleet lease; stops the soak when the fleet run left CANARY_OBSERVING or the lease was lost. */
  private void renew() {
    try {
      long now = fleet.clock().millis();
      boolean held = store.fleetLease(id, owner, now, now + leaseMs);
      FleetState s = store.run(id).map(FleetStore.FleetRun::state).orElse(FleetState.ROLLING_BACK);
      if (!held || s != FleetState.CANARY_OBSERVING) {
        stopped = true;
      }
    } catch (SQLException e) {
      fleet.note("  " + owner + ": could not renew the fleet lease while observing: " + e.getMessage());
    }
  }

  private static List<Double> baselines(String json) {
    List<Double> out = new ArrayList<>();
    if (json == null) {
      return out;
    }
    try {
      for (Object v : Json.MAPPER.readValue(json, List.class)) {
        out.add(v == null ? Double.NaN : ((Number) v).doubleValue());
      }
    } catch (java.io.IOException e) {
      // unreadable baselines: relative guards never fire, absolute ones still do (said in fleet.md)
      backstep.db.DebugLog.ignored(CanaryObserver.class, "fleet_member.baselines unreadable", e);
    }
    return out;
  }
}
