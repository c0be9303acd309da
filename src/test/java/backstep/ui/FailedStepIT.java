package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.state.RunState;
import backstep.state.StepState;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A step that fails (dedupe-customers-fails: the unique index meets duplicate names after two steps changed the
 * table) shows the database's error in place and offers Roll back, which then restores the table.
 */
@ExtendWith(ApplicationExtension.class)
class FailedStepIT {
  @TempDir
  static Path home;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @Start
  void start(Stage stage) {
    ui.open(stage, home, Path.of("playbooks"));
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  @Test
  void aFailedStepShowsTheErrorAndEnablesRollBack(FxRobot robot) {
    ui.waitForSandbox();
    ui.select("#library", "Unique customer name key (fails midway on purpose)"); // scrolled to, then clicked
    robot.clickOn("#tab-run");
    assertFalse(ui.enabled("#rollback"));
    assertTrue(tooltip(robot, "#rollback-wrapper").startsWith("Nothing of this playbook is applied"),
        "a disabled Roll back says why: " + tooltip(robot, "#rollback-wrapper"));

    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#run-to-end"));
    robot.clickOn("#run-to-end");
    ui.waitRun(RunState.FAILED);

    assertEquals(StepState.APPLIED, ui.state(0));
    assertEquals(StepState.APPLIED, ui.state(1));
    assertEquals(StepState.FAILED, ui.state(2));
    assertEquals(StepState.PENDING, ui.state(3));
    String error = ui.text("#run-error");
    assertTrue(error.contains("unique-name-key") && error.contains("customers_name_key_uq"), error);
    assertTrue(ConsoleDriver.fx(() -> ui.node("#run-error").isVisible()));
    assertTrue(ui.text("#step-note").contains("customers_name_key_uq"), "the failed step is selected and says why");
    assertTrue(ui.enabled("#rollback"));
    assertTrue(ui.enabled("#resume"));
    assertTrue(tooltip(robot, "#rollback-wrapper").startsWith("Undo every applied step"));

    robot.clickOn("#rollback");
    ui.waitRun(RunState.ROLLED_BACK);
    assertEquals(StepState.ROLLED_BACK, ui.state(0));
    assertEquals(StepState.ROLLED_BACK, ui.state(1));
    assertFalse(ui.enabled("#rollback"));
  }

  private static String tooltip(FxRobot robot, String query) {
    return ConsoleDriver.fx(() -> {
      Node n = robot.lookup(query).query();
      Object t = n.getProperties().get("javafx.scene.control.Tooltip");
      return t instanceof Tooltip tip ? tip.getText() : "(no tooltip)";
    });
  }
}
