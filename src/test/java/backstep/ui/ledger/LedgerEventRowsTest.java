package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.state.RunState;
import backstep.testing.Await;
import backstep.ui.NewNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression (issue 15, the console's frames): selecting a run in the ledger made its events table's rows in one
 * pulse — a row of 13 nodes (the row and a cell with its text a column) for every line the table's height holds,
 * with an event or empty (a table fills its height with empty rows as soon as it has one item): 182 new nodes in the
 * benchmark's "ledger and replay" frame (docs/performance.md, "The console's FX thread", sessions 15 and 16).
 * Counted, not timed: the nodes new to the window in each pulse, until every line the table shows holds its event.
 */
@ExtendWith(ApplicationExtension.class)
class LedgerEventRowsTest {
  /**
   * The most nodes one pulse may bring into the window when a run is selected (main: 247 at this size, 19 lines of
   * 13 nodes): three rows of 13, the table's measuring row (13) and a node for each empty line.
   */
  private static final int MOST_A_PULSE = 70;
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir
  static Path exports;

  private LedgerController controller;
  private Stage stage;
  private NewNodes nodes;

  @Start
  void start(Stage primary) {
    stage = primary;
    controller = LedgerRowsTest.shown(stage, exports, 1200, 800);
  }

  @AfterEach
  void stop() {
    if (nodes != null) {
      fx(() -> {
        nodes.stop();
        return null;
      });
    }
  }

  @Test
  void aRunWithMoreEventsThanTheTableShowsMakesItsRowsAFewAPulse() {
    List<NewNodes.Pulse> pulses = select(40);
    assertTrue(fx(() -> shownRows() < 40), "the table shows fewer events than the run has (it scrolls)");
    assertTrue(pulses.stream().allMatch(p -> p.nodes() <= MOST_A_PULSE), "pulses over " + MOST_A_PULSE
        + " new nodes: " + pulses.stream().filter(p -> p.nodes() > MOST_A_PULSE).toList());
  }

  @Test
  void aRunWithFewEventsMakesNoRowOfCellsForTheEmptyLinesBelowThem() {
    List<NewNodes.Pulse> pulses = select(3);
    assertEquals(3, fx(this::shownRows), "the run's three events");
    assertTrue(pulses.stream().allMatch(p -> p.nodes() <= MOST_A_PULSE), "pulses over " + MOST_A_PULSE
        + " new nodes: " + pulses.stream().filter(p -> p.nodes() > MOST_A_PULSE).toList());
    int cells = fx(() -> events().lookupAll(".table-cell").size());
    assertTrue(cells <= 4 * 6, cells + " cells in the events table: more than its three rows' (and a measuring "
        + "row's) 6 each");
  }

  /**
   * Selects a run of {@code count} events, as the ledger page does when its read comes back, and waits until every
   * line the events table shows holds an event (or all of them are shown); the pulses that brought nodes meanwhile.
   */
  private List<NewNodes.Pulse> select(int count) {
    RunRecord run = run();
    fx(() -> {
      controller.show(List.of(run), new Ledger.ChainCheck(count, true, -1, null), null);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    fx(() -> {
      nodes = NewNodes.afterNow(stage.getScene());
      controller.model().setDetail(detail(run, count));
      return null;
    });
    Await.until("the events table's lines filled", Duration.ofSeconds(30), Duration.ofMillis(20), () -> fx(() -> {
      int shown = shownRows();
      return shown == count || shown > 0 && lastRowBottom() + rowHeight() > flow().getHeight();
    }));
    WaitForAsyncUtils.waitForFxEvents();
    List<NewNodes.Pulse> pulses = fx(() -> nodes.pulses());
    pulses.forEach(p -> System.out.println("LedgerEventRowsTest " + count + " events: " + p));
    return pulses;
  }

  private TableView<?> events() {
    return (TableView<?>) stage.getScene().lookup("#ledger-events");
  }

  private VirtualFlow<?> flow() {
    return (VirtualFlow<?>) events().lookup(".virtual-flow");
  }

  /** The rows that draw an event: its number in their first cell. */
  private List<TableRow<?>> eventRows() {
    List<TableRow<?>> rows = new ArrayList<>();
    for (Node n : events().lookupAll(".table-row-cell")) {
      if (n instanceof TableRow<?> r && r.getItem() instanceof EventRecord e && r.isVisible() && r.getIndex() >= 0
          && r.getChildrenUnmodifiable().stream().anyMatch(c -> c instanceof TableCell<?, ?> cell
              && String.valueOf(e.seq()).equals(cell.getText()))) {
        rows.add(r);
      }
    }
    return rows;
  }

  private int shownRows() {
    return eventRows().size();
  }

  private double lastRowBottom() {
    return eventRows().stream().mapToDouble(r -> r.getLayoutY() + r.getHeight()).max().orElse(0);
  }

  private double rowHeight() {
    return eventRows().stream().mapToDouble(TableRow::getHeight).max().orElse(0);
  }

  private static RunRecord run() {
    return new RunRecord("run-1", "chg-1", "sandbox", "dedupe-customers-fails", 1, "sha", "p.yaml", "postgresql",
        RunState.ROLLED_BACK, "ana", "ana", "host", 1, null, T0, T0, T0.plusSeconds(2), null);
  }

  private static LedgerReader.RunDetail detail(RunRecord run, int count) {
    List<EventRecord> events = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      events.add(new EventRecord(i, run.runId(), T0.plusMillis(100L * i), "STEP_APPLIED", "step-" + i % 3, "ana",
          "{\"rows\":" + i + "}", "p" + i, "h" + i));
    }
    return new LedgerReader.RunDetail(run, List.of(), events, null);
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
