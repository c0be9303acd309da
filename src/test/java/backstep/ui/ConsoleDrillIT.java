package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ScratchDb;
import backstep.ui.drill.FaultRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Issue 6's console "Done when": a drill run through the window on a scratch PostgreSQL database (seeded with the
 * demo shop). Start the failed-backfill drill; its fault fires (the fault timeline lights up) and the alert banner
 * shows; the operator — this test, through the buttons — acknowledges and rolls back; the scoreboard then holds
 * real times in the order detect ≤ decide ≤ restore, and no committed write is lost; the attempt appears in the
 * drill's history and its debrief can be exported. The two cases share one console ({@link SharedConsole}; it was
 * built for each until session 14): each starts a drill of its own (its own history) and waits for its own values.
 */
class ConsoleDrillIT {
  private static final Pattern SECONDS = Pattern.compile("(\\d+\\.\\d) s");

  @TempDir
  static Path home;

  static ScratchDb scratch;

  @RegisterExtension
  static final SharedConsole CONSOLE = new SharedConsole(() -> home, () -> home.resolve("playbooks"));
  private static final FxRobot robot = CONSOLE.robot();
  private static final ConsoleDriver ui = CONSOLE.ui();

  @BeforeAll
  static void target() throws Exception {
    scratch = ConsoleDriver.seededStagingTarget(home, "drill-pg");
    testDrills(home);
  }

  /**
   * Test-only drills in {@code home/drills} (the console reads drills beside its playbook folder): the failed
   * backfill with a gate before the backfill, naming the staging target {@code drill-pg}; and one naming a target
   * the console does not know.
   */
  private static void testDrills(Path home) throws java.io.IOException {
    Path drills = Files.createDirectories(home.resolve("drills/playbooks"));
    Files.createDirectories(home.resolve("playbooks"));
    String playbook = Files.readString(Path.of("drills/playbooks/customers-loyalty-tier.yaml"))
        .replace("id: customers-loyalty-tier", "id: gated-loyalty-tier")
        .replace("  - id: backfill\n", """
              - id: confirm-backfill
                kind: gate
                title: Confirm the backfill
                prompt: The column is in place. Start the backfill?
              - id: backfill
            """);
    Files.writeString(drills.resolve("gated-loyalty-tier.yaml"), playbook);
    String drill = Files.readString(Path.of("drills/failed-backfill.yaml"))
        .replace("title: A backfill fails midway", "title: A gated backfill fails midway")
        .replace("target: sandbox", "target: drill-pg")
        .replace("playbooks/customers-loyalty-tier.yaml", "playbooks/gated-loyalty-tier.yaml");
    Files.writeString(home.resolve("drills/gated-backfill.yaml"), drill);
    Files.writeString(home.resolve("drills/elsewhere.yaml"), drill.replace("target: drill-pg", "target: nowhere")
        .replace("title: A gated backfill fails midway", "title: A drill for a target nobody defined"));
    Files.writeString(home.resolve("drills/rejected-gate.yaml"), drill
        .replace("title: A gated backfill fails midway", "title: A gate the team rejects"));
  }

  @AfterAll
  static void drop() throws Exception {
    try {
      CONSOLE.close();
      System.out.println("ConsoleDrillIT: the console was built " + CONSOLE.builds() + " time(s) for its cases");
    } finally {
      if (scratch != null) {
        scratch.close();
      }
    }
  }

