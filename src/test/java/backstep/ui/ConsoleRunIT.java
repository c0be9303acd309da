package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.state.RunState;
import backstep.state.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A whole guided change through the window, on the sandbox: open add-email-verified, preflight, step forward
 * through every step with F8 (ticking the manual step and passing the gate in their dialogs), see it applied, roll
 * back with F12, see it rolled back, and find the run in the ledger browser and export it.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleRunIT {
  @TempDir
  static Path home;

  /**
   * The CSS engine's warnings while the console runs. Regression: ControlsFX's text-field sheet derived Modena
   * colours AtlantaFX does not define, and every start printed "Caught 'java.lang.ClassCastException' … while
   * converting value for '-fx-prompt-text-fill' from rule '*.custom-text-field'".
   */
  private static final java.util.List<String> CSS_WARNINGS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Held here: the logging system keeps loggers only weakly, and a collected one would lose the handler. */
  private static final java.util.logging.Logger CSS = java.util.logging.Logger.getLogger("javafx.css");

  static {
    CSS.addHandler(new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        String text = new java.util.logging.SimpleFormatter().formatMessage(r) + " " + r.getThrown();
        if (text.contains("ClassCastException")) {
          CSS_WARNINGS.add(text);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    });
  }

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
  void stepsForwardThroughEveryStepThenRollsBackAndShowsTheLedger(FxRobot robot) throws Exception {
    ui.waitForSandbox();
    assertEquals(java.util.List.of(), CSS_WARNINGS.stream().filter(w -> w.contains("custom-text-field")).toList(),
        "ControlsFX's fields resolve their colours");
    assertEquals("Backstep", ConsoleDriver.fx(() -> robot.listTargetWindows().stream()
        .filter(w -> w instanceof Stage s && s.isShowing()).map(w -> ((Stage) w).getTitle()).findFirst()
        .orElse("")));
    assertEquals("sandbox", ui.text("#current-target"));
    assertEquals("SANDBOX", ui.text("#current-environment"));

    robot.clickOn("Add customers.email_verified (expand/contract)");
    ui.waitUntil("the playbook view", 10, () -> ui.text("#playbook-title").startsWith("Add customers"));
    assertTrue(ui.text("#playbook-intent").contains("verified"));

    // the pre-change notice for the current target, shown and saved as HTML
    robot.clickOn("#open-notice");
    ui.waitUntil("the notice dialog", 20, () -> robot.lookup("#notice-text").tryQuery().isPresent());
    String notice = ConsoleDriver.fx(() -> ((javafx.scene.control.TextArea) robot.lookup("#notice-text").query())
        .getText());
    assertTrue(notice.contains("add-email-verified") && notice.contains("sandbox"), notice);
    robot.clickOn("#notice-save-html");
    Path noticeHtml = home.resolve("exports").resolve("notice-add-email-verified-sandbox.html");
    ui.waitUntil("the notice saved", 20, () -> Files.exists(noticeHtml)
        && ConsoleDriver.fx(() -> ((javafx.scene.control.Label) robot.lookup("#notice-status").query()).getText())
        .startsWith("saved"));
    assertTrue(Files.readString(noticeHtml).startsWith("<!DOCTYPE html>"));
    robot.clickOn("Close");
    robot.clickOn("#tab-run");
    assertFalse(ui.enabled("#step-forward"), "step forward needs a preflight first");

    robot.clickOn("#preflight");
    ui.waitUntil("preflight to pass and Step forward to be offered", 30, () -> ui.enabled("#step-forward"));
    assertTrue(ui.exists("#preflight-results"));

    // 1 notify (manual): ticked in its dialog by the operator
    robot.type(KeyCode.F8);
    ui.answer("#manual-done");
    ui.waitIdleWithStep(0, StepState.APPLIED);
    assertEquals("ana", ConsoleDriver.fx(() -> ui.checklist().get(0).actorProperty().get()));
    assertTrue(ui.text("#run-state").contains("PAUSED"));

    // 2 add-column, 3 backfill
    robot.type(KeyCode.F8);
    ui.waitIdleWithStep(1, StepState.APPLIED);
    robot.type(KeyCode.F8);
    ui.waitIdleWithStep(2, StepState.APPLIED);

    // 4 approve-flag (gate): passed in the gate dialog, with a reason for the ledger
    robot.type(KeyCode.F8);
    ui.waitUntil("the gate dialog", 30, () -> robot.lookup("#gate-reason").tryQuery().isPresent());
    robot.clickOn("#gate-reason").write("backfill verified");
    ui.answer("#gate-approve");
    ui.waitIdleWithStep(3, StepState.APPLIED);

    // 5 flag-on, 6 enforce-not-null
    robot.type(KeyCode.F8);
    ui.waitIdleWithStep(4, StepState.APPLIED);
    robot.clickOn("#step-forward");
    ui.waitRun(RunState.APPLIED);
    ui.assertAll(StepState.APPLIED);
    assertFalse(ui.enabled("#step-forward"));
    assertTrue(ui.enabled("#rollback"));

    // roll back everything: the manual step's rollback instruction is ticked too
    robot.type(KeyCode.F12);
    ui.answer("#manual-done");
    ui.waitRun(RunState.ROLLED_BACK);
    ui.assertAll(StepState.ROLLED_BACK);
    assertFalse(ui.enabled("#rollback"));

    // the ledger browser shows the run, its steps and events, and an intact chain; export both formats
    robot.clickOn("#tab-ledger");
    ui.waitUntil("the run in the ledger browser", 20, () -> runs(robot).getItems().size() == 1
        && runs(robot).getItems().get(0).state() == RunState.ROLLED_BACK);
    assertTrue(ui.text("#ledger-chain").contains("intact"), ui.text("#ledger-chain"));
    String change = ConsoleDriver.fx(() -> runs(robot).getItems().get(0).changeId());
    robot.clickOn(change);
    ui.waitUntil("the run's steps and events", 20, () -> steps(robot).getItems().size() == 6
        && ((TableView<?>) robot.lookup("#ledger-events").query()).getItems().size() > 10);
    assertEquals("approve-flag", ConsoleDriver.fx(() -> steps(robot).getItems().get(3).stepId()));

    for (String id : new String[] {"#export-md", "#export-json", "#export-summary"}) {
      // under a loaded machine the ledger pane may still be laying out after the run's rows arrive
      ui.waitUntil(id + " shown and enabled", 20, () -> ConsoleDriver.fx(() -> {
        javafx.scene.Node n = robot.lookup(id).query();
        return n.isVisible() && !n.isDisabled() && n.getScene() != null && n.getScene().getWindow().isShowing()
            && n.localToScreen(n.getBoundsInLocal()) != null;
      }));
      robot.clickOn(id);
    }
    Path md = home.resolve("exports").resolve(change + ".md");
    Path json = home.resolve("exports").resolve(change + ".json");
    Path summary = home.resolve("exports").resolve("summary-" + change + ".html");
    ui.waitUntil("the three exports written", 20, () -> Files.exists(md) && Files.exists(json)
        && Files.exists(summary) && ui.text("#status-message").contains(".html"));
    String html = Files.readString(summary);
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains(change) && html.contains("approve-flag"), html);
    String markdown = Files.readString(md);
    assertTrue(markdown.contains("# Audit export: " + change), markdown);
    assertTrue(markdown.contains("GATE_DECIDED") && markdown.contains("MANUAL_TICKED"), markdown);
    assertTrue(markdown.contains("Intact"), markdown);
    assertTrue(Files.readString(json).contains("\"playbookId\" : \"add-email-verified\""));
  }

  @SuppressWarnings("unchecked")
  private static TableView<RunRecord> runs(FxRobot robot) {
    return (TableView<RunRecord>) robot.lookup("#ledger-runs").query();
  }

  @SuppressWarnings("unchecked")
  private static TableView<StepRecord> steps(FxRobot robot) {
    return (TableView<StepRecord>) robot.lookup("#ledger-steps").query();
  }
}
