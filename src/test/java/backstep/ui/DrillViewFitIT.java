package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The drill view and the sidebar's drills at the smallest laptop size, on the sandbox (a home of its own). */
@ExtendWith(ApplicationExtension.class)
class DrillViewFitIT {
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

  /**
   * The drill view at 1280×800 (cut on its right: the live column, the scoreboard's targets, the checklist), the
   * sidebar's lines (drill titles and the lines under them, elided at every size) and the fault timeline (its only
   * fault cut after two lines), then the fleet page's message: everything inside the window, no label drawn with
   * "…", every fault whole.
   */
  @Test
  void theDrillViewAndTheSidebarsDrillTitlesFitAt1280x800(FxRobot robot) throws Exception {
    ConsoleDriver.fx(() -> {
      stage.setX(0);
      stage.setY(0);
      stage.setWidth(1280);
      stage.setHeight(800);
      return null;
    });
    ui.waitUntil("the sandbox to be connected", 180, () -> ui.text("#status-connection").contains("connected"));
    ui.selectDrill("A backfill fails midway");
    ui.waitUntil("the drill's briefing", 20, () -> !ui.text("#drill-title").isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    ConsoleDriver.writePng(robot.capture(new javafx.geometry.Rectangle2D(0, 0, 1280, 800)).getImage(),
        Path.of("target/console-layout-drill-1280x800.png"));
    // the sidebar: the drills' titles and their second lines ("connection-lost-mariadb · 1 fault · expect
    // rollback" was cut), the playbooks' and histories' too, and the folder's path
    assertEquals(List.of(), ConsoleDriver.fx(() -> Cuts.elided(robot.lookup(".sidebar").query())),
        "the sidebar's lines drawn in full");
    Node drill = robot.lookup("#drill-view").query();
    assertEquals(List.of(), ConsoleDriver.fx(() -> Cuts.pastTheRightEdge(drill)), "the drill view inside the window");
    assertEquals(List.of(), ConsoleDriver.fx(() -> Cuts.elided(drill)), "the drill view's text drawn in full");
    assertEquals(List.of(), ConsoleDriver.fx(() -> faultRowsCut(robot)), "the fault timeline's rows whole in sight");
    // the live column's text above its panes' bottoms: the integrity table's placeholder was half hidden behind the
    // splitter, the empty blockers table below it keeping 190 px (session 16)
    assertEquals(List.of(), ConsoleDriver.fx(() -> Cuts.cutAtTheBottom(robot.lookup("#drill-live-panels").query())),
        "the drill page's live column in sight");

    robot.clickOn("#tab-fleet"); // no central ledger in this home's targets file: the page says so, in full
    ui.waitUntil("the fleet page's message", 20, () -> ui.text("#fleet-status").contains("central ledger"));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(List.of(), ConsoleDriver.fx(() -> Cuts.elided(robot.lookup("#fleet-page").query())),
        "the fleet page's message drawn in full");
  }

  /**
   * The fault rows cut by the bottom of their list (it was 84 px high: the only fault's first two lines showed,
   * its detail under the fold), each as "row N: its bottom at y in a list ending at y".
   */
  private static List<String> faultRowsCut(FxRobot robot) {
    javafx.scene.control.ListView<?> faults = robot.lookup("#drill-faults").query();
    javafx.geometry.Bounds list = faults.localToScene(faults.getLayoutBounds());
    List<String> cut = new java.util.ArrayList<>();
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (Node n : faults.lookupAll(".list-cell")) {
      if (n instanceof javafx.scene.control.ListCell<?> c && !c.isEmpty() && c.getIndex() >= 0 && c.isVisible()
          && c.getParent().isVisible()) {
        javafx.geometry.Bounds b = c.localToScene(c.getLayoutBounds());
        seen.add(c.getIndex());
        if (b.getMaxY() > list.getMaxY() + 0.5 || b.getMinY() < list.getMinY() - 0.5) {
          cut.add("row " + c.getIndex() + ": " + b.getMinY() + "–" + b.getMaxY() + " in a list " + list.getMinY()
              + "–" + list.getMaxY());
        }
      }
    }
    if (faults.getItems().isEmpty() || seen.size() < faults.getItems().size()) {
      cut.add("rows in sight: " + seen + " of " + faults.getItems().size());
    }
    return cut;
  }

}
