package backstep.ui.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ui.Cuts;
import backstep.ui.FitWindow;
import backstep.ui.fx.Later;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The replay's events at the size the trainer's page gets in a 1440×900 window (1176×740): each event whole inside
 * the window. They were one line each, the drill's briefing 2669 px long, and ran past the window's right edge in the
 * drill tour's replay picture at 1440×900 (this session's cut list), to be read by scrolling the list sideways.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayPaneFitTest {
  private final TrainerModel model = new TrainerModel();
  private FitWindow window;

  @Start
  void start(Stage primary) {
    ReplayPane pane = new ReplayPane(new TrainerController(model), () -> null);
    Later.attachAll(pane); // the console attaches its parts a pulse each (ShellView)
    window = new FitWindow(pane, 1176, 740);
  }

  @AfterEach
  void close() throws Exception {
    window.close();
  }

  @Test
  void everyEventIsDrawnInsideTheWindow() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> model.happened().setAll(
        new Replay.Event(0, "phase", "drill", "briefing: You are backfilling customers.loyalty_tier in batches of"
            + " 2000. Part way through, a statement starts failing (a trigger someone deployed rejects updates of"
            + " newer customers). Checkout keeps writing orders. Roll the change back cleanly and prove nothing the"
            + " application wrote was lost."),
        new Replay.Event(2_700, "phase", "engine", "the engine prepares the run: run lock, ledger schema and chain"
            + " head, run record, telemetry connection"),
        new Replay.Event(3_100, "step", "engine", "✔ add-column applied (145 ms)"))).get();
    for (int[] size : new int[][] {{1176, 740}, {1016, 600}}) {
      window.size(size[0], size[1]);
      assertEquals(List.of(), cuts(), "the replay's events on a page of " + size[0] + "x" + size[1]);
    }
  }

  /**
   * A drill attempt's workload chart on the trainer's page of a 1280×800 window (1016×600): its axis label whole
   * ("workload p95 ms" was drawn "workload ..." along a plot shorter than it, the drill tour's replay picture).
   */
  @Test
  void theWorkloadChartsAxisLabelIsWhole() throws Exception {
    List<Replay.Sample> samples = new java.util.ArrayList<>();
    for (int s = 0; s < 30; s++) {
      samples.add(new Replay.Sample(s * 1000L, 10 + s % 7, 120));
    }
    WaitForAsyncUtils.asyncFx(() -> {
      window.stage().setWidth(1016);
      window.stage().setHeight(600);
      model.setReplay(new Replay("failed-backfill attempt", List.of(new Replay.Event(0, "phase", "drill",
          "briefing")), samples, 30_000, "workload p95 as the drill's clients measured it", List.of()));
    }).get();
    assertEquals(List.of(), cuts(), "the replay's chart on a page of 1016x600");
  }

  private List<String> cuts() throws Exception {
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    return WaitForAsyncUtils.asyncFx(() -> {
      List<String> cut = new java.util.ArrayList<>(Cuts.pastTheRightEdge(window.stage().getScene().getRoot()));
      cut.addAll(Cuts.elided(window.stage().getScene().getRoot()));
      return cut;
    }).get();
  }
}
