package backstep.engine;

import backstep.guard.GuardEvent;
import backstep.ledger.EventType;
import backstep.playbook.CheckSpec;
import backstep.playbook.FlagStep;
import backstep.playbook.GateStep;
import backstep.playbook.GuardRule;
import backstep.playbook.ManualStep;
import backstep.playbook.ObserveStep;
import backstep.playbook.SnapshotStep;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import backstep.state.RunState;
import backstep.state.StepState;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a run's steps forward: stops for guards, gates, manual steps, failed checks and the operator's pause, skips
 * what verify finds already in place, and runs the rest on the work connection; each step's row and events go to the
 * control connection or into the step's own transaction.
 */
final class ForwardWalk extends StepWalk {
  ForwardWalk(RunSession s, StepExec[] steps, FlagRunner flags, SnapshotRunner snapshots, OperatorSteps people) {
    super(s, steps, flags, snapshots, people);
  }

  /** Applies steps {@code from}..{@code to} (inclusive). Returns the state the run is left in. */
  RunState run(int from, int to) throws SQLException {
    sql.verifier().forget();
    for (int i = from; i <= to; i++) {
      StepExec e = steps[i];
      if (e.state == StepState.APPLIED || e.state == StepState.SKIPPED) {
        continue;
      }
      s.guards().flush();
      Optional<GuardEvent> stop = s.guards().action();
      if (stop.isPresent()) {
        s.error("stopped by guard before step '" + e.step.id() + "': " + stop.get().describe());
        return stop.get().rule().action() == GuardRule.Action.PAUSE ? RunState.PAUSED
            : anythingInEffect() ? RunState.FAILED : RunState.ABORTED;
      }
      String asked = s.rollbackAsked();
      if (asked != null) {
        s.error("stopped before step '" + e.step.id() + "': " + asked);
        return anythingInEffect() ? RunState.FAILED : RunState.ABORTED;
      }
      start(i, e, Direction.FORWARD);
      sql.verifier().precheckNext(i < to ? prechecked(steps[i + 1]) : null);
      Outcome out = step(e);
      sql.verifier().precheckNext(null);
      if (!(e.step instanceof SqlStep && e.state == StepState.APPLIED)) {
        s.proof().dropNext(); // it did not commit what its "after" read saw: the next step reads afresh
      }
      s.listener().stepFinished(e.result(), Direction.FORWARD);
      s.guards().flush();
      if (out == Outcome.DONE && e.state == StepState.APPLIED && e.step.changesDatabase()
          && s.checks().run(CheckSpec.Phase.AFTER_STEP, e.step.id())) {
        return RunState.FAILED;
      }
      if (out == Outcome.STOP) {
        return RunState.PAUSED;
      }
      if (out == Outcome.FAILED) {
        return anythingInEffect() ? RunState.FAILED : RunState.ABORTED;
      }
      if (i < to && s.pauseRequested()) {
        s.note("paused after step '" + e.step.id() + "' at the operator's request");
        return RunState.PAUSED;
      }
    }
    return to == steps.length - 1 ? RunState.APPLIED : RunState.PAUSED;
  }

  private Outcome step(StepExec e) throws SQLException {
    Step step = e.step;
    try {
      if (step instanceof GateStep g) {
        return people.gate(e, g);
      }
      if (step instanceof ManualStep m) {
        return people.manual(e, m, Direction.FORWARD);
      }
      if (step instanceof ObserveStep o) {
        return people.observe(e, o);
      }
      if (step instanceof SnapshotStep) {
        e.state = StepState.RUNNING;
        snapshots.forward(e);
        return Outcome.DONE;
      }
      boolean partial = partial(e);
      boolean owned = owned(e);
      // The ledger decides what is applied: a step an earlier, still-applied run of this playbook applied is skipped
      // as its own; otherwise only a verify that passes before the step ran can say it is in place, and a step
      // without verify always runs.
      SqlStepRunner.Check already = partial ? new SqlStepRunner.Check(false, List.of())
          : owned ? new SqlStepRunner.Check(true, List.of())
          : step instanceof SqlStep q ? (q.verify().isEmpty() ? new SqlStepRunner.Check(false, List.of())
              : sql.applied(e))
          : flags.applied((FlagStep) step);
      if (already.pass()) {
        skip(e, already.details());
        return Outcome.DONE;
      }
      if (step instanceof SqlStep) {
        beforeStep(e);
      }
      e.state = StepState.RUNNING;
      e.error = null;
      execute(e, Direction.FORWARD, Map.of("kind", step.kind()));
      return Outcome.DONE;
    } catch (StepFailure f) {
      fail(e, f, Direction.FORWARD);
      return Outcome.FAILED;
    }
  }

  private static boolean partial(StepExec e) {
    return e.statementsDone > 0 || e.detail.containsKey(SqlStepRunner.PARTIAL);
  }

  private static boolean owned(StepExec e) {
    return Boolean.TRUE.equals(e.detail.get("owned"));
  }

  /**
   * {@code e} if its turn will begin with a pre-check of its verify queries (so that can go with the commit of the
   * step before it), else null; also null when the playbook has checks, which run between steps.
   */
  private StepExec prechecked(StepExec e) {
    boolean waiting = e.state != StepState.APPLIED && e.state != StepState.SKIPPED;
    return waiting && s.checks().none() && e.step instanceof SqlStep q && !q.verify().isEmpty() && !partial(e)
        && !owned(e) ? e : null;
  }

  private void skip(StepExec e, List<String> verify) throws SQLException {
    e.state = StepState.SKIPPED;
    e.endedAt = s.clock().instant();
    boolean owned = Boolean.TRUE.equals(e.detail.get("owned"));
    String why = owned ? "already applied by an earlier run of this playbook (the ledger records it)"
        : "FOUND IN PLACE: the ledger has no record of it and its verify already passes, so it was not run; it was "
            + "not applied by Backstep and rollback will leave it";
    e.note(why);
    e.detail.put("verify", verify);
    s.saveStep(e);
    s.event(s.control(), EventType.STEP_SKIPPED, e.step.id(), e.actor, Map.of("owned", owned, "found_in_place",
        !owned, "verify", verify));
    if (!owned) {
      s.note("⚠ step '" + e.step.id() + "' " + why);
    }
  }

  /** Takes the step's "before" fingerprint; a failure to read the catalog fails the step, as any SQL error would. */
  private void beforeStep(StepExec e) throws StepFailure {
    try {
      s.proof().beforeStep(e);
    } catch (SQLException ex) {
      throw new StepFailure("cannot fingerprint the target before the step: " + RunSession.dbMessage(ex),
          backstep.db.Dialect.isConnectionLost(ex));
    }
  }

  private boolean anythingInEffect() {
    for (StepExec e : steps) {
      if (e.step.changesDatabase() && e.inEffect()) {
        return true;
      }
    }
    return false;
  }
}
