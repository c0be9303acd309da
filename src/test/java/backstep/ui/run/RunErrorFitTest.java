package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.fx.UiThread;
import backstep.ui.shell.Theme;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A failed run's error at the size the run page gets of a 1280×800 window: the database's whole error in sight,
 * wrapped, when the page has room for it (the banner showed three lines and scrolled the rest: "Detail: Key
 * (name_key)=(…) is duplicated" was under its edge), said once (the run's failure notice above it said it again),
 * while the checklist and the step's SQL keep their room.
 */
@ExtendWith(ApplicationExtension.class)
class RunErrorFitTest {
  private static final String ERROR = "run CHG-20261207-052549-a554 failed: step 'unique-name-key': statement 1 of 1"
      + " (line 64): ERROR: could not create unique index \"customers_name_key_uq\" — Detail: Key (name_key)=(ravi "
      + "taylor|it) is duplicated. — Where: parallel worker — Hint: remove the duplicates first, then create the index"
      + " again [SQLState 23505]";

  private RunController controller;
  private Stage stage;

  @Start
  void start(Stage primary) {
    controller = new RunController(new RunModel(), null, new UiThread(), Runnable::run, Clock.systemUTC(),
        () -> "ana", () -> primary, Set::of);
    stage = new Stage();
    stage.setScene(new Scene(new RunView(controller), 1016, 660)); // the run page of a 1280×800 window
    new Theme().install(stage.getScene());
    stage.show();
  }

  @Test
  void theWholeErrorIsInSightAndTheStepsKeepTheirRoom() throws Exception {
    Playbook p = new PlaybookLoader(null).load(Path.of("playbooks/dedupe-customers-fails.yaml"));
    WaitForAsyncUtils.asyncFx(() -> {
      controller.showPlaybook(Path.of("playbooks/dedupe-customers-fails.yaml"), p, 0);
      // as the console has it: the run's failure notified ("run … failed: error"), then its error set
      controller.model().notify(new LogLine(java.time.Instant.now(), LogLine.Level.ERROR, "run "
          + "CHG-20261207-052549-a554 failed: " + ERROR));
      controller.model().setError(ERROR);
    }).get();
    for (int i = 0; i < 4; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    double[] at = WaitForAsyncUtils.asyncFx(() -> {
      Label error = (Label) stage.getScene().lookup("#run-error");
      ScrollPane box = (ScrollPane) stage.getScene().lookup(".outcome-scroll");
      Bounds text = error.localToScene(error.getLayoutBounds());
      Bounds seen = box.localToScene(box.getLayoutBounds());
      Node rows = stage.getScene().lookup("#run-rows");
      return new double[] {text.getMaxY(), seen.getMaxY(), rows.getLayoutBounds().getHeight(),
          error.getHeight() / Math.max(1, error.getFont().getSize()),
          stage.getScene().lookup("#notice").isVisible() ? 1 : 0};
    }).get();
    assertTrue(at[4] == 0, "the failure said once, by the error banner (not again by a notice above it)");
    assertTrue(at[3] > 4, "the sample error wraps to more than three lines: " + at[3] + " font sizes high");
    assertTrue(at[0] <= at[1] + 1, "the error ends at y=" + at[0] + ", its box shows it to y=" + at[1]);
    assertTrue(at[2] >= 240, "the checklist and the step's SQL keep 240 px: " + at[2]);
  }
}
