package backstep.ui.run;

import backstep.engine.Direction;
import backstep.state.RunState;
import java.util.EnumMap;
import java.util.Map;

/**
 * When each action may run, and why not when it may not: a pure function of the situation, so every disabled
 * button can say why (and it is tested without the toolkit).
 */
final class ActionPolicy {
  private ActionPolicy() {}

  /** Whether an action is available, and in plain words what it will do or why it cannot. */
  record Availability(boolean enabled, String why) {
    static Availability yes(String what) {
      return new Availability(true, what);
    }

    static Availability no(String why) {
      return new Availability(false, why);
    }
  }

  /**
   * Everything the decision depends on.
   *
   * @param targetWaiting why the target cannot be used yet (connecting, unreachable), or null when it is open
   * @param checking a preflight is in progress
   * @param problems number of validation problems of the selected file (0 when valid)
   * @param state the latest run of this playbook on the target, or null when it never ran there
   * @param interrupted that run was moving when the process running it went away
   * @param blockedBy another run (or process) holding the target, in words; null when free
   * @param nextStep the step Step forward would apply ("3 · Backfill in batches"), or null
   */
  record Situation(boolean hasPlaybook, int problems, String targetName, String targetWaiting, boolean checking,
      boolean working, Direction direction, boolean pauseRequested, RunState state, boolean interrupted,
      boolean preflightPassed,
      String blockedBy, String nextStep) {}

  static Map<Action, Availability> evaluate(Situation s) {
    Map<Action, Availability> m = new EnumMap<>(Action.class);
    String common = common(s);
    m.put(Action.PAUSE, pause(s));
    if (common != null) {
      for (Action a : Action.values()) {
        if (a != Action.PAUSE) {
          m.put(a, Availability.no(common));
        }
      }
      if (s.working() && s.direction() == Direction.FORWARD) {
        m.put(Action.ROLLBACK, Availability.yes("Stop the run now and roll it back: cancel the step's statement, "
            + "even one waiting on a lock, start no other step, then undo every applied step, newest first, each "
            + "verified, the rollback proven (F12)"));
      }
      return m;
    }
    m.put(Action.PREFLIGHT, Availability.yes("Validate the playbook file again and check that it can run on "
        + s.targetName() + ": SQL for its database, connection, run lock, no half-applied run"));
    m.put(Action.STEP_FORWARD, forward(s, true));
    m.put(Action.RUN_TO_END, forward(s, false));
    m.put(Action.ROLLBACK, rollback(s));
    m.put(Action.RESUME, resume(s));
    return m;
  }

  private static String common(Situation s) {
    if (!s.hasPlaybook()) {
      return "Pick a playbook in the library first";
    }
    if (s.problems() > 0) {
      return "The playbook file has " + s.problems() + (s.problems() == 1 ? " problem" : " problems")
          + ": fix it first (see the Playbook tab)";
    }
    if (s.targetWaiting() != null) {
      return "Target " + s.targetName() + " is not ready: " + s.targetWaiting();
    }
    if (s.working()) {
      return s.direction() == Direction.ROLLBACK ? "A rollback is in progress"
          : "A run is in progress (F9 pauses it after the current step)";
    }
    if (s.checking()) {
      return "Preflight is checking the playbook and the target";
    }
    return null;
  }

  private static Availability pause(Situation s) {
    if (!s.working()) {
      return Availability.no("Nothing is running");
    }
    if (s.direction() == Direction.ROLLBACK) {
      return Availability.no("A rollback runs to the end; it is not stopped half-way");
    }
    if (s.pauseRequested()) {
      return Availability.no("Pause requested: the run stops after the current step");
    }
    return Availability.yes("Stop after the current step; the run stays paused there (F9)");
  }

  private static boolean unsettled(RunState st) {
    return st != null && !st.settled();
  }

  private static Availability forward(Situation s, boolean oneStep) {
    RunState st = s.state();
    if (st == RunState.APPLIED) {
      return Availability.no("Already applied on " + s.targetName() + ". Roll back first to run it again");
    }
    if (st == RunState.ROLLBACK_FAILED || st == RunState.ROLLING_BACK) {
      return Availability.no("A rollback did not finish: Roll back again (or Resume it) first");
    }
    if (st != null && st.moving() && !s.interrupted()) {
      return Availability.no("Another console is running this playbook on " + s.targetName());
    }
    if (s.blockedBy() != null) {
      return Availability.no(s.blockedBy());
    }
    if (!unsettled(st) && !s.preflightPassed()) {
      return Availability.no("Run Preflight first: it checks the playbook, the target and the run lock");
    }
    if (s.nextStep() == null) {
      return Availability.no("No step left to apply");
    }
    String how = st == RunState.FAILED ? "Retry the failed step: " : unsettled(st) ? "Continue the run: "
        : "Start a new run: ";
    return oneStep ? Availability.yes(how + "apply step " + s.nextStep() + ", then stop (F8)")
        : Availability.yes(how + "apply every remaining step from " + s.nextStep()
            + "; gates and manual steps still ask");
  }

  private static Availability rollback(Situation s) {
    RunState st = s.state();
    if (st == null || st == RunState.ROLLED_BACK || st == RunState.ABORTED) {
      return Availability.no("Nothing of this playbook is applied on " + s.targetName());
    }
    if (st.moving() && !s.interrupted()) {
      return Availability.no("Another console is running this playbook on " + s.targetName());
    }
    if (s.blockedBy() != null) {
      return Availability.no(s.blockedBy());
    }
    return Availability.yes("Undo every applied step, newest first, each verified as undone (F12)");
  }

  private static Availability resume(Situation s) {
    RunState st = s.state();
    if (!unsettled(st)) {
      return Availability.no("No half-applied run of this playbook on " + s.targetName());
    }
    if (st.moving() && !s.interrupted()) {
      return Availability.no("Another console is running this playbook on " + s.targetName());
    }
    if (s.blockedBy() != null) {
      return Availability.no(s.blockedBy());
    }
    if (st == RunState.ROLLBACK_FAILED || st == RunState.ROLLING_BACK) {
      return Availability.yes("Continue the unfinished rollback");
    }
    return Availability.yes("Continue the " + st.words() + " run to the end from where it stopped");
  }
}
