package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.ledger.Ledger;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.testing.Approve;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's Pause (F9): a pause requested while a step runs stops the run after that step, paused and
 * resumable, with the stop recorded in the ledger; the next steps are untouched until Resume.
 */
class PauseRequestedIT {
  private static Playbook playbook() throws Exception {
    StringBuilder steps = new StringBuilder();
    for (String t : new String[] {"a", "b", "c"}) {
      steps.append("""
            - id: create-%1$s
              kind: sql
              title: Create %1$s
              forward: CREATE TABLE %1$s (id INT)
              rollback: DROP TABLE %1$s
              verify:
                - sql: >
                    SELECT count(*) FROM information_schema.tables
                    WHERE table_schema = '${schema}' AND table_name = '%1$s'
                  expect: 1
          """.formatted(t));
    }
    return new PlaybookLoader(null).parse(Path.of("pause.yaml"), """
        id: three-tables
        title: Three tables
        intent: test
        steps:
        """ + steps);
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void stopsAfterTheCurrentStepAndResumesFromThere(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open()) {
      AtomicBoolean pause = new AtomicBoolean();
      RunListener pressF9DuringFirstStep = new RunListener() {
        @Override
        public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
          if (index == 0) {
            pause.set(true);
          }
        }
      };
      Engine engine = new Engine(Clock.systemUTC(), d -> { }, Executors.newSingleThreadExecutor());
      Playbook pb = playbook();
      RunResult r = Engine.join(engine.apply(db, pb, new RunOptions("ana", null, null, null, null, pause::get),
          new Approve("ana", null), pressF9DuringFirstStep));
      assertEquals(RunState.PAUSED, r.state(), () -> String.valueOf(r));
      assertEquals(StepState.APPLIED, r.steps().get(0).state());
      assertEquals(StepState.PENDING, r.steps().get(1).state());
      assertEquals(StepState.PENDING, r.steps().get(2).state());
      assertTrue(r.notes().stream().anyMatch(n -> n.contains("paused after step 'create-a'")), r.notes().toString());
      try (Connection c = db.connection()) {
        assertTrue(new Ledger(db).events(c, r.runId()).stream().anyMatch(e -> e.type().equals("RUN_PAUSED")));
      }

      RunResult resumed = Engine.join(engine.resume(db, pb, new RunOptions("ana", null, null, r.runId(), null),
          new Approve("ana", null), new RunListener() { }));
      assertEquals(RunState.APPLIED, resumed.state(), () -> String.valueOf(resumed));
    }
  }
}
