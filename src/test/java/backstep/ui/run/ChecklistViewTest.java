package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.Proof;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The run view at 1280×800 after a rollback that left differences: the badge says ROLLED BACK WITH DIFFERENCES in
 * full (not "…") in the failure colour, the differences are listed where the run's outcome is shown, and each step
 * shows its schema effect and deviations under its title, wrapped to the column rather than cut.
 */
@ExtendWith(ApplicationExtension.class)
class ChecklistViewTest {
  private static final Instant AT = Instant.parse("2026-12-06T01:00:00Z");
  private RunController controller;
  private Stage stage;

  @Start
  void start(Stage s) {
    stage = s;
    controller = new RunController(new RunModel(), null, new UiThread(), Runnable::run, Clock.systemUTC(),
        () -> "ana", () -> s, Set::of);
    s.setScene(new Scene(new RunView(controller), 1280, 800));
    new backstep.ui.shell.Theme().install(s.getScene());
    s.show();
  }

  @Test
  void aRollbackWithDifferencesIsAFailureWithItsDifferencesAndEachStepsEffect(FxRobot robot) throws Exception {
    Playbook p = new PlaybookLoader(null).load(Path.of("playbooks/split-customer-name.yaml"));
    List<StepResult> steps = new ArrayList<>();
    for (int i = 0; i < p.steps().size(); i++) {
      var st = p.steps().get(i);
      steps.add(new StepResult(i, st.id(), st.title(), st.kind(), StepState.ROLLED_BACK, 1, 0, 1, 1,
          Duration.ofMillis(40), "ana", null, null,
          i == 1 ? List.of("added trigger customers.customers_split_name_sync", "added function split_name_sync()")
              : List.of(),
          i == 1 ? List.of("left behind by its rollback: function split_name_sync(): unexpected, it was not there "
              + "before the step and the rollback should have dropped it") : List.of()));
    }
    Proof proof = new Proof(Proof.Verdict.DIFFERENT, "the fingerprint taken before the run",
        List.of("function split_name_sync(): unexpected"));
    RunResult r = new RunResult("run-1", "CHG-20261206-010000-abcd", "sandbox", p.id(), p.version(), p.sha256(),
        RunState.ROLLED_BACK, "ana", null, Duration.ofSeconds(3), steps, null, List.of(), List.of(), proof);
    fx(() -> {
      controller.showPlaybook(Path.of("playbooks/split-customer-name.yaml"), p, 0);
      RunFollower f = new RunFollower(controller.model(), () -> "ana");
      steps.forEach(s -> f.apply(List.of(new RunEvent.StepFinished(AT, s, backstep.engine.Direction.ROLLBACK))));
      f.apply(List.of(new RunEvent.RunFinished(AT, r)));
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();

    Label badge = robot.lookup("#run-state").queryAs(Label.class);
    assertEquals("⟲ ROLLED BACK WITH DIFFERENCES", badge.getText());
    assertTrue(badge.getStyleClass().contains("run-state-different"), badge.getStyleClass().toString());
    Text shown = (Text) badge.lookup(".text");
    assertEquals(badge.getText(), shown.getText(), "the badge is drawn in full, not elided");

    Label outcome = robot.lookup("#run-proof").queryAs(Label.class);
    assertTrue(outcome.isVisible() && outcome.getText().contains("≠ function split_name_sync(): unexpected"),
        outcome.getText());
    assertEquals(outcome.getText(), ((Text) outcome.lookup(".text")).getText());

    ChecklistView.StepCell trigger = robot.lookup(".step-cell").queryAllAs(ChecklistView.StepCell.class).stream()
        .filter(c -> c.getItem() != null && c.getItem().index() == 1).findFirst().orElseThrow();
    assertEquals(List.of("effect: added trigger customers.customers_split_name_sync\n"
        + "effect: added function split_name_sync()", "⚠ left behind by its rollback: function split_name_sync(): "
        + "unexpected, it was not there before the step and the rollback should have dropped it"),
        trigger.shownLines());
    for (Text t : robot.lookup(".step-cell").queryAllAs(ChecklistView.StepCell.class).stream()
        .flatMap(c -> c.lookupAll("Text").stream()).filter(n -> n instanceof Text).map(n -> (Text) n).toList()) {
      assertTrue(t.getLayoutBounds().getWidth() <= t.getWrappingWidth() + 1 || t.getWrappingWidth() == 0,
          "wrapped to its column: " + t.getText());
    }
    Text title = (Text) trigger.lookup(".step-title-text");
    assertEquals(p.steps().get(1).title(), title.getText());
    assertTrue(trigger.getHeight() > 60, "the row grows with its lines: " + trigger.getHeight());
  }

  private static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
  }
}
