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
   * The drill view at 1280×800 (cut on its right: the live column, the scoreboard's targets, the checklist) and the
   * sidebar's drill titles (elided at every size): everything inside the window, no label drawn with "…".
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
    List<String> titles = ConsoleDriver.fx(() -> robot.lookup("#drill-list").query().lookupAll(".lib-title").stream()
        .flatMap(t -> Cuts.elided(t).stream()).toList());
    assertEquals(List.of(), titles, "the sidebar's drill titles drawn in full");
    Node drill = robot.lookup("#drill-view").query();
    assertEquals(List.of(), ConsoleDriver.fx(() -> Cuts.pastTheRightEdge(drill)), "the drill view inside the window");
    assertEquals(List.of(), ConsoleDriver.fx(() -> Cuts.elided(drill)), "the drill view's text drawn in full");
  }

}
