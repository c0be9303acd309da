package backstep.ui.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ui.NewNodes;
import backstep.ui.PagePulses;
import backstep.ui.fx.UiThread;
import backstep.ui.panels.BlockersModel;
import backstep.ui.panels.LiveChartsModel;
import backstep.ui.panels.LiveController;
import backstep.ui.shell.ShellView;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Regression (issue 15, the console's frames): the drill page's middle column (the scoreboard, the workload and the
 * timeline) joined the window as one piece of 134 new nodes (docs/performance.md "Session 18, on a quiet machine").
 * In the console's frame at 1280×800, counted, not timed: no pulse after the first window brings more than
 * {@link PagePulses#MOST_A_PULSE} nodes of the drill's own, and once settled the page is whole. The live panels'
 * charts (helper "rows", {@code backstep.ui.panels}) are one piece of their own, counted apart.
 */
@ExtendWith(ApplicationExtension.class)
class DrillPagePulsesTest {
  private PagePulses window;

  @Start
  void start(Stage stage) {
    LiveController live = new LiveController(new LiveChartsModel(), new BlockersModel(), new UiThread(),
        Runnable::run, Clock.systemUTC());
    DrillController controller = new DrillController(new DrillModel(), live, null, null, new UiThread(),
        Runnable::run, Clock.systemUTC(), () -> "ana", Path.of("target"));
    window = new PagePulses(stage, ShellView.Page.DRILL, new DrillView(controller, a -> { }));
  }

  @AfterEach
  void stop() {
    window.stop();
  }

  /** No drill picked yet (the console's start): the page joins hidden, then its tab is picked. */
  @Test
  void theEmptyPageJoinsHiddenAFewNodesAPulse() throws Exception {
    List<NewNodes.Pulse> pulses = window.join(false, 10);
    List<NewNodes.Pulse> over = pulses.stream().filter(p -> own(p) > PagePulses.MOST_A_PULSE).toList();
    assertEquals(List.of(), over, "pulses over " + PagePulses.MOST_A_PULSE + " new nodes of the drill's own");
    for (String id : List.of("#drill-scoreboard", "#drill-workload", "#drill-timeline", "#drill-history",
        "#drill-faults", "#drill-steps")) {
      assertTrue(window.lookup(id) != null, id + " in the window");
    }
  }

  /** A pulse's new nodes but the live charts' own piece (the charts' lower row, 125 nodes, in ui.panels). */
  private static int own(NewNodes.Pulse p) {
    return p.nodes() - (p.largest().startsWith("HBox under LiveChartsPane#drill-live-charts") ? p.largestNodes() : 0);
  }
}
