package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
 * Issue 15's frames, counted: after the console's first window, its other pages join it a piece a pulse while the
 * sandbox starts and the library picks its first playbook, and no piece may bring more than a frame's worth of
 * nodes into the window (each new node is styled and laid out for the first time in that pulse). A count, not a
 * time: it holds on a loaded machine (docs/performance.md, "The console's FX thread", session 13).
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleFramesIT {
  /**
   * The most nodes one piece may bring into the window in a pulse (a page, or a part of one that joins on a pulse of
   * its own). Before session 13 the drill page came whole with 320, the history page with 245, the trainer page with
   * 231; the run page's checklist made 216 with the first playbook's rows until session 17, when its rows came to
   * join a few a pulse (80 in its largest pulse now); the largest pieces now are the drill page's columns (147), the
   * history page (145) and the trainer page (138). What else lands in the same pulse (the pick's other rows,
   * a chart's points) is not the piece's and depends on timing, so the budget is on the largest piece, not on the
   * pulse's sum. Since session 18 the ledger's lower half joins in pieces too (30, 23, 59, 63 nodes).
   */
  static final int BUDGET = 180;
  /**
   * The most nodes a pulse may bring into the window at the first switch to a page, once every page has joined it
   * (issue 15: a tab switch took 172 ms of FX-thread CPU in one frame on a quiet machine, session 17).
   */
  static final int SWITCH_BUDGET = 80;
  private static final List<String> TABS = List.of("#tab-run", "#tab-ledger", "#tab-history", "#tab-drill",
      "#tab-trainer", "#tab-fleet", "#tab-playbook");

  @TempDir
  static Path home;

  static Path playbooks;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());
  private final AtomicReference<NewNodes> nodes = new AtomicReference<>();
  private Stage stage;

  @BeforeAll
  static void library() throws Exception {
    playbooks = Files.createDirectories(home.resolve("playbooks"));
    for (String f : List.of("add-email-verified.yaml", "dedupe-customers-fails.yaml")) {
      Files.copy(Path.of("playbooks", f), playbooks.resolve(f));
    }
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    ui.open(stage, home, playbooks);
    nodes.set(new NewNodes(stage.getScene())); // from the pulse after show(): the first window's own is not counted
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  @Test
  void noPieceAfterTheFirstWindowBringsMoreThanAFramesWorthOfNodes(FxRobot robot) {
    ui.waitUntil("the sandbox and the first playbook", 180, () -> ui.text("#status-connection").contains("connected")
        && ui.text("#playbook-title").startsWith("Add customers"));
    List<NewNodes.Pulse> pulses = ConsoleDriver.fx(() -> {
      nodes.get().stop();
      return nodes.get().pulses();
    });
    pulses.forEach(p -> System.out.println("ConsoleFramesIT " + p));
    // the first pulse after show() is the first window's own (its skins and first layout), as the benchmark's
    List<NewNodes.Pulse> after = pulses.subList(1, pulses.size());
    assertTrue(after.stream().allMatch(p -> p.largestNodes() <= BUDGET), "pieces over " + BUDGET + " nodes: "
        + after.stream().filter(p -> p.largestNodes() > BUDGET).toList());
    List<NewNodes.Pulse> switches = firstSwitches(robot);
    assertTrue(switches.stream().allMatch(p -> p.nodes() <= SWITCH_BUDGET), "first switches' pulses over "
        + SWITCH_BUDGET + " nodes: " + switches.stream().filter(p -> p.nodes() > SWITCH_BUDGET).toList());
  }

  /**
   * Shows each page once, every page already in the window (hidden): the pulses that brought nodes in the ten pulses
   * after each click, labelled with the tab.
   */
  private List<NewNodes.Pulse> firstSwitches(FxRobot robot) {
    List<NewNodes.Pulse> all = new ArrayList<>();
    javafx.animation.AnimationTimer everyFrame = new javafx.animation.AnimationTimer() {
      @Override
      public void handle(long now) {
        // a pulse every frame, as the live panels ask for one while they sample
      }
    };
    ConsoleDriver.fx(() -> {
      everyFrame.start();
      return null;
    });
    for (String tab : TABS) {
      NewNodes counting = ConsoleDriver.fx(() -> NewNodes.afterNow(stage.getScene()).label(() -> tab));
      robot.clickOn(tab);
      backstep.testing.Await.until("ten pulses after " + tab, Duration.ofSeconds(60), Duration.ofMillis(20),
          () -> ConsoleDriver.fx(counting::pulseCount) >= 10);
      List<NewNodes.Pulse> pulses = ConsoleDriver.fx(() -> {
        counting.stop();
        return counting.pulses();
      });
      pulses.forEach(p -> System.out.println("ConsoleFramesIT first switch " + p));
      System.out.println("ConsoleFramesIT first switch to " + tab + ": " + pulses.size() + " pulses with new nodes, "
          + "at most " + ConsoleDriver.fx(counting::mostCssLayoutMicros) / 1000 + " ms CPU of CSS and layout a pulse");
      all.addAll(pulses);
    }
    ConsoleDriver.fx(() -> {
      everyFrame.stop();
      return null;
    });
    return all;
  }
}
