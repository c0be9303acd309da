package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.testing.Await;
import backstep.ui.NewNodes;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import backstep.ui.shell.Theme;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression (issue 15, the sandbox's start): the integrity table joined the window with the first playbook's five
 * checks in one pulse, the empty table's 55 nodes and 11 a row (a row, five cells, their texts): 118 new nodes,
 * 106–130 ms of FX-thread CPU on a quiet machine, the largest frame left after the first window
 * (docs/performance.md, "The console's FX thread", session 17 on a quiet machine). Counted, not timed: the nodes new
 * to the window in each pulse, the live column's sections attached a pulse each as the console's {@code ShellView}
 * does, in the live column's size at 1280×800 (400×540).
 */
@ExtendWith(ApplicationExtension.class)
class IntegrityPulsesTest {
  /** The most nodes one pulse may bring into the window as the table joins it (main: 110 here, 118 in the console). */
  private static final int MOST_A_PULSE = 60;

  private final IntegrityModel integrity = new IntegrityModel();
  private final AnimationTimer everyFrame = new AnimationTimer() { // a pulse every frame, as the live charts ask
    @Override
    public void handle(long now) {
      // asks for the next frame
    }
  };
  private Stage stage;
  private LivePanels panels;
  private StackPane page;

  @Start
  void start(Stage primary) {
    LiveController live = new LiveController(new LiveChartsModel(), new BlockersModel(), new UiThread(),
        Runnable::run, Clock.systemUTC());
    panels = new LivePanels(live, integrity);
    Later.attachOne(panels); // the charts' section; the integrity table's joins in the test
    page = new StackPane(panels);
    stage = new Stage();
    stage.setScene(new Scene(page, 400, 540));
    new Theme().install(stage.getScene());
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      everyFrame.stop();
      stage.close();
    }).get();
  }

  /** The live column on screen: the table joins it with the first playbook's checks, a few nodes a pulse. */
  @Test
  void theTableJoinsTheWindowWithItsChecksAFewNodesAPulse() throws Exception {
    List<NewNodes.Pulse> pulses = join(false, true);
    assertTrue(pulses.stream().allMatch(p -> p.nodes() <= MOST_A_PULSE), "pulses over " + MOST_A_PULSE
        + " new nodes: " + pulses.stream().filter(p -> p.nodes() > MOST_A_PULSE).toList());
  }

  /**
   * The console's case: the run page joins the window hidden (the Playbook tab selected), the table with it; its
   * checks' rows come in a few a pulse once the page is shown, and none while it is hidden.
   */
  @Test
  void theTableJoinsAHiddenPageAndMakesItsRowsAFewAPulseWhenShown() throws Exception {
    List<NewNodes.Pulse> pulses = join(true, true);
    assertTrue(pulses.stream().allMatch(p -> p.nodes() <= MOST_A_PULSE), "pulses over " + MOST_A_PULSE
        + " new nodes: " + pulses.stream().filter(p -> p.nodes() > MOST_A_PULSE).toList());
  }

  /**
   * The console's order (ConsoleFramesIT): the table joins the hidden run page empty, and the library's first pick
   * brings the checks a few pulses later; no cell is made until the page is shown (main made the rows' 44 nodes, on
   * this branch's first commit the measuring row's 11).
   */
  @Test
  void checksThatComeToAHiddenPagesTableMakeNoCellsUntilShown() throws Exception {
    List<NewNodes.Pulse> pulses = join(true, false);
    assertTrue(pulses.stream().allMatch(p -> p.nodes() <= MOST_A_PULSE), "pulses over " + MOST_A_PULSE
        + " new nodes: " + pulses.stream().filter(p -> p.nodes() > MOST_A_PULSE).toList());
  }

  /** Rows made a few a pulse are the table's own: the window's copy menu copies a check's row from it. */
  @Test
  void aChecksRowIsCopiedFromItsContextMenu(org.testfx.api.FxRobot robot) throws Exception {
    join(false, true);
    fx(() -> {
      backstep.ui.shell.TableCopy.install(stage.getScene());
      return null;
    });
    javafx.scene.Node cell = fx(() -> panels.lookup("#integrity-table").lookupAll(".table-cell").stream()
        .filter(n -> n instanceof TableCell<?, ?> c && "no orphan orders".equals(c.getText())).findFirst()
        .orElseThrow());
    backstep.ui.ContextMenus.requestOn(cell);
    robot.clickOn("#copy-row");
    String copied = fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
    assertTrue(copied.startsWith("no orphan orders\t"), "the check's row copied: " + copied);
  }

  /**
   * Puts the add-email-verified playbook's five checks in the model, then the integrity table's section into the
   * window (into a hidden page, shown twenty pulses later, when {@code hidden}); waits until every check's row draws
   * its name and twenty more pulses passed; the pulses that brought nodes meanwhile.
   */
  private List<NewNodes.Pulse> join(boolean hidden, boolean checksFirst) throws Exception {
    Playbook pb = new PlaybookLoader(null).load(Path.of("playbooks", "add-email-verified.yaml"));
    NewNodes counter = fx(() -> {
      everyFrame.start();
      if (checksFirst) {
        integrity.reset(pb.checks());
      }
      page.setVisible(!hidden);
      NewNodes n = NewNodes.afterNow(stage.getScene());
      Later.attachOne(panels);
      return n;
    });
    if (!checksFirst) {
      long joined = fx(counter::pulseCount);
      Await.until("five pulses", Duration.ofSeconds(30), () -> fx(counter::pulseCount) >= joined + 5);
      fx(() -> {
        integrity.reset(pb.checks());
        return null;
      });
    }
    if (hidden) {
      long at = fx(counter::pulseCount);
      Await.until("twenty pulses", Duration.ofSeconds(30), () -> fx(counter::pulseCount) >= at + 20);
      assertEquals(List.of(), fx(() -> checksWithCells(false)), "no check's row made while the page is hidden");
      assertEquals(0, fx(() -> panels.lookup("#integrity-table").lookupAll(".table-cell").size()),
          "no cell made while the page is hidden (the measuring row's neither)");
      fx(() -> {
        page.setVisible(true);
        return null;
      });
    }
    List<String> names = pb.checks().stream().map(c -> c.name()).toList();
    Await.until("every check's row in sight drawn", Duration.ofSeconds(30), () -> fx(() -> {
      List<TableRow<?>> drawn = drawnRows(true);
      TableView<?> table = (TableView<?>) panels.lookup("#integrity-table");
      double bottom = drawn.stream().mapToDouble(r -> r.getLayoutY() + r.getHeight()).max().orElse(0);
      return drawn.size() == names.size() || !drawn.isEmpty() && drawnChecks().equals(names.subList(0, drawn.size()))
          && bottom >= table.lookup(".virtual-flow").getLayoutBounds().getHeight();
    }));
    long at = fx(counter::pulseCount);
    Await.until("twenty pulses more", Duration.ofSeconds(30), () -> fx(counter::pulseCount) >= at + 20);
    List<NewNodes.Pulse> pulses = fx(() -> {
      counter.stop();
      return counter.pulses();
    });
    pulses.forEach(p -> System.out.println("IntegrityPulsesTest " + (hidden ? "hidden page: " : "") + p));
    return pulses;
  }

  /** The checks whose row draws its name in a cell in sight, in the table's order. */
  private List<String> drawnChecks() {
    return checksWithCells(true);
  }

  /** The checks whose row has a cell with the check's name (in sight, or anywhere), in the table's order. */
  private List<String> checksWithCells(boolean inSight) {
    return drawnRows(inSight).stream().map(r -> ((IntegrityRow) r.getItem()).check()).toList();
  }

  /** The rows with a cell that draws their check's name (in sight, or anywhere), in the table's order. */
  private List<TableRow<?>> drawnRows(boolean inSight) {
    TableView<?> table = (TableView<?>) panels.lookup("#integrity-table");
    if (table == null || inSight && !backstep.ui.fx.OnScreen.shown(table)) {
      return List.of();
    }
    return table.lookupAll(".table-row-cell").stream().<TableRow<?>>map(n -> (TableRow<?>) n)
        .filter(r -> !r.isEmpty() && r.getIndex() >= 0 && (r.isVisible() || !inSight)
            && r.getItem() instanceof IntegrityRow i
            && r.getChildrenUnmodifiable().stream().anyMatch(c -> c instanceof TableCell<?, ?> cell
                && i.check().equals(cell.getText())))
        .sorted(java.util.Comparator.comparingInt(TableRow::getIndex)).toList();
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
