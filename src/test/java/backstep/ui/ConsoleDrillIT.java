package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ScratchDb;
import backstep.ui.drill.FaultRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 6's console "Done when": a drill run through the window on a scratch PostgreSQL database (seeded with the
 * demo shop). Start the failed-backfill drill; its fault fires (the fault timeline lights up) and the alert banner
 * shows; the operator — this test, through the buttons — acknowledges and rolls back; the scoreboard then holds
 * real times in the order detect ≤ decide ≤ restore, and no committed write is lost; the attempt appears in the
 * drill's history and its debrief can be exported.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleDrillIT {
  private static final Pattern SECONDS = Pattern.compile("(\\d+\\.\\d) s");

  @TempDir
  static Path home;

  static ScratchDb scratch;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @BeforeAll
  static void target() throws Exception {
    scratch = ConsoleDriver.seededStagingTarget(home, "drill-pg");
  }

  @AfterAll
  static void drop() throws Exception {
    if (scratch != null) {
      scratch.close();
    }
  }

  @Start
  void start(Stage stage) {
    ui.open(stage, home, Path.of("playbooks"));
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  @Test
  void operatorAcknowledgesAndRollsBackAndTheScoreboardShowsTheTimes(FxRobot robot) throws Exception {
    ui.waitUntil("the drills in the sidebar", 30, () -> !drills(robot).getItems().isEmpty());
    robot.clickOn("drill-pg");
    ui.waitUntil("drill-pg connected", 40, () -> ui.text("#status-connection").contains("drill-pg · connected"));
    ConsoleDriver.fx(() -> {
      drills(robot).scrollTo(drills(robot).getItems().stream().filter(e -> e.toString().contains("failed-backfill"))
          .findFirst().orElseThrow());
      return null;
    });
    robot.clickOn("A backfill fails midway");
    ui.waitUntil("drill mode on drill-pg", 20, () -> ui.text("#drill-title").contains("A backfill fails midway")
        && ui.text("#drill-where").equals("on drill-pg (staging)") && ui.enabled("#drill-start"));
    assertTrue(ui.text("#drill-briefing").contains("loyalty_tier"), ui.text("#drill-briefing"));
    assertEquals(FaultRow.State.PLANNED, faultState(robot));

    robot.clickOn("#drill-start");
    waitDrill(robot, "the fault to fire and the alert to show", 60, () -> faultState(robot) == FaultRow.State.FIRED
        && ConsoleDriver.fx(() -> robot.lookup("#drill-alert").query().isVisible())
        && ui.enabled("#drill-ack"));
    assertTrue(ui.text("#drill-alert").contains("ALERT"), ui.text("#drill-alert"));
    assertTrue(!ui.text("#drill-clock").equals("00:00.0"), "the drill clock runs");

    robot.clickOn("#drill-ack");
    ui.waitUntil("the acknowledgement", 10, () -> !ui.enabled("#drill-ack"));
    robot.clickOn("#drill-rollback");
    ui.waitUntil("the decision shown", 10, () -> ui.text("#drill-decision").contains("decided to roll back"));
    waitDrill(robot, "the scoreboard", 60, () -> ui.text("#drill-phase").contains("SCORED"));

    double detect = seconds(ui.text("#score-detect"));
    double decide = seconds(ui.text("#score-decide"));
    double restore = seconds(ui.text("#score-restore"));
    String board = "detect " + detect + ", decide " + decide + ", restore " + restore + "; " + ui.text("#drill-status");
    assertTrue(detect <= decide && decide <= restore, board);
    assertTrue(restore > 0, board);
    assertEquals("0", ui.text("#score-lost"), board);
    assertTrue(ui.text("#score-expected").startsWith("rolled back"), ui.text("#score-expected"));
    assertEquals(FaultRow.State.UNDONE, faultState(robot));
    assertTrue(ui.text("#drill-status").contains("run rolled back"), ui.text("#drill-status"));

    waitDrill(robot, "the attempt in the drill's history", 45, () -> history(robot).getItems().size() == 1);
    assertTrue(ui.text("#drill-trend").startsWith("1 attempt"), ui.text("#drill-trend"));
    waitDrill(robot, "Export debrief shown and enabled", 20, () -> ConsoleDriver.fx(() -> {
      javafx.scene.Node n = robot.lookup("#drill-debrief").query();
      return n.isVisible() && !n.isDisabled() && n.localToScreen(n.getBoundsInLocal()) != null;
    }));
    robot.clickOn("#drill-debrief");
    waitDrill(robot, "the debrief written", 45, () -> ui.text("#drill-debrief-path").contains("debrief.md"));
    Path md = Path.of(ui.text("#drill-debrief-path").replace("Debrief written: ", ""));
    assertTrue(Files.readString(md).contains("operated by people"), md::toString);
  }

  /** Waits like {@link ConsoleDriver#waitUntil}, and on a timeout says where the drill was: status and timeline. */
  private void waitDrill(FxRobot robot, String what, int seconds, java.util.concurrent.Callable<Boolean> condition) {
    try {
      ui.waitUntil(what, seconds, condition);
    } catch (AssertionError e) {
      snapshot(robot);
      throw new AssertionError(e.getMessage() + "\ndrill: " + ui.text("#drill-phase") + " · " + ui.text("#drill-status")
          + "\nalert: " + ui.text("#drill-alert") + "\ndebrief: " + ui.text("#drill-debrief-path")
          + "\ntimeline:\n" + ConsoleDriver.fx(() -> String.join("\n",
          ((ListView<?>) robot.lookup("#drill-timeline").query()).getItems().stream().map(String::valueOf)
          .toList())), e);
    }
  }

  /** What the window showed when a wait timed out: target/ConsoleDrillIT-failure.png. */
  private static void snapshot(FxRobot robot) {
    try {
      javafx.scene.image.WritableImage img = ConsoleDriver.fx(() -> robot.lookup("#shell").query().getScene()
          .snapshot(null));
      ConsoleDriver.writePng(img, Path.of("target", "ConsoleDrillIT-failure.png"));
    } catch (Exception | AssertionError ignored) {
      // the diagnosis is a bonus; the assertion below says what failed
    }
  }

  private static double seconds(String text) {
    Matcher m = SECONDS.matcher(text);
    assertTrue(m.matches(), "a real duration, not '" + text + "'");
    return Double.parseDouble(m.group(1));
  }

  private static FaultRow.State faultState(FxRobot robot) {
    return ConsoleDriver.fx(() -> {
      @SuppressWarnings("unchecked")
      ListView<FaultRow> list = (ListView<FaultRow>) robot.lookup("#drill-faults").query();
      return list.getItems().get(0).state();
    });
  }

  @SuppressWarnings("unchecked")
  private static ListView<Object> drills(FxRobot robot) {
    return (ListView<Object>) robot.lookup("#drill-list").query();
  }

  @SuppressWarnings("unchecked")
  private static TableView<Object> history(FxRobot robot) {
    return (TableView<Object>) robot.lookup("#drill-history").query();
  }
}
