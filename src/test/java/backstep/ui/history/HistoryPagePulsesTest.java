package backstep.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ui.NewNodes;
import backstep.ui.PagePulses;
import backstep.ui.fx.UiThread;
import backstep.ui.shell.ShellView;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Regression (issue 15, the console's frames): the history page joined the window in two pieces, the page (145 new
 * nodes in one pulse, 58 ms of CSS and layout on a quiet machine: docs/performance.md, "Session 18, on a quiet
 * machine") and its split of the two tables (121). In the console's frame at 1280×800, counted, not timed: no pulse
 * after the first window brings more than {@link PagePulses#MOST_A_PULSE} nodes, and once settled the page is whole.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryPagePulsesTest {
  private HistoryController controller;
  private PagePulses window;

  @Start
  void start(Stage stage) {
    controller = new HistoryController(new HistoryModel(), null, new UiThread(), Runnable::run, Clock.systemUTC(),
        () -> "ana", () -> stage, Set::of);
    window = new PagePulses(stage, ShellView.Page.HISTORY, new HistoryView(controller));
  }

  @AfterEach
  void stop() {
    window.stop();
  }

  /**
   * The page joined and shown, then a history picked (six migrations), then rehearsed (the report's rows): the
   * migrations' rows come a few a pulse. They came all in one pulse.
   */
  @Test
  void aHistoryPickedOnTheShownPageComesAFewNodesAPulse() throws Exception {
    int before = window.join(false, 10).size();
    PagePulses.fx(() -> {
      HistoryViewTest.sample(controller, false);
      return null;
    });
    window.pulses(20);
    PagePulses.fx(() -> { // the rehearsal's report, seconds later
      HistoryViewTest.rehearsed(controller);
      return null;
    });
    window.pulses(20);
    List<NewNodes.Pulse> pulses = window.pulses().subList(before, window.pulses().size());
    pulses.forEach(p -> System.out.println("picked " + p));
    assertEquals(List.of(), PagePulses.over(pulses), "pulses over " + PagePulses.MOST_A_PULSE + " new nodes");
    assertEquals(6, rows("#history-migrations"), "every migration's row drawn");
    int report = rows("#rehearsal-report");
    assertTrue(report >= 2, "the report's rows drawn: " + report); // as many as its height holds (HistoryViewTest)
    for (String id : List.of("#history-rehearse", "#history-range", "#history-summary", "#rehearsal-broken")) {
      assertTrue(PagePulses.fx(() -> window.lookup(id) != null && window.lookup(id).isVisible()), id + " shown");
    }
  }

  /**
   * A history picked right after the window opened, before the pages joined (the console brings the History tab
   * forward with it): the migrations' rows take their cells a few a pulse while the page's next pieces join. The
   * rows' pulse and the report table's piece came in one pulse, 111 new nodes (docs/performance.md, session 19).
   */
  @Test
  void aHistoryPickedWhileThePagesJoinComesAFewNodesAPulse() throws Exception {
    PagePulses.fx(() -> {
      HistoryViewTest.sample(controller, false);
      return null;
    });
    List<NewNodes.Pulse> pulses = window.join(true, 20);
    assertEquals(List.of(), PagePulses.over(pulses), "pulses over " + PagePulses.MOST_A_PULSE + " new nodes");
    assertEquals(6, rows("#history-migrations"), "every migration's row drawn");
    assertTrue(window.lookup("#rehearsal-report") != null, "the report's table in the window");
  }

  /** No history picked yet (the console's start): the page joins hidden, then its tab is picked. */
  @Test
  void theEmptyPageJoinsHiddenAFewNodesAPulse() throws Exception {
    List<NewNodes.Pulse> pulses = window.join(false, 10);
    assertEquals(List.of(), PagePulses.over(pulses), "pulses over " + PagePulses.MOST_A_PULSE + " new nodes");
    assertTrue(window.lookup("#history-migrations") != null && window.lookup("#rehearsal-report") != null,
        "both tables in the window");
  }

  private int rows(String table) {
    return PagePulses.fx(() -> (int) window.lookup(table).lookupAll(".indexed-cell").stream()
        .filter(n -> n instanceof IndexedCell<?> c && c.getStyleClass().toString().contains("row-cell")
            && !c.isEmpty() && c.getItem() != null && c.isVisible()).map(Node.class::cast).count());
  }
}
