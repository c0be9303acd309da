package backstep.engine;

import backstep.ledger.EventType;
import backstep.playbook.GateStep;
import backstep.playbook.ObserveStep;
import backstep.playbook.ManualStep;
import backstep.playbook.RollbackMode;
import backstep.playbook.SnapshotStep;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.playbook.Step;
import backstep.state.RunState;
import backstep.state.StepState;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Walks a run's steps back, newest first: undoes only what this run put in effect, proves recovery points unchanged
 * before SQL restores from them, and runs rollback SQL on the work connection; each step's row and events go to the
 * control connection or into the step's own transaction.
 */
final class RollbackWalk extends StepWalk {
  RollbackWalk(RunSession s, StepExec[] steps, FlagRunner flags, SnapshotRunner snapshots, OperatorSteps people) {
    super(s, steps, flags, snapshots, people);
  }

  /** Undoes, newest first, every step after {@code keep} whose effect belongs to this run. */
  RunState run(int keep) throws SQLException {
    sql.verifier().forget();
    for (int i = steps.length - 1; i > keep; i--) {
      StepExec e = steps[i];
      if (!undoes(e)) {
        if (e.state == StepState.SKIPPED) {
          s.note("step '" + e.step.id() + "' was found in place before this change; left as it is");
        } else if (e.state == StepState.RUNNING) { // interrupted before any of it committed: nothing to undo
          rolledBack(e, "interrupted before any of its statements committed: nothing to undo");
        }
        continue;
      }
      start(i, e, Direction.ROLLBACK);
      try {
        sql.verifier().precheckNext(prechecked(i, keep));
        step(e);
      } catch (StepFailure f) {
        fail(e, f, Direction.ROLLBACK);
        s.listener().stepFinished(e.result(), Direction.ROLLBACK);
        return RunState.ROLLBACK_FAILED;
      }
      s.listener().stepFinished(e.result(), Direction.ROLLBACK);
      if (e.state != StepState.ROLLED_BACK) {
        return RunState.PAUSED;
      }
      List<String> residue = e.words(StepExec.RESIDUE);
      if (!residue.isEmpty()) {
        s.note("⚠ step '" + e.step.id() + "': its rollback left " + residue.size() + " difference(s) from before "
            + "the step: " + String.join("; ", residue));
        s.event(s.control(), EventType.STEP_DEVIATION, e.step.id(), e.actor, Map.of("residue", residue));
      }
    }
    return keep < 0 ? RunState.ROLLED_BACK : RunState.PAUSED;
  }

  private void step(StepExec e) throws StepFailure, SQLException {
    Step step = e.step;
    if (step instanceof SnapshotStep) {
      rolledBack(e, "recovery point kept: " + e.detail.get("copy") + " (drop it with `backstep recovery drop` once "
          + "the change is signed off)");
      return;
    }
    if (step instanceof SqlStep sqlStep) {
      if (sqlStep.rollbackMode() == RollbackMode.NONE) {
        throw new StepFailure("step '" + step.id() + "' has no rollback (rollback_mode: none): Backstep cannot undo "
            + "it; the steps before it stay applied. Undo it by hand, or write its rollback and apply a new version",
            false);
      }
      verifyRecoveryPoints(sqlStep);
    }
    if (step instanceof GateStep) {
      rolledBack(e, "gate passed on the way back");
      return;
    }
    if (step instanceof ObserveStep) {
      rolledBack(e, "observe step: nothing to undo");
      return;
    }
    if (step instanceof ManualStep m) {
      if (m.rollbackInstruction().isBlank()) {
        rolledBack(e, null);
      } else if (people.manual(e, m, Direction.ROLLBACK) == Outcome.STOP) {
        e.state = StepState.APPLIED;
        s.saveStep(e);
      }
      return;
    }
    if (checkedFirst(e)) {
      // The ledger says this run applied the step, so its rollback SQL runs whatever verify says now; a verify that
      // no longer passes is a deviation to show (something changed it since), never a reason to skip.
      SqlStepRunner.Check applied = sql.applied(e);
      if (!applied.pass()) {
        String text = "verify no longer passes before its rollback (changed since it was applied?): "
            + String.join("; ", applied.details()) + "; its rollback SQL runs anyway";
        e.deviation(text);
        s.note("⚠ step '" + e.step.id() + "': " + text);
        s.event(s.control(), EventType.STEP_DEVIATION, e.step.id(), e.actor, Map.of("deviation", text));
      }
    }
    boolean continuing = e.state == StepState.ROLLING_BACK || e.state == StepState.ROLLBACK_FAILED;
    e.rollbackDone = continuing ? e.rollbackDone : 0;
    e.rows = 0;
    e.attempts = 0;
    e.state = StepState.ROLLING_BACK;
    execute(e, Direction.ROLLBACK, Map.of("kind", step.kind(), "direction", "ROLLBACK"));
  }

  /** Whether the walk undoes {@code e} (else it passes it by). */
  private static boolean undoes(StepExec e) {
    return e.inEffect() || e.step instanceof ManualStep && e.state == StepState.APPLIED;
  }

  /** Whether undoing {@code e} begins with its verify queries (a deviation when they no longer pass). */
  private static boolean checkedFirst(StepExec e) {
    boolean fullyApplied = e.state == StepState.APPLIED || e.state == StepState.SKIPPED;
    return fullyApplied && e.step instanceof SqlStep q && !q.verify().isEmpty();
  }

  /**
   * The step the walk undoes after step {@code i}, if undoing it begins with its verify queries (so they can go with
   * step {@code i}'s commit); else null.
   */
  private StepExec prechecked(int i, int keep) {
    for (int j = i - 1; j > keep; j--) {
      StepExec e = steps[j];
      if (undoes(e)) {
        boolean undoable = e.step instanceof SqlStep q && q.rollbackMode() != RollbackMode.NONE;
        return undoable && checkedFirst(e) ? e : null;
      }
    }
    return null;
  }

  /** Marks a step with nothing to undo in the database rolled back, with an optional note. */
  private void rolledBack(StepExec e, String note) throws SQLException {
    e.state = StepState.ROLLED_BACK;
    e.endedAt = s.clock().instant();
    if (note != null) {
      e.note(note);
    }
    s.saveStep(e);
  }

  /** Before rolling back a step whose SQL restores from recovery points, proves each is unchanged. */
  private void verifyRecoveryPoints(SqlStep step) throws StepFailure {
    for (SqlText.Stmt st : step.rollback().statements(s.dialect().family())) {
      Matcher m = RunSession.RECOVERY.matcher(st.sql());
      while (m.find()) {
        for (StepExec other : steps) {
          if (other.step.id().equals(m.group(1))) {
            snapshots.verifyUnchanged(other);
          }
        }
      }
    }
  }
}
