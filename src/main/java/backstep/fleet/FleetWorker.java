package backstep.fleet;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One worker on one fleet run: claims a member, applies the playbook there through the engine (renewing its lease
 * while it runs), records the outcome; a member whose previous holder's lease expired is first re-checked in the
 * member's own ledger (applied: kept; half-applied: resumed; never started: applied). When the failure budget is
 * exceeded it stops claiming; once no member is held by a live lease, one worker takes the fleet's lease and rolls
 * back every member that moved, newest first, each proven by the engine.
 */
final class FleetWorker {
  private static final long POLL_MS = 100;
  /** An idle worker polls less and less often, up to this: waiting workers should not load the central ledger. */
  private static final long MAX_POLL_MS = 1000;
  /** A member's run reports to its own ledger; the fleet's progress lines say what matters across members. */
  private static final RunListener QUIET = new RunListener() {};
  private final Fleet fleet;
  private final FleetStore store;
  private final String id;
  private final long leaseMs;
  private final String owner;
  private final Engine engine;
  private Playbook pb;
  private long poll = POLL_MS;
  private boolean gateNoted;

  FleetWorker(Fleet fleet, String id, Duration lease, String owner) {
    this.fleet = fleet;
    this.store = fleet.store();
    this.id = id;
    this.leaseMs = lease.toMillis();
    this.owner = owner;
    this.engine = new Engine(fleet.clock(), Sleeper.REAL, Runnable::run);
  }

  void run() throws SQLException, EngineException {
    FleetStore.FleetRun run = store.run(id).orElseThrow(() -> new EngineException(EngineException.INVALID,
        "no fleet run '" + id + "' in the central ledger"));
    pb = playbook(run);
    while (true) {
      run = store.run(id).orElseThrow();
      long now = now();
      switch (run.state()) {
        case RUNNING -> {
          Optional<FleetStore.Claim> claim = store.claim(id, owner, now, now + leaseMs);
          if (claim.isPresent()) {
            poll = POLL_MS;
            process(claim.get(), run);
          } else if (!holdCanary(run) && !finishIfDone()) {
            pause();
          }
        }
        case CANARY_OBSERVING -> {
          if (store.fleetLease(id, owner, now, now + leaseMs)) {
            new CanaryObserver(fleet, store, id, owner, leaseMs, pb).observe(run);
          } else {
            pause();
          }
        }
        case CANARY_GATE -> {
          if (!gateNoted) {
            gateNoted = true;
            fleet.note("fleet run " + id + ": the canary waits at its gate; let the waves start with `backstep "
                + "fleet approve --fleet-run " + id + "`, or undo it with `backstep fleet rollback --fleet-run " + id
                + "`");
          }
          pause();
        }
        case ROLLING_BACK -> {
          boolean held = store.members(id).stream().anyMatch(m -> m.state() == MemberState.RUNNING
              && m.leaseUntilMs() >= now);
          if (!held && store.fleetLease(id, owner, now, now + leaseMs)) {
            rollbackAll();
          } else {
            pause();
          }
        }
        case PREFLIGHT -> pause();
        default -> {
          return;
        }
      }
    }
  }

