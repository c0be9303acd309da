package backstep.ui.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.TargetSpec;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
  /** A console without targets: a picked drill says it cannot start (nothing is connected or sampled). */
  private static final DrillTargets NO_TARGETS = new DrillTargets() {
    @Override
    public Optional<TargetSpec> find(String name) {
      return Optional.empty();
    }

    @Override
    public Set<String> names() {
      return Set.of();
    }

    @Override
    public CompletableFuture<Database> connect(TargetSpec target) {
      return CompletableFuture.failedFuture(new IllegalStateException("no target"));
    }
  };

  private PagePulses window;
  private DrillController controller;

  @Start
  void start(Stage stage) {
    LiveController live = new LiveController(new LiveChartsModel(), new BlockersModel(), new UiThread(),
        Runnable::run, Clock.systemUTC());
    controller = new DrillController(new DrillModel(), live, null, NO_TARGETS, new UiThread(),
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

  /**
   * The page joined and shown, then a drill picked (its briefing, faults, checklist, the scoreboard's rows): its
   * lists and rows come a few nodes a pulse.
   */
  @Test
  void aDrillPickedOnTheShownPageComesAFewNodesAPulse() throws Exception {
    int before = window.join(false, 10).size();
    DrillEntry drill = DrillFiles.load(Path.of("drills", "failed-backfill.yaml"));
    PagePulses.fx(() -> {
      controller.select(drill);
      return null;
    });
    window.pulses(20);
    List<NewNodes.Pulse> pulses = window.pulses().subList(before, window.pulses().size());
    pulses.forEach(p -> System.out.println("picked " + p));
    List<NewNodes.Pulse> over = pulses.stream().filter(p -> own(p) > PagePulses.MOST_A_PULSE).toList();
    assertEquals(List.of(), over, "pulses over " + PagePulses.MOST_A_PULSE + " new nodes of the drill's own");
  }

  /** A pulse's new nodes but the live charts' own piece (the charts' lower row, 125 nodes, in ui.panels). */
  private static int own(NewNodes.Pulse p) {
    return p.nodes() - (p.largest().startsWith("HBox under LiveChartsPane#drill-live-charts") ? p.largestNodes() : 0);
  }
}
