package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.TargetSpec;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.testing.Approve;
import backstep.testing.Knob;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Observe steps on both families, with a canary whose latency the test controls (a knob row it sleeps by): a quiet
 * soak passes with its samples' summary in the ledger; a guard that breaches while observing rolls the run back
 * (action rollback), or asks a person (action pause) who goes on or stops the run paused at the step.
 */
class ObserveIT {
  private static Playbook playbook(String action, String slow) throws Exception {
    return new PlaybookLoader(null).parse(Path.of("observe.yaml"), """
        id: observed
        title: A change that soaks under its guards
        intent: test observe steps
        telemetry: {interval: 200ms, baseline: 600ms}
        %sguards:
          - metric: canary_ms
            above: 60
            window: 600ms
            action: %s
        steps:
        %s  - id: slow-down
            kind: sql
            title: Set the canary's delay
            forward: UPDATE knob SET delay_s = %s WHERE id = 1
            rollback: UPDATE knob SET delay_s = 0 WHERE id = 1
          - id: soak
            kind: observe
            title: Soak under the guards
            duration: 2s
            min_samples: 5
        """.formatted(Knob.CANARY, action, Knob.ADD_COLUMN_STEP, slow));
  }

  /** Decisions that record each gate prompt and answer {@code go} to it. */
  private static final class GateAnswers implements Decisions {
    final boolean go;
    final List<String> prompts = new ArrayList<>();

    GateAnswers(boolean go) {
      this.go = go;
    }

    @Override
    public Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary) {
      return new Decision(true, "ana", null, "test");
    }

    @Override
    public Decision gate(Playbook playbook, GateStep step, TargetSpec target) {
      prompts.add(step.prompt());
      return new Decision(go, "ana", null, go ? "checked the dashboard" : "too slow");
    }

    @Override
    public Decision manual(Playbook playbook, ManualStep step, Direction direction) {
      return new Decision(true, "ana", null, "test");
    }
  }

  private record Outcome(RunResult result, List<EventRecord> events, List<String> countdown) {
    EventRecord observed() {
      return events.stream().filter(e -> e.type().equals("OBSERVED")).findFirst().orElseThrow(
          () -> new AssertionError("no OBSERVED event: " + events));
    }
  }

  private static Outcome run(ScratchDb.Kind kind, Playbook pb, Decisions d) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      Knob.create(scratch);
      List<String> countdown = new ArrayList<>();
      RunListener l = new RunListener() {
        @Override
        public void observing(String stepId, Duration left, Duration total, int samples, int needed,
            List<String> guardLines) {
          countdown.add(left.toMillis() + " " + samples + "/" + needed + " " + guardLines);
        }
      };
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open()) {
        RunResult r = Engine.join(engine.apply(db, pb, RunOptions.defaults(), d, l));
        try (Connection c = db.connection()) {
          return new Outcome(r, new Ledger(db).events(c, r.runId()), countdown);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aQuietSoakPassesWithItsSamplesInTheLedger(ScratchDb.Kind kind) throws Exception {
    Outcome o = run(kind, playbook("rollback", "0"), new Approve("ana", null));
    assertEquals(RunState.APPLIED, o.result().state(), () -> String.valueOf(o.result()));
    String detail = o.observed().detail();
    assertTrue(detail.contains("\"verdict\":\"passed\""), detail);
    assertTrue(detail.contains("\"metric\":\"canary_ms\""), detail);
    assertTrue(detail.matches(".*\"samples\":([5-9]|\\d\\d).*"), "at least min_samples: " + detail);
    assertTrue(o.result().steps().get(2).duration().toMillis() >= 2000, "soaked for its duration");
    assertTrue(!o.countdown().isEmpty() && o.countdown().get(0).contains("canary_ms p50"), o.countdown()::toString);
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aGuardThatBreachesWhileObservingRollsTheRunBack(ScratchDb.Kind kind) throws Exception {
    Outcome o = run(kind, playbook("rollback", "0.12"), new Approve("ana", null));
    assertEquals(RunState.ROLLED_BACK, o.result().state(), () -> String.valueOf(o.result()));
    assertTrue(o.observed().detail().contains("\"verdict\":\"stopped by guard\""), o.observed().detail());
    assertTrue(o.events().stream().anyMatch(e -> e.type().equals("GUARD_ACTION")), o.events()::toString);
    assertTrue(o.events().stream().anyMatch(e -> e.type().equals("STEP_ROLLED_BACK") && "add-col".equals(e.stepId())),
        o.events()::toString);
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aPausingGuardAsksAPersonWhoGoesOn(ScratchDb.Kind kind) throws Exception {
    GateAnswers go = new GateAnswers(true);
    Outcome o = run(kind, playbook("pause", "0.12"), go);
    assertEquals(RunState.APPLIED, o.result().state(), () -> String.valueOf(o.result()));
    assertEquals(1, go.prompts.size(), go.prompts::toString);
    assertTrue(go.prompts.get(0).contains("A guard breached while observing 'soak'"), go.prompts::toString);
    assertTrue(o.observed().detail().contains("\"verdict\":\"went on after a guard breach\""),
        o.observed().detail());
    assertTrue(o.events().stream().anyMatch(e -> e.type().equals("GATE_DECIDED") && "soak".equals(e.stepId())
        && e.detail().contains("checked the dashboard")), o.events()::toString);
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aPausingGuardDeclinedStopsTheRunPausedAtTheStep(ScratchDb.Kind kind) throws Exception {
    Outcome o = run(kind, playbook("pause", "0.12"), new GateAnswers(false));
    assertEquals(RunState.PAUSED, o.result().state(), () -> String.valueOf(o.result()));
    assertEquals(StepState.PENDING, o.result().steps().get(2).state());
    assertEquals(StepState.APPLIED, o.result().steps().get(1).state(), "nothing was rolled back: a person decides");
    assertTrue(o.observed().detail().contains("\"verdict\":\"paused by guard\""), o.observed().detail());
  }
}
