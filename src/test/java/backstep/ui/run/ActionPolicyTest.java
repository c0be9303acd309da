package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.Direction;
import backstep.state.RunState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which actions the run view offers in each situation, and that a refusal always says why (no toolkit). */
class ActionPolicyTest {
  private static ActionPolicy.Situation situation(RunState state, boolean preflight) {
    return new ActionPolicy.Situation(true, 0, "sandbox", null, false, false, null, false, state, false, preflight,
        null, "1 · Tell #payments");
  }

  private static Map<Action, ActionPolicy.Availability> eval(ActionPolicy.Situation s) {
    Map<Action, ActionPolicy.Availability> m = ActionPolicy.evaluate(s);
    m.values().forEach(a -> assertFalse(a.why().isBlank(), "every action explains itself"));
    return m;
  }

  @Test
  void aNewRunNeedsPreflightFirst() {
    var m = eval(situation(null, false));
    assertTrue(m.get(Action.PREFLIGHT).enabled());
    assertFalse(m.get(Action.STEP_FORWARD).enabled());
    assertTrue(m.get(Action.STEP_FORWARD).why().startsWith("Run Preflight first"));
    assertFalse(m.get(Action.ROLLBACK).enabled());
    assertTrue(m.get(Action.ROLLBACK).why().startsWith("Nothing of this playbook is applied"));
    assertFalse(m.get(Action.RESUME).enabled());
    assertFalse(m.get(Action.PAUSE).enabled());
  }

  @Test
  void afterPreflightStepForwardSaysWhichStep() {
    var m = eval(situation(RunState.ROLLED_BACK, true));
    assertTrue(m.get(Action.STEP_FORWARD).enabled());
    assertEquals("Start a new run: apply step 1 · Tell #payments, then stop (F8)",
        m.get(Action.STEP_FORWARD).why());
    assertTrue(m.get(Action.RUN_TO_END).enabled());
  }

  @Test
  void aPausedOrFailedRunContinuesWithoutAnotherPreflightAndCanBeRolledBack() {
    for (RunState st : new RunState[] {RunState.PAUSED, RunState.FAILED}) {
      var m = eval(situation(st, false));
      assertTrue(m.get(Action.STEP_FORWARD).enabled(), st.name());
      assertTrue(m.get(Action.ROLLBACK).enabled(), st.name());
      assertTrue(m.get(Action.RESUME).enabled(), st.name());
    }
  }

  @Test
  void anAppliedRunOffersOnlyRollBack() {
    var m = eval(situation(RunState.APPLIED, true));
    assertFalse(m.get(Action.STEP_FORWARD).enabled());
    assertTrue(m.get(Action.STEP_FORWARD).why().contains("Roll back first"));
    assertTrue(m.get(Action.ROLLBACK).enabled());
    assertFalse(m.get(Action.RESUME).enabled());
  }

  @Test
  void aFailedRollbackCannotGoForward() {
    var m = eval(situation(RunState.ROLLBACK_FAILED, true));
    assertFalse(m.get(Action.STEP_FORWARD).enabled());
    assertTrue(m.get(Action.ROLLBACK).enabled());
    assertTrue(m.get(Action.RESUME).enabled());
    assertEquals("Continue the unfinished rollback", m.get(Action.RESUME).why());
  }

  @Test
  void whileWorkingForwardOnlyPauseAndRollBackAreOffered() {
    var forward = eval(new ActionPolicy.Situation(true, 0, "sandbox", null, false, true, Direction.FORWARD, false,
        RunState.RUNNING, false, true, null, "2 · x"));
    assertTrue(forward.get(Action.PAUSE).enabled());
    assertTrue(forward.get(Action.ROLLBACK).enabled(), "ROLL BACK stays available while a step runs or waits");
    assertTrue(forward.get(Action.ROLLBACK).why().contains("waiting on a lock"), forward.get(Action.ROLLBACK).why());
    for (Action a : new Action[] {Action.STEP_FORWARD, Action.RUN_TO_END, Action.RESUME, Action.PREFLIGHT}) {
      assertFalse(forward.get(a).enabled(), a.name());
      assertTrue(forward.get(a).why().startsWith("A run is in progress"), forward.get(a).why());
    }
    var back = eval(new ActionPolicy.Situation(true, 0, "sandbox", null, false, true, Direction.ROLLBACK, false,
        RunState.ROLLING_BACK, false, true, null, "2 · x"));
    assertFalse(back.get(Action.PAUSE).enabled());
    assertFalse(back.get(Action.ROLLBACK).enabled());
    assertTrue(back.get(Action.ROLLBACK).why().startsWith("A rollback is in progress"));
    var pausing = eval(new ActionPolicy.Situation(true, 0, "sandbox", null, false, true, Direction.FORWARD, true,
        RunState.RUNNING, false, true, null, "2 · x"));
    assertFalse(pausing.get(Action.PAUSE).enabled());
    assertTrue(pausing.get(Action.PAUSE).why().startsWith("Pause requested"));
  }

  @Test
  void anotherRunHalfAppliedOnTheTargetBlocksEverythingButSaysWhich() {
    var m = eval(new ActionPolicy.Situation(true, 0, "sandbox", null, false, false, null, false, null, false, true,
        "Target sandbox is half-applied by run CHG-1 of 'other'", "1 · x"));
    assertFalse(m.get(Action.STEP_FORWARD).enabled());
    assertTrue(m.get(Action.STEP_FORWARD).why().contains("CHG-1"));
  }

  @Test
  void anInterruptedRunCanBeResumed() {
    var m = eval(new ActionPolicy.Situation(true, 0, "sandbox", null, false, false, null, false, RunState.RUNNING,
        true, false, null, "3 · x"));
    assertTrue(m.get(Action.RESUME).enabled());
    assertTrue(m.get(Action.ROLLBACK).enabled());
    var live = eval(new ActionPolicy.Situation(true, 0, "sandbox", null, false, false, null, false, RunState.RUNNING,
        false, false, null, "3 · x"));
    assertFalse(live.get(Action.RESUME).enabled());
    assertTrue(live.get(Action.RESUME).why().startsWith("Another console"));
  }

  @Test
  void noTargetOrAnInvalidFileDisablesAllWithTheReason() {
    var connecting = eval(new ActionPolicy.Situation(true, 0, "sandbox", "starting sandbox…", false, false, null,
        false, null, false, false, null, "1 · x"));
    connecting.forEach((a, v) -> assertFalse(v.enabled(), a.name()));
    assertEquals("Target sandbox is not ready: starting sandbox…", connecting.get(Action.PREFLIGHT).why());
    var invalid = eval(new ActionPolicy.Situation(true, 3, "sandbox", null, false, false, null, false, null, false,
        false, null, null));
    assertTrue(invalid.get(Action.PREFLIGHT).why().startsWith("The playbook file has 3 problems"));
  }
}