  @Test
  void operatorAcknowledgesAndRollsBackAndTheScoreboardShowsTheTimes() throws Exception {
    ui.waitUntil("the drills in the sidebar", 30, () -> drills(robot).getItems().size() == 3);
    ui.selectDrill("A drill for a target nobody defined");
    ui.waitUntil("the unknown target named, and no start", 20, () -> ui.text("#drill-where")
        .contains("names target 'nowhere'") && !ui.enabled("#drill-start"));

    // The drill names drill-pg: it connects on its own, while the console's current target stays the sandbox.
    ui.selectDrill("A gated backfill fails midway");
    ui.waitUntil("drill mode on drill-pg", 40, () -> ui.text("#drill-title").contains("A gated backfill fails midway")
        && ui.text("#drill-where").equals("runs on drill-pg (staging)") && ui.enabled("#drill-start"));
    assertTrue(!ui.text("#status-connection").contains("drill-pg"), ui.text("#status-connection"));
    assertTrue(ui.text("#drill-briefing").contains("loyalty_tier"), ui.text("#drill-briefing"));
    assertEquals(FaultRow.State.PLANNED, faultState(robot));

    robot.clickOn("#drill-start");
    waitDrill(robot, "the gate to ask the team", 60, () -> robot.lookup("#drill-gate-approve").tryQuery()
        .isPresent());
    assertEquals(FaultRow.State.PLANNED, faultState(robot), "the change waits at the gate: no fault yet");
    robot.clickOn("#drill-gate-approve");
    waitDrill(robot, "the fault to fire and the alert to show", 60, () -> faultState(robot) == FaultRow.State.FIRED
        && ConsoleDriver.fx(() -> robot.lookup("#drill-alert").query().isVisible())
        && ui.enabled("#drill-ack"));
    assertTrue(ui.text("#drill-alert").contains("ALERT"), ui.text("#drill-alert"));
    assertTrue(!ui.text("#drill-clock").equals("00:00.0"), "the drill clock runs");
    List<String> timeline = timeline(robot);
    int asked = indexOf(timeline, "gate 'confirm-backfill' waits for the team");
    int approved = indexOf(timeline, "source=ana, text=gate 'confirm-backfill' approved after");
    assertTrue(asked >= 0 && asked < approved && approved < indexOf(timeline, "kind=FAULT"),
        String.join("\n", timeline));

    java.time.Instant ackFrom = java.time.Instant.now();
    robot.clickOn("#drill-ack");
    java.time.Instant ackTo = java.time.Instant.now();
    ui.waitUntil("the acknowledgement", 10, () -> !ui.enabled("#drill-ack"));
    java.time.Instant rollbackFrom = java.time.Instant.now();
    robot.clickOn("#drill-rollback");
    java.time.Instant rollbackTo = java.time.Instant.now();
    ui.waitUntil("the decision shown", 10, () -> ui.text("#drill-decision").contains("decided to roll back"));
    waitDrill(robot, "the scoreboard", 60, () -> ui.text("#drill-phase").contains("SCORED"));
    // honest timing: each action is recorded at its click (within 200 ms), not when the drill got round to it
    timeline = timeline(robot);
    assertClickedBetween(timeline, "operator acknowledged the incident", ackFrom, ackTo);
    assertClickedBetween(timeline, "text=decided to roll back", rollbackFrom, rollbackTo);

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

  /**
   * A rejected gate stops the change there, as it does outside drills (the run pauses at the gate, the step it
   * guards never runs, so its fault never fires); the team then rolls back through the button.
   */
  @Test
  void aRejectedGateStopsTheChangeAtTheGate() {
    ui.waitUntil("the drills in the sidebar", 30, () -> drills(robot).getItems().size() == 3);
    ui.selectDrill("A gate the team rejects");
    // its own drill's title first: after the other case, drill mode shows that drill on drill-pg with Start enabled
    waitDrill(robot, "drill mode on drill-pg", 40, () -> ui.text("#drill-title").contains("A gate the team rejects")
        && ui.text("#drill-where").equals("runs on drill-pg (staging)") && ui.enabled("#drill-start"));
    robot.clickOn("#drill-start");
    waitDrill(robot, "the gate to ask the team", 60, () -> robot.lookup("#drill-gate-reject").tryQuery()
        .isPresent());
    robot.clickOn("#drill-gate-reject");
    waitDrill(robot, "the run stopped at the gate", 30, () -> indexOf(timeline(robot), "kind=RUN, source=engine, "
        + "text=gated-loyalty-tier paused") >= 0);
    List<String> timeline = timeline(robot);
    assertTrue(indexOf(timeline, "text=gate 'confirm-backfill' rejected after") >= 0, String.join("\n", timeline));
    assertTrue(indexOf(timeline, "▶ backfill") < 0, "the gated step never ran: " + String.join("\n", timeline));
    robot.clickOn("#drill-rollback");
    waitDrill(robot, "the scoreboard", 60, () -> ui.text("#drill-phase").contains("SCORED"));
    assertTrue(ui.text("#drill-status").contains("run rolled back"), ui.text("#drill-status"));
    assertEquals(FaultRow.State.PLANNED, faultState(robot), "the fault's step was never reached");
  }

  private static List<String> timeline(FxRobot robot) {
    return ConsoleDriver.fx(() -> ((ListView<?>) robot.lookup("#drill-timeline").query()).getItems().stream()
        .map(String::valueOf).toList());
  }

  /** The timeline event containing {@code part} happened between the click's start and end (plus 200 ms). */
  private static void assertClickedBetween(List<String> lines, String part, java.time.Instant from,
      java.time.Instant to) {
    String line = lines.get(indexOf(lines, part));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("at=([^,]+),").matcher(line);
    assertTrue(m.find(), line);
    java.time.Instant at = java.time.Instant.parse(m.group(1));
    assertTrue(!at.isBefore(from.minusMillis(200)) && !at.isAfter(to.plusMillis(200)),
        part + " recorded at " + at + ", clicked between " + from + " and " + to);
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  /** Waits like {@link ConsoleDriver#waitUntil}, and on a timeout says where the drill was: status and timeline. */
  private void waitDrill(FxRobot robot, String what, int seconds, java.util.concurrent.Callable<Boolean> condition) {
    try {
      ui.waitUntil(what, seconds, condition);
    } catch (AssertionError e) {
      snapshot(robot);
      throw new AssertionError(e.getMessage() + "\nwhere: " + ui.text("#drill-where") + "\ndrill: "
          + ui.text("#drill-phase") + " · " + ui.text("#drill-status")
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
