package backstep.engine;

import backstep.ledger.EventType;
import backstep.playbook.FlagStep;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import backstep.state.StepState;
import java.sql.SQLException;
import java.util.Map;

/**
 * What walking a run's steps in either direction shares: the step runners, starting a step, running an SQL or flag
 * step (on the work connection, through its runner) and recording a failed one. Step rows and events go to the
 * control connection, or into the step's own transaction where {@link RunSession#recordInStep} says so.
 */
abstract class StepWalk {
  /** How one step ended: done, stopped for a person (gate or manual step), or failed. */
  enum Outcome { DONE, STOP, FAILED }

  final RunSession s;
  final StepExec[] steps;
  final SqlStepRunner sql;
  final FlagRunner flags;
  final SnapshotRunner snapshots;
  final OperatorSteps people;

  StepWalk(RunSession s, StepExec[] steps, FlagRunner flags, SnapshotRunner snapshots, OperatorSteps people) {
    this.s = s;
    this.steps = steps;
    this.sql = s.sql();
    this.flags = flags;
    this.snapshots = snapshots;
    this.people = people;
  }

  /** Tells the listener step {@code i} starts and stamps it as this run's operator's. */
  void start(int i, StepExec e, Direction dir) {
    s.listener().stepStarted(i, steps.length, e.step.id(), e.step.title(), dir);
    e.startedAt = s.clock().instant();
    e.endedAt = null; // a step rolled back after it was applied: its duration is the rollback's, not negative
    e.actor = s.run().operator();
    e.detail.remove("note");
  }

  /**
   * Runs an SQL or flag step in {@code dir}; a step that does not run in one transaction is recorded as started
   * (with {@code started} as the event's detail) and finished on the control connection around it.
   */
  void execute(StepExec e, Direction dir, Map<String, Object> started) throws StepFailure, SQLException {
    Step step = e.step;
    if (!transactional(step)) {
      s.progress(e, EventType.STEP_STARTED, started);
    }
    if (step instanceof SqlStep) {
      if (dir == Direction.FORWARD) {
        sql.forward(e);
      } else {
        sql.rollback(e);
      }
      if (!transactional(step)) {
        s.finishStep(s.control(), e, dir);
      }
    } else if (dir == Direction.FORWARD) {
      flags.forward(e);
    } else {
      flags.rollback(e);
    }
  }

  private boolean transactional(Step step) {
    return step instanceof FlagStep
        || step instanceof SqlStep q && q.runsInOneTransaction(s.dialect().family(), s.dialect().transactionalDdl());
  }

  void fail(StepExec e, StepFailure f, Direction dir) throws SQLException {
    e.state = dir == Direction.FORWARD ? StepState.FAILED : StepState.ROLLBACK_FAILED;
    e.endedAt = s.clock().instant();
    e.error = f.getMessage();
    s.error("step '" + e.step.id() + "': " + f.getMessage());
    if (f.connectionLost()) {
      s.note("the step's connection was lost; the ledger records what is known to have committed");
    }
    s.saveStep(e);
    s.event(s.control(), dir == Direction.FORWARD ? EventType.STEP_FAILED : EventType.STEP_ROLLBACK_FAILED,
        e.step.id(), e.actor, Map.of("error", f.getMessage(), "statements_done", e.statementsDone, "attempts",
            e.attempts));
  }
}
