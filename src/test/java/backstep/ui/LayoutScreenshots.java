package backstep.ui;

import backstep.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.geometry.Rectangle2D;
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
 * Not a test: every view at the laptop and desktop sizes a DBA uses (1280×800, 1440×900, 1920×1080), light and
 * dark ({@code NAME-WxH.png}, {@code NAME-dark-WxH.png}), written to docs/screenshots/sizes/ to be looked at — the
 * playbook, a run in progress, a failed step with its long error, its rollback with the proof, the ledger with an
 * event's form, the trainer, a drill's briefing and its debrief, the fleet page; the targets dialog and the F1 cheat
 * sheet (light and dark, their own windows); and the history page of the sample history, then its rehearsal report. Run
 * it
 * on the sandbox under a screen as large as the largest size:
 * {@code xvfb-run -a -s "-screen 0 1920x1080x24" mvn test -Dtest=LayoutScreenshots -Dheadless=false
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutScreenshots {
  private static final Path OUT = Path.of("docs/screenshots/sizes");
  private static final int[][] SIZES = {{1280, 800}, {1440, 900}, {1920, 1080}};
  private static final Path CUTS = Path.of("target/layout-cuts.txt");

  @TempDir
  static Path home;

  static Path playbooks;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());
  private Stage stage;

  @BeforeAll
  static void library() throws Exception {
    playbooks = home.resolve("playbooks");
    copyTree(Path.of("playbooks"), playbooks);
    copyTree(Path.of("drills"), home.resolve("drills")); // the drills folder beside the playbooks
    Files.createDirectories(OUT);
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString())); // folders first: walk is pre-order
      }
    }
  }

  @Start
  void start(Stage s) {
    stage = s;
    ui.open(s, home, playbooks);
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  /** On the FX thread, waiting as long as a loaded machine needs (ConsoleDriver.fx gives up after 10 s). */
  private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
    return org.testfx.util.WaitForAsyncUtils.asyncFx(work).get(180, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Resizes the window to each size in turn and captures it, in the light theme and then in the dark one. */
  private void atEverySize(String name) throws Exception {
    for (boolean dark : new boolean[] {false, true}) {
      fx(() -> {
        boolean isDark = ((javafx.scene.control.Labeled) stage.getScene().lookup("#theme-toggle")).getText()
            .contains("Light");
        if (isDark != dark) {
          ((javafx.scene.control.Button) stage.getScene().lookup("#theme-toggle")).fire();
        }
        return null;
      });
      for (int[] size : SIZES) {
        capture(name + (dark ? "-dark" : ""), size);
      }
    }
    fx(() -> {
      if (((javafx.scene.control.Labeled) stage.getScene().lookup("#theme-toggle")).getText().contains("Light")) {
        ((javafx.scene.control.Button) stage.getScene().lookup("#theme-toggle")).fire();
      }
      return null;
    });
  }

  private void capture(String name, int[] size) throws Exception {
    ui.sizeWindow(stage, size[0], size[1]);
    String file = name + "-" + size[0] + "x" + size[1];
    ConsoleDriver.writePng(new FxRobot().capture(new Rectangle2D(stage.getX(), stage.getY(), size[0], size[1]))
        .getImage(), OUT.resolve(file + ".png"));
    cuts(file, stage.getScene().getRoot());
  }

  /** What the window drew shortened or past its edge, written beside the build (target/layout-cuts.txt). */
  private static void cuts(String file, javafx.scene.Node root) throws Exception {
    Cuts.write(CUTS, file, fx(() -> Cuts.all(root)));
  }

  /** The sample history's page as picked in the library, then with its rehearsal report (migration 5 red). */
  @Test
  void history(FxRobot robot) throws Exception {
    ui.waitUntil("the sandbox to be connected and its ledger read", 240, () -> ui.text("#status-connection")
        .contains("connected") && ui.text("#status-ledger").contains("chain")); // minutes on a loaded machine
    ui.select("#library-histories", "library (Flyway migrations)");
    ui.waitUntil("the migrations' state on the sandbox", 20, () -> ui.text("#history-summary")
        .startsWith("On sandbox: 0 of 6 applied"));
    atEverySize("history");
    robot.clickOn("#history-rehearse");
    ui.waitUntil("the rehearsal report", 180, () -> ui.idle() && ui.text("#rehearsal-summary").contains("FAILED"));
    atEverySize("history-rehearsal");
    robot.clickOn("#history-apply");
    ui.waitUntil("the history applied", 120, () -> ui.idle() && ui.text("#history-summary")
        .startsWith("On sandbox: 6 of 6 applied"));
    robot.clickOn("#history-rollback");
    ui.waitUntil("the rollback stopped at 5", 120, () -> ui.idle() && ui.text("#history-summary")
        .contains("rolled back WITH DIFFERENCES"));
    atEverySize("history-rollback");
  }

  @Test
  void tour(FxRobot robot) throws Exception {
    ui.waitUntil("the sandbox to be connected and its ledger read", 240, () -> ui.text("#status-connection")
        .contains("connected") && ui.text("#status-ledger").contains("chain")); // minutes on a loaded machine
    ui.select("#library", "Unique customer name key (fails midway on purpose)");
    robot.clickOn("#tab-playbook");
    atEverySize("playbook");
    robot.clickOn("#tab-run");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 60, () -> ui.enabled("#run-to-end"));
    robot.clickOn("#step-forward"); // a run in progress: its first step applied, paused before the next
    ui.waitIdleWithStep(0, backstep.state.StepState.APPLIED);
    atEverySize("run-in-progress");
    robot.clickOn("#run-to-end");
    ui.waitRun(RunState.FAILED);
    robot.clickOn("Make name_key unique (fails on duplicate names)");
    atEverySize("run-failed");
    robot.clickOn("#rollback");
    ui.waitRun(RunState.ROLLED_BACK);
    atEverySize("run-rolled-back");
    robot.clickOn("#tab-ledger");
    ui.waitUntil("ledger rows", 20, () -> !((javafx.scene.control.TableView<?>) robot.lookup("#ledger-runs")
        .query()).getItems().isEmpty());
    fx(() -> {
      javafx.scene.control.TableView<?> runs = robot.lookup("#ledger-runs").query();
      runs.getSelectionModel().select(0);
      return null;
    });
    ui.waitUntil("ledger events", 20, () -> !((javafx.scene.control.TableView<?>) robot.lookup("#ledger-events")
        .query()).getItems().isEmpty());
    fx(() -> {
      javafx.scene.control.TableView<?> events = robot.lookup("#ledger-events").query();
      events.getSelectionModel().select(events.getItems().size() - 1);
      return null;
    });
    atEverySize("ledger");
    robot.clickOn("#tab-trainer");
    atEverySize("trainer");
    ui.selectDrill("A backfill fails midway");
    ui.waitUntil("the drill's briefing", 20, () -> !ui.text("#drill-title").isEmpty());
    robot.clickOn("#tab-drill");
    atEverySize("drill");
    ui.waitUntil("ready on the sandbox", 60, () -> ui.enabled("#drill-start"));
    robot.clickOn("#drill-start"); // an attempt to its debrief: the alert acknowledged, the change rolled back
    ui.waitUntil("alert", 60, () -> ui.enabled("#drill-ack"));
    robot.clickOn("#drill-ack");
    robot.clickOn("#drill-rollback");
    ui.waitUntil("scored", 90, () -> ui.text("#drill-phase").contains("SCORED"));
    robot.clickOn("#drill-debrief");
    ui.waitUntil("debrief", 30, () -> ui.text("#drill-debrief-path").contains("debrief.md"));
    atEverySize("drill-debrief");
    robot.clickOn("#tab-fleet");
    atEverySize("fleet");
    for (boolean dark : new boolean[] {false, true}) { // the dialogs over the window at each size too
      theme(dark);
      for (int[] size : SIZES) {
        ui.sizeWindow(stage, size[0], size[1]);
        String at = (dark ? "-dark-" : "-") + size[0] + "x" + size[1];
        dialog(robot, "#target-add", "#target-name", "targets-dialog" + at);
        dialog(robot, null, "#cheat-sheet", "cheat-sheet" + at);
      }
    }
    theme(false);
  }

  private void theme(boolean dark) throws Exception {
    fx(() -> {
      javafx.scene.control.Button toggle = (javafx.scene.control.Button) stage.getScene().lookup("#theme-toggle");
      if (toggle.getText().contains("Light") != dark) {
        toggle.fire();
      }
      return null;
    });
  }

  /**
   * Opens a dialog ({@code button}, or F1 when null), captures its window, closes it with Esc, waiting each time for
   * the window's state (shown, then no longer showing). The keys go to the scene they are meant for, as its focus
   * would take them: with no window manager under Xvfb a key pressed by the robot went to whichever window had the
   * focus, and twice under load the cheat sheet was not closed by its Esc.
   */
  private void dialog(FxRobot robot, String button, String inside, String name) throws Exception {
    if (button == null) {
      key(stage.getScene(), javafx.scene.input.KeyCode.F1);
    } else {
      robot.clickOn(button);
    }
    ui.waitUntil(name + " shown", 60, () -> robot.lookup(inside).tryQuery()
        .map(n -> n.getScene() != null && n.getScene().getWindow().isShowing()).orElse(false));
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.Scene scene = ((javafx.scene.Node) robot.lookup(inside).query()).getScene();
    javafx.stage.Window window = scene.getWindow();
    ConsoleDriver.writePng(robot.capture(scene.getRoot()).getImage(), OUT.resolve(name + ".png"));
    cuts(name, scene.getRoot());
    key(scene, javafx.scene.input.KeyCode.ESCAPE);
    ui.waitUntil(name + " closed by Esc", 60, () -> !window.isShowing());
  }

  /** Presses and releases {@code code} in {@code scene}: at its focus owner, else at its root. */
  private static void key(javafx.scene.Scene scene, javafx.scene.input.KeyCode code) throws Exception {
    fx(() -> {
      javafx.scene.Node at = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
      for (javafx.event.EventType<javafx.scene.input.KeyEvent> type : List.of(javafx.scene.input.KeyEvent.KEY_PRESSED,
          javafx.scene.input.KeyEvent.KEY_RELEASED)) {
        javafx.event.Event.fireEvent(at, new javafx.scene.input.KeyEvent(type, "", "", code, false, false, false,
            false));
      }
      return null;
    });
  }
}
