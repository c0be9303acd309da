package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.lint.Linter;
import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.testing.Await;
import backstep.ui.NewNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression (issue 15, the console's frames at a run's failure and its roll back): the step detail drew the failed
 * step's three SQL panes (forward, rollback, verify: RichTextFX makes a new cell of about eight nodes and a text a
 * highlighted run for every line it draws) in the one pulse that showed the step, the largest part of the console's
 * frames over 100 ms at a failure and at its roll back (docs/performance.md, "The console's FX thread"). Counted,
 * not timed: the nodes new to the window in each pulse, and which panes they belong to.
 */
@ExtendWith(ApplicationExtension.class)
class StepDetailPulsesTest {
  /** The most nodes one pulse may bring into the window when another step is shown (main: 88 for the failed step). */
  private static final int MOST_A_PULSE = 50;
  private static final List<String> PANES = List.of("forward-sql", "rollback-sql", "verify-sql");

  private final Path file = Path.of("playbooks/dedupe-customers-fails.yaml");
  private RunModel model;
  private Stage stage;
  private final EveryFrame pulses = new EveryFrame(); // a pulse every frame, as the console's live panels

  @Start
  void start(Stage primary) {
    stage = primary;
    model = new RunModel();
    ScrollPane scroll = new ScrollPane(new StepDetailView(model)); // as the run page holds it
    scroll.setFitToWidth(true);
    EveryFrame.show(stage, scroll, 900, 700);
  }

  @AfterEach
  void stopPulses() throws Exception {
    pulses.stopFromTest();
  }

  @Test
  void theFailedStepAndTheStepsRolledBackDrawTheirSqlPanesOneAPulse() throws Exception {
    List<StepRow> rows = open(true);
    showAndSettle(rows.get(1), null); // the backfill running, just before the failure

    // the run fails on the unique index (step 3): its panes are drawn; then it rolls back steps 2 and 1
    for (int[] step : new int[][] {{2, 0}, {1, 1}, {0, 1}}) {
      StepRow row = rows.get(step[0]);
      RunState state = step[1] == 0 ? RunState.FAILED : RunState.ROLLING_BACK;
      NewNodes counter = fx(() -> NewNodes.afterNow(stage.getScene()));
      showAndSettle(row, state);
      List<NewNodes.Pulse> seen = fx(() -> {
        counter.stop();
        return counter.pulses();
      });
      String what = "step " + (step[0] + 1) + " shown while " + state + ": " + seen;
      System.out.println("StepDetailPulsesTest " + what);
      for (NewNodes.Pulse p : seen) {
        long panes = PANES.stream().filter(id -> p.owners().contains(id)).count();
        assertTrue(panes <= 1, "one SQL pane drawn a pulse, not " + panes + ": " + what);
      }
      int most = seen.stream().mapToInt(NewNodes.Pulse::nodes).max().orElse(0);
      assertTrue(most <= MOST_A_PULSE, "at most " + MOST_A_PULSE + " nodes new in one pulse, not " + most + ": "
          + what);
      // what the reader sees in the end is the step's SQL, drawn, in all three panes
      assertEquals(StepText.forward(row.step(), DialectFamily.POSTGRESQL), drawn("#forward-sql"), what);
      assertEquals(StepText.rollback(row.step(), DialectFamily.POSTGRESQL), drawn("#rollback-sql"), what);
      assertEquals(StepText.verify(row.step(), DialectFamily.POSTGRESQL), drawn("#verify-sql"), what);
    }
  }

  /**
   * A pane drawn a pulse or two after the step is shown must not show the step shown before it meanwhile: in the
   * pulse that shows a step, each pane holds the new step's SQL or shows nothing.
   */
  @Test
  void aPaneNotDrawnYetShowsNothingOfTheStepBefore() throws Exception {
    List<StepRow> rows = open(false);
    showAndSettle(rows.get(1), null);
    StepRow next = rows.get(2);
    List<String> stale = fx(() -> {
      model.setRun(RunState.FAILED, "r1", "c1", false, "test");
      model.select(next);
      List<String> shownOld = new ArrayList<>();
      for (String id : PANES) {
        javafx.scene.Node area = stage.getScene().lookup("#" + id).lookup(".sql-code");
        String expected = switch (id) {
          case "forward-sql" -> StepText.forward(next.step(), DialectFamily.POSTGRESQL);
          case "rollback-sql" -> StepText.rollback(next.step(), DialectFamily.POSTGRESQL);
          default -> StepText.verify(next.step(), DialectFamily.POSTGRESQL);
        };
        if (!((CodeArea) area).getText().equals(expected) && area.getParent().isVisible()) {
          shownOld.add(id + " shows: " + ((CodeArea) area).getText());
        }
      }
      return shownOld;
    });
    assertEquals(List.of(), stale, "panes showing the step before while the new one waits to be drawn");
    showAndSettle(next, RunState.FAILED);
  }

  /** Opens the failing sample in the model, its lint findings too if asked, and starts a pulse every frame. */
  private List<StepRow> open(boolean findings) throws Exception {
    Playbook pb = new PlaybookLoader(null).load(file);
    return fx(() -> {
      model.setPlaybook(file, pb, 0);
      List<StepRow> made = new ArrayList<>();
      for (int i = 0; i < pb.steps().size(); i++) {
        made.add(new StepRow(i, pb.steps().get(i)));
      }
      model.mutableSteps().setAll(made);
      if (findings) {
        model.setFindings(Linter.lint(pb));
      }
      pulses.start();
      return made;
    });
  }

  /** Selects {@code row} in {@code state} and waits until its three panes are drawn and five more pulses passed. */
  private void showAndSettle(StepRow row, RunState state) throws Exception {
    fx(() -> {
      if (state != null) {
        model.setRun(state, "r1", "c1", false, "test");
      }
      model.select(row);
      return null;
    });
    Await.until("the step's SQL drawn", Duration.ofSeconds(30), () -> drawn("#forward-sql").equals(
        StepText.forward(row.step(), DialectFamily.POSTGRESQL)) && drawn("#rollback-sql").equals(
        StepText.rollback(row.step(), DialectFamily.POSTGRESQL)) && drawn("#verify-sql").equals(
        StepText.verify(row.step(), DialectFamily.POSTGRESQL)));
    NewNodes after = fx(() -> NewNodes.afterNow(stage.getScene()));
    Await.until("five pulses", Duration.ofSeconds(30), () -> fx(after::pulseCount) >= 5);
    fx(() -> {
      after.stop();
      return null;
    });
  }

  /** The text the pane's code area holds (what it draws), read without making it draw. */
  private String drawn(String id) {
    return fx(() -> ((CodeArea) stage.getScene().lookup(id).lookup(".sql-code")).getText());
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
