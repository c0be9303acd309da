package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.Cuts;
import backstep.ui.FitWindow;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The integrity table given its checks before it joins the window, as the console's run page is (the playbook
 * picked, then the page shown): each row as tall as its wrapped cells. At 1280×800 the first row ("customers keep
 * every row" beside "customer data unchanged after rollback") was drawn in three lines inside a row 28 px high, its
 * top and bottom cut (docs/console.md, session 18's pictures after the merge: {@code tour-manual-dialog-1280x800}).
 */
@ExtendWith(ApplicationExtension.class)
class IntegrityTableFitTest {
  private final IntegrityModel integrity = new IntegrityModel();
  private final LiveChartsModel charts = new LiveChartsModel();
  private FitWindow window;

  @Start
  void start(Stage primary) {
    // the window is made in each test, after its checks
  }

  @AfterEach
  void close() throws Exception {
    if (window != null) {
      window.close();
    }
  }

  @Test
  void checksGivenBeforeTheTableJoinsTheWindowAreDrawnWhole() throws Exception {
    LivePanels panels = panels(new BlockersModel(), 5);
    window.size(400, 540);
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(panels.lookup("#integrity-table"))).get(),
        "the checks' cells drawn whole in their rows");
  }

  /**
   * The blocked-run tour at 1280×800 (the live column 400×540): the slow backfill's five checks with their baselines
   * taken, the run holding customers and the support dashboard waiting behind it. The row 'customer data unchanged
   * after rollback' (its 20-digit checksum on three lines) was 60–74 px tall in a table whose viewport was 47–58 px:
   * never whole in sight, however far scrolled (session 19's console tour, {@code tour-run-in-progress-1280x800}).
   * Every check's row fits the table's viewport, and the charts keep their room.
   */
  @Test
  void aBlockedRunsChecksEachFitTheirTablesViewAt1280x800() throws Exception {
    BlockersModel blockers = new BlockersModel();
    LivePanels panels = panels(blockers, 0);
    String sum = "10608342596320846355";
    WaitForAsyncUtils.asyncFx(() -> {
      for (String[] c : new String[][] {{"customers keep every row", "20000"},
          {"customer data unchanged after rollback", sum}, {"emails stay unique", "0"}, {"no orphan orders", "0"},
          {"every customer has notes", "0"}}) {
        integrity.accept(new backstep.engine.CheckOutcome(c[0], "before", null, null, c[1], "baseline only", true,
            null, 4));
      }
      backstep.telemetry.Blocker run = new backstep.telemetry.Blocker(6546, "postgres", "active",
          "UPDATE customers SET notes = 'n' || id", 9100, java.util.List.of(6650L), "backstep", "");
      backstep.telemetry.Blocker dashboard = new backstep.telemetry.Blocker(6650, "postgres", "waiting: active",
          "SELECT count(*) FROM customers", 7300, java.util.List.of(), "support-dashboard",
          "AccessShareLock on customers");
      blockers.show(new backstep.telemetry.Reading(java.time.Instant.EPOCH, java.util.Map.of(),
          java.util.List.of(dashboard), java.util.List.of(run), null), true, 6546);
    }).get();
    window.size(400, 540);
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.rowsTallerThanTheirView(
        panels.lookup("#integrity-table"))).get(), "every check's row whole in the table's view");
    double chart = WaitForAsyncUtils.asyncFx(() -> panels.lookup("#latency-chart").lookup(".chart-plot-background")
        .getLayoutBounds().getHeight()).get();
    // the room is not taken from the charts: their plots as high as they were (30–32 px at 400×540)
    org.junit.jupiter.api.Assertions.assertTrue(chart >= 30, "the latency plot " + chart + " px high");
  }

  /** The live column with add-email-verified's first {@code checks} given before it joins a 400×540 window. */
  private LivePanels panels(BlockersModel blockers, int checks) throws Exception {
    Playbook pb = new PlaybookLoader(null).load(Path.of("playbooks", "add-email-verified.yaml"));
    return WaitForAsyncUtils.asyncFx(() -> {
      integrity.reset(pb.checks().subList(0, checks));
      LivePanels p = new LivePanels(new LiveController(charts, blockers, new UiThread(),
          Runnable::run, Clock.systemUTC()), integrity);
      while (Later.attachOne(p)) {
        // every section's body in the window, as the console's ShellView attaches them
      }
      window = new FitWindow(p, 400, 540);
      return p;
    }).get();
  }
}
