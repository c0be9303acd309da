package backstep.ui;

import backstep.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
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
 * Not a test: the SQL panes (highlighting, line numbers, a lint finding on its line), the ledger's event form and a
 * plain run's replay timeline at 1280×800, 1440×900 and 1920×1080, light and dark ({@code NAME-WxH.png},
 * {@code NAME-dark-WxH.png}), written to docs/screenshots/ to be looked at. Run on the sandbox under a screen as large
 * as the largest size:
 * {@code xvfb-run -a -s "-screen 0 1920x1080x24" mvn test -Dtest=ComfortsScreenshots -Dheadless=false
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(ApplicationExtension.class)
class ComfortsScreenshots {
  private static final Path OUT = Path.of("docs/screenshots");
  /** A playbook with a lint finding (BS004: an index built without CONCURRENTLY), to show it on its line. */
  static final Path LINT_MARKS = Path.of("src/test/resources/backstep/ui/lint-marks.yaml");
  private static final int[][] SIZES = {{1280, 800}, {1440, 900}, {1920, 1080}};

  @TempDir
  static Path home;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());
  private Stage stage;

  @BeforeAll
  static void library() throws Exception {
    Path samples = Path.of("playbooks");
    try (Stream<Path> s = Files.walk(samples)) {
      for (Path p : s.toList()) {
        Files.copy(p, home.resolve("playbooks").resolve(samples.relativize(p).toString()));
      }
    }
    Files.copy(LINT_MARKS, home.resolve("playbooks/lint-marks.yaml"));
  }

  @Start
  void start(Stage s) {
    stage = s;
    ui.open(s, home, home.resolve("playbooks"));
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  /** The window at every size, light ({@code name-WxH}) and then dark ({@code name-dark-WxH}). */
  private void atEverySize(String name) throws Exception {
    for (boolean dark : new boolean[] {false, true}) {
      ui.theme(dark);
      for (int[] size : SIZES) {
        capture(dark ? name + "-dark" : name, size);
      }
    }
    ui.theme(false);
  }

  private void capture(String name, int[] size) throws Exception {
    ui.sizeWindow(stage, size[0], size[1]);
    ConsoleDriver.writePng(new FxRobot().capture(new Rectangle2D(stage.getX(), stage.getY(), size[0], size[1]))
        .getImage(), OUT.resolve(name + "-" + size[0] + "x" + size[1] + ".png"));
  }

  @Test
  void comforts(FxRobot robot) throws Exception {
    ui.waitUntil("the sandbox", 180, () -> ui.text("#status-connection").contains("connected")
        && ui.text("#status-ledger").contains("chain"));
    ui.select("#library", "Index orders by status (built without CONCURRENTLY)");
    robot.clickOn("#tab-run");
    robot.clickOn("Index orders by status");
    ui.waitUntil("the finding marked", 60, () -> !robot.lookup("#forward-sql").queryAs(backstep.ui.sql.SqlView.class)
        .marks().isEmpty());
    atEverySize("sql-panes");

    ui.select("#library", "Unique customer name key (fails midway on purpose)");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 120, () -> ui.enabled("#run-to-end"));
    robot.clickOn("#run-to-end");
    ui.waitRun(RunState.FAILED);
    robot.clickOn("Make name_key unique (fails on duplicate names)");
    atEverySize("sql-panes-failed");
    robot.clickOn("#rollback");
    ui.waitRun(RunState.ROLLED_BACK);

    robot.clickOn("#tab-ledger");
    ui.waitUntil("ledger rows", 30, () -> !((TableView<?>) robot.lookup("#ledger-runs").query()).getItems()
        .isEmpty());
    ConsoleDriver.fx(() -> {
      ((TableView<?>) robot.lookup("#ledger-runs").query()).getSelectionModel().select(0);
      return null;
    });
    ui.waitUntil("ledger events", 30, () -> !((TableView<?>) robot.lookup("#ledger-events").query()).getItems()
        .isEmpty());
    ConsoleDriver.fx(() -> {
      TableView<?> events = robot.lookup("#ledger-events").query();
      int check = 0;
      for (int i = 0; i < events.getItems().size(); i++) {
        if (((backstep.ledger.EventRecord) events.getItems().get(i)).type().equals("STEP_FAILED")) {
          check = i;
        }
      }
      events.getSelectionModel().select(check);
      events.scrollTo(Math.max(0, check - 3));
      return null;
    });
    atEverySize("ledger-event-form");

    robot.clickOn("#tab-trainer");
    robot.clickOn("Replay");
    robot.clickOn("#replay-ledger-run");
    ConsoleDriver.fx(() -> {
      Slider s = robot.lookup("#replay-slider").query();
      s.setValue(s.getMax() * 0.6);
      return null;
    });
    atEverySize("run-replay-timeline");
  }
}