  private Playbook playbook(FleetStore.FleetRun run) throws SQLException, EngineException {
    String text = store.playbookText(id);
    if (!PlaybookLoader.checksum(text).equals(run.playbookSha256())) {
      throw new EngineException(EngineException.INVALID, "the playbook stored with fleet run " + id
          + " does not match its recorded SHA-256: the central ledger was altered; refusing to act on it");
    }
    try {
      return PlaybookLoader.forRecordedRun().parse(Path.of(run.playbookPath() == null ? "ledger"
          : run.playbookPath()), text);
    } catch (InvalidFileException e) {
      throw new EngineException(EngineException.INVALID, "the playbook stored with fleet run " + id
          + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Holds a RUNNING fleet whose canary is done when its group says what comes between the canary and the waves:
   * a soak under the guards (CANARY_OBSERVING) or a gate (CANARY_GATE). False when there is nothing to hold (yet).
   */
  private boolean holdCanary(FleetStore.FleetRun run) throws SQLException {
    if (!run.canaryHeld()) {
      return false;
    }
    List<FleetStore.Member> wave0 = store.members(id).stream().filter(m -> m.wave() == 0).toList();
    if (wave0.stream().anyMatch(m -> m.state() == MemberState.PENDING || m.state() == MemberState.RUNNING
        || m.state() == MemberState.FAILED)) {
      return false;
    }
    boolean soak = run.hold().observe() != null;
    if (store.moveRun(id, List.of(FleetState.RUNNING), soak ? FleetState.CANARY_OBSERVING : FleetState.CANARY_GATE,
        null, soak ? FleetEventType.CANARY_OBSERVING : FleetEventType.CANARY_GATE_WAITING, owner,
        Json.compact(run.hold().toMap()))) {
      fleet.note("fleet run " + id + ": canary done; " + run.hold().describe() + " before the first wave");
    }
    return true;
  }

  /** Settles a RUNNING fleet whose members are all done; false when some are still to do. */
  private boolean finishIfDone() throws SQLException {
    List<FleetStore.Member> ms = store.members(id);
    if (ms.stream().anyMatch(m -> m.state() == MemberState.PENDING || m.state() == MemberState.RUNNING
        || m.state() == MemberState.FAILED)) {
      return false;
    }
    long failed = ms.stream().filter(m -> m.state() != MemberState.APPLIED).count();
    FleetState end = failed == 0 ? FleetState.APPLIED : FleetState.APPLIED_WITH_FAILURES;
    if (store.moveRun(id, List.of(FleetState.RUNNING), end, null, FleetEventType.FLEET_APPLIED, owner,
        Json.compact(Map.of("state", end.name(), "applied", ms.size() - failed, "failed", failed)))) {
      fleet.note("fleet run " + id + ": " + end);
    }
    return true;
  }

  private void process(FleetStore.Claim claim, FleetStore.FleetRun run) throws SQLException {
    FleetStore.Member m = claim.member();
    fleet.note("  " + owner + ": " + (claim.recheck() ? "re-checking " : "applying ") + m.member() + " (wave "
        + m.wave() + (m.wave() == 0 ? ", canary" : "") + ")");
    try (Lease lease = new Lease(m.member()); Database db = fleet.members().open(m.member())) {
      RunOptions o = new RunOptions(fleet.operator(), null, null, null, m.changeId())
          .withTags(Map.of("fleet_run", id, "fleet_group", run.group()));
      RunResult r;
      if (claim.recheck()) {
        Optional<RunRecord> found = recorded(db, m.changeId());
        store.event(id, FleetEventType.MEMBER_RECHECKED, m.member(), owner, Json.compact(Map.of("found",
            found.<Object>map(RunRecord::state).orElse("no run"))));
        if (found.isPresent() && found.get().state() == RunState.APPLIED) {
          applied(m, found.get().runId(), "found applied by the previous holder; not applied again");
          return;
        }
        if (found.isPresent() && !found.get().state().settled()) {
          fleet.memberStarting(m.member());
          r = Engine.join(engine.resume(db, pb, new RunOptions(fleet.operator(), null, null, found.get().runId(),
              null), fleet.decisions(), QUIET));
        } else if (found.isPresent()) {
          failed(m, run, found.get().runId(), "its run " + found.get().changeId() + " is "
              + found.get().state().words());
          return;
        } else {
          fleet.memberStarting(m.member());
          r = Engine.join(engine.apply(db, pb, o, fleet.decisions(), QUIET));
        }
      } else {
        fleet.memberStarting(m.member());
        r = Engine.join(engine.apply(db, pb, o, fleet.decisions(), QUIET));
      }
      if (r.state() == RunState.APPLIED) {
        applied(m, r.runId(), null);
      } else {
        failed(m, run, r.runId(), "its run " + r.changeId() + " ended " + r.state() + (r.error() == null ? ""
            : ": " + r.error()));
      }
    } catch (EngineException e) {
      if (claim.recheck() && e.code() == EngineException.BUSY) {
        fleet.note("  " + owner + ": " + m.member() + " is still locked by another session; trying later");
        store.release(id, m.member(), owner);
        pause();
        return;
      }
      failed(m, run, null, e.getMessage());
    }
  }

  private void applied(FleetStore.Member m, String runId, String note) throws SQLException {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("run_id", runId);
    d.put("change_id", m.changeId());
    if (note != null) {
      d.put("note", note);
    }
    store.settleMember(id, m.member(), MemberState.APPLIED, runId, null, null, FleetEventType.MEMBER_APPLIED, owner,
        Json.compact(d));
    fleet.note("  " + owner + ": " + m.member() + " APPLIED" + (note == null ? "" : " (" + note + ")"));
  }

  private void failed(FleetStore.Member m, FleetStore.FleetRun run, String runId, String error) throws SQLException {
    int failures = store.settleMember(id, m.member(), MemberState.FAILED, runId, error, null,
        FleetEventType.MEMBER_FAILED, owner, Json.compact(Map.of("error", error)));
    fleet.note("  " + owner + ": " + m.member() + " FAILED: " + error);
    if (failures > run.failureBudget()) {
      if (store.moveRun(id, List.of(FleetState.RUNNING), FleetState.ROLLING_BACK, "member " + m.member()
          + " failed (" + failures + " failure(s), budget " + run.failureBudget() + "): " + error,
          FleetEventType.BUDGET_EXCEEDED, owner, Json.compact(Map.of("member", m.member(), "failures", failures,
              "failure_budget", run.failureBudget())))) {
        fleet.note("fleet run " + id + ": failure budget " + run.failureBudget() + " exceeded; no member starts "
            + "any more, the running ones finish, then every member that moved is rolled back, newest first");
      }
    } else {
      fleet.note("  " + m.member() + ": within the failure budget (" + failures + " of " + run.failureBudget()
          + "); rolling it back on its own");
      rollbackMember(store.members(id).stream().filter(x -> x.member().equals(m.member())).findFirst()
          .orElseThrow());
    }
  }

  /** Rolls back every member that moved, newest first; members never started are marked so. */
  private void rollbackAll() throws SQLException {
    List<FleetStore.Member> ms = store.members(id).stream()
        .sorted(Comparator.comparingLong(FleetStore.Member::movedSeq).reversed()).toList();
    boolean ok = true;
    for (FleetStore.Member m : ms) {
      long now = now();
      if (!store.fleetLease(id, owner, now, now + leaseMs)) {
        return; // another worker holds the fleet now
      }
      switch (m.state()) {
        case PENDING -> store.settleMember(id, m.member(), MemberState.NOT_STARTED, null, null, null,
            FleetEventType.MEMBER_NOT_STARTED, owner, null);
        case APPLIED, FAILED, RUNNING, ROLLING_BACK, ROLLBACK_FAILED -> ok &= rollbackMember(m);
        default -> {
          // ROLLED_BACK or NOT_STARTED: nothing to do
        }
      }
    }
    FleetState end = ok ? FleetState.ROLLED_BACK : FleetState.ROLLBACK_FAILED;
    if (store.moveRun(id, List.of(FleetState.ROLLING_BACK), end, null, FleetEventType.FLEET_ROLLED_BACK, owner,
        Json.compact(Map.of("state", end.name())))) {
      fleet.note("fleet run " + id + ": " + end);
    }
  }

  /** Rolls one member back through the engine; true when it ended rolled back and not with differences. */
  private boolean rollbackMember(FleetStore.Member m) throws SQLException {
    store.markRollingBack(id, m.member());
    try (Database db = fleet.members().open(m.member())) {
      Optional<RunRecord> found = recorded(db, m.changeId());
      if (found.isEmpty()) {
        store.settleMember(id, m.member(), MemberState.NOT_STARTED, null, m.error(), "nothing recorded: never moved",
            FleetEventType.MEMBER_NOT_STARTED, owner, null);
        return true;
      }
      RunState state = found.get().state();
      if (state == RunState.ROLLED_BACK || state == RunState.ABORTED) {
        store.settleMember(id, m.member(), MemberState.ROLLED_BACK, found.get().runId(), m.error(),
            "nothing to undo: its run is " + state.words(), FleetEventType.MEMBER_ROLLED_BACK, owner, null);
        return true;
      }
      RunResult r = Engine.join(engine.rollback(db, null, new RunOptions(fleet.operator(), null, null,
          found.get().runId(), null), fleet.decisions(), QUIET));
      String proof = r.proof() == null ? "unproven" : r.proof().describe();
      boolean ok = r.state() == RunState.ROLLED_BACK && !r.different();
      store.settleMember(id, m.member(), ok ? MemberState.ROLLED_BACK : MemberState.ROLLBACK_FAILED, r.runId(),
          ok ? m.error() : r.error(), proof, ok ? FleetEventType.MEMBER_ROLLED_BACK
              : FleetEventType.MEMBER_ROLLBACK_FAILED, owner, Json.compact(Map.of("run_id", r.runId(),
              "state", r.state().name(), "proof", proof)));
      fleet.note("  " + owner + ": " + m.member() + " " + (ok ? "ROLLED BACK" : "ROLLBACK FAILED") + ", " + proof);
      return ok;
    } catch (EngineException e) {
      store.settleMember(id, m.member(), MemberState.ROLLBACK_FAILED, null, e.getMessage(), null,
          FleetEventType.MEMBER_ROLLBACK_FAILED, owner, Json.compact(Map.of("error", e.getMessage())));
      fleet.note("  " + owner + ": " + m.member() + " ROLLBACK FAILED: " + e.getMessage());
      return false;
    }
  }

  /** The member's run of this fleet, by its change id, from the member's own ledger. */
  private static Optional<RunRecord> recorded(Database db, String changeId) throws SQLException {
    Ledger ledger = new Ledger(db);
    try (Connection c = ledger.connection()) {
      return ledger.exists(c) ? ledger.run(c, changeId) : Optional.empty();
    }
  }

  private long now() {
    return fleet.clock().millis();
  }

  private void pause() {
    try {
      Thread.sleep(poll);
      poll = Math.min(MAX_POLL_MS, poll * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Renews this worker's lease on a member every third of the lease while the member runs. */
  private final class Lease implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "backstep-fleet-lease");
      t.setDaemon(true);
      return t;
    });

    Lease(String member) {
      long every = Math.max(50, leaseMs / 3);
      timer.scheduleAtFixedRate(() -> {
        try {
          if (!store.renew(id, member, owner, now() + leaseMs)) {
            fleet.note("  " + owner + ": lost the lease on " + member);
          }
        } catch (SQLException e) {
          fleet.note("  " + owner + ": could not renew the lease on " + member + ": " + e.getMessage());
        }
      }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
