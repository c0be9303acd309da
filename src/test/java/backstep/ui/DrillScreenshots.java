package backstep.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test: a scripted tour of drill mode and trainer mode that writes docs/screenshots/drill-*.png and
 * trainer-*.png. Run it under a real display: {@code xvfb-run -a -s "-screen 0 1440x900x24" mvn test
 * -Dtest=DrillScreenshots -Dheadless=false -Dsurefire.failIfNoSpecifiedTests=false}; the window as large as the
 * screen; under a screen of another size (1280x800, 1920x1080) it writes docs/screenshots/sizes/tour-NAME-WxH.png;
 * each view light and dark (NAME-dark).
 */
@ExtendWith(ApplicationExtension.class)
class DrillScreenshots {
  private static final Path OUT = Path.of("docs/screenshots");

  @TempDir
  static Path home;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @BeforeAll
  static void target() throws Exception {
    Files.createDirectories(OUT);
  }

  @Start
  void start(Stage stage) {
    ui.open(stage, home, Path.of("playbooks"));
    ConsoleDriver.fillScreen(stage);
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  /** The screen as {@code name} and, in the dark theme, {@code name-dark}. */
  private void capture(FxRobot robot, String name) throws Exception {
    ui.captureLightAndDark(OUT, name);
  }

  @Test
  void tour(FxRobot robot) throws Exception {
    ui.waitUntil("drills listed", 30, () -> ConsoleDriver.fx(() -> !((javafx.scene.control.ListView<?>) robot
        .lookup("#drill-list").query()).getItems().isEmpty()));
    ui.selectDrill("A backfill fails midway");
    ui.waitUntil("ready on the sandbox the drill names", 60, () -> ui.enabled("#drill-start")
        && ui.text("#drill-where").equals("runs on the sandbox"));
    // the first attempt: drill mode at the moment the alert shows (the fault has fired)
    robot.clickOn("#drill-start");
    ui.waitUntil("alert", 45, () -> ui.enabled("#drill-ack") && ConsoleDriver.fx(() -> robot.lookup("#drill-alert")
        .query().isVisible()));
    robot.moveTo("#drill-ack");
    capture(robot, "drill-mode");
    robot.clickOn("#drill-ack");
    robot.clickOn("#drill-rollback");
    ui.waitUntil("scored", 60, () -> ui.text("#drill-phase").contains("SCORED"));

    // the second: acknowledged and rolled back at once, then the scoreboard
    robot.clickOn("#drill-start");
    ui.waitUntil("alert", 45, () -> ui.enabled("#drill-ack") && ConsoleDriver.fx(() -> robot.lookup("#drill-alert")
        .query().isVisible()));
    robot.clickOn("#drill-ack");
    robot.clickOn("#drill-rollback");
    ui.waitUntil("scored", 60, () -> ui.text("#drill-phase").contains("SCORED"));
    ui.waitUntil("history", 20, () -> ConsoleDriver.fx(() -> ((javafx.scene.control.TableView<?>) robot
        .lookup("#drill-history").query()).getItems().size() == 2));
    robot.clickOn("#drill-debrief");
    ui.waitUntil("debrief", 20, () -> ui.text("#drill-debrief-path").contains("debrief.md"));
    capture(robot, "drill-scoreboard");

    ConsoleDriver.fx(() -> {
      ((javafx.scene.control.TableView<?>) robot.lookup("#drill-history").query()).getSelectionModel().select(1);
      return null;
    });
    ui.revealAndClick("#drill-replay");
    ui.waitUntil("the replay loaded", 20, () -> ui.text("#replay-title").contains("attempt"));
    robot.clickOn("#replay-speed"); // 2×
    robot.clickOn("#replay-play");
    ui.waitUntil("replay past the middle", 30, () -> ConsoleDriver.fx(() -> {
      javafx.scene.control.Slider s = (javafx.scene.control.Slider) robot.lookup("#replay-slider").query();
      return s.getValue() > 0.6 * s.getMax();
    }));
    robot.clickOn("#replay-play"); // pause there
    capture(robot, "trainer-replay");

    robot.clickOn("#trainer-steps-tab");
    robot.clickOn("#trainer-next");
    capture(robot, "trainer-mode");
  }
}
