package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.telemetry.Blocker;
import backstep.telemetry.Reading;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import backstep.ui.panels.BlockersModel;
import backstep.ui.panels.IntegrityModel;
import backstep.ui.panels.LiveChartsModel;
import backstep.ui.panels.LiveController;
import backstep.ui.panels.LivePanels;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live column at the size it gets in a 1280×800 window (400×540) with a blocked run's blocker in it: the
 * blocker's detail line under the table (who, state, for how long, then its query) is in sight to its last line.
 * Its section kept only the line's unwrapped height (two lines), and the query's wrapped lines were cut at the
 * pane's bottom in the blocked-run tour's picture. In a window of its own (TestFX's primary stage is shared).
 */
@ExtendWith(ApplicationExtension.class)
class LivePanelsFitTest {
  private final BlockersModel blockers = new BlockersModel();
  private final IntegrityModel integrity = new IntegrityModel();
  private final LiveChartsModel charts = new LiveChartsModel();
  private Stage stage;
  private LivePanels panels;

  @Start
  void start(Stage primary) {
    LiveController live = new LiveController(charts, blockers, new UiThread(), Runnable::run,
        Clock.systemUTC());
    panels = new LivePanels(live, integrity);
    while (Later.attachOne(panels)) {
      // every section's body in the window, as the console's ShellView attaches them
    }
    stage = new Stage();
    stage.setScene(new Scene(panels, 400, 540));
    new backstep.ui.shell.Theme().install(stage.getScene());
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    WaitForAsyncUtils.asyncFx(stage::close).get();
  }

  /**
   * A row count of 20000 before and now, in the integrity table of the same column: the Now column gave way to its
   * header's width and drew "20…" beside a whole "20000" (the live demo's picture at 1280×800).
   */
  @Test
  void aCheckedCountIsDrawnWholeBeforeAndNow() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> integrity.accept(new backstep.engine.CheckOutcome("customers keep every row",
        "after_step", "add-notes", "20000", "20000", "same as before (20000)", true, null, 4))).get();
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.elided(panels.lookup("#integrity-table"))).get();
    assertEquals(List.of(), cut.stream().filter(c -> c.startsWith("'20000'")).toList(), "the counts drawn whole");
  }

  /**
   * Two guard thresholds on the latency chart, one still measuring its baseline: their labels are drawn whole
   * inside the plot. Right-aligned and wider than the plot, a label began at its left edge and ran past its right,
   * where the plot area clips: "rollback · p95 canary > 3× baseline (measuring…)" lost its end, and the cut-text
   * check (window edge only) did not see it.
   */
  @Test
  void aThresholdsLabelIsDrawnWholeInsideItsChart() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> charts.chart(backstep.ui.panels.ChartKind.LATENCY).thresholds().setAll(
        new backstep.ui.panels.ThresholdLine("rollback · p95 canary > 3× baseline (measuring…)", Double.NaN, false),
        new backstep.ui.panels.ThresholdLine("pause · p95 probe > 250 ms over the last 30 s", 250, true))).get();
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.pastTheRightEdge(panels)).get(),
        "the live column's text inside the window and the panes that clip it");
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(panels.lookup("#live-charts"))).get(),
        "the charts' text drawn whole");
  }

  /**
   * The locks chart, half the live column's width and a plot about 60 px high, with two production thresholds: each
   * label took two lines, the second stacked under the first, and its last line was drawn under the plot's bottom
   * (the blocked-run tour's picture at 1280×800, "lock waiters > 5" half hidden). Every label inside its plot, and
   * no two on top of each other.
   */
  @Test
  void theLocksChartsThresholdLabelsStayInsideItsPlot() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> charts.chart(backstep.ui.panels.ChartKind.LOCKS).thresholds().setAll(
        new backstep.ui.panels.ThresholdLine("pause · latest lock waiters > 5", 5, false),
        new backstep.ui.panels.ThresholdLine("pause · latest longest wait > 2 s", Double.NaN, false))).get();
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    List<String> outside = WaitForAsyncUtils.asyncFx(() -> {
      Node chart = panels.lookup("#locks-chart");
      Node plot = chart.lookup(".chart-plot-background");
      Bounds area = plot.localToScene(plot.getLayoutBounds());
      List<Bounds> drawn = new java.util.ArrayList<>();
      List<String> bad = new java.util.ArrayList<>();
      for (Node n : chart.lookupAll(".threshold-label")) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        String text = ((javafx.scene.control.Label) n).getText();
        if (b.getMinY() < area.getMinY() - 1 || b.getMaxY() > area.getMaxY() + 1 || b.getMinX() < area.getMinX() - 1
            || b.getMaxX() > area.getMaxX() + 1) {
          bad.add("'" + text + "' at " + b + " outside the plot " + area);
        }
        for (Bounds o : drawn) {
          if (o.intersects(b.getMinX() + 1, b.getMinY() + 1, b.getWidth() - 2, b.getHeight() - 2)) {
            bad.add("'" + text + "' on top of another label");
          }
        }
        drawn.add(b);
      }
      return bad;
    }).get();
    assertEquals(List.of(), outside, "the locks chart's threshold labels");
  }

  @Test
  void aBlockedRunsBlockerDetailIsInSightToItsLastLine() throws Exception {
    Blocker run = new Blocker(6546, "postgres", "waiting: active", "ALTER TABLE accounts ADD COLUMN note text", 8100,
        List.of(), "backstep", "AccessExclusiveLock on accounts");
    Blocker holder = new Blocker(6649, "postgres", "idle in transaction",
        "SELECT count(*) FROM accounts WHERE owner LIKE 'owner 1%' AND created_at > now() - interval '30 days'",
        8100, List.of(6546L), "billing-worker", "");
    WaitForAsyncUtils.asyncFx(() -> blockers.show(new Reading(Instant.EPOCH, Map.of(), List.of(run),
        List.of(holder), null), true, 6546)).get();
    for (int i = 0; i < 3; i++) { // a wrapped line's height is known once it has its width: a pulse or two
      WaitForAsyncUtils.waitForFxEvents();
    }
    Node detail = panels.lookup("#blocker-detail");
    double[] drawn = WaitForAsyncUtils.asyncFx(() -> {
      Bounds text = detail.lookup(".text").localToScene(detail.lookup(".text").getLayoutBounds());
      Bounds pane = panels.localToScene(panels.getLayoutBounds());
      return new double[] {text.getMaxY(), pane.getMaxY(), text.getHeight()};
    }).get();
    // the layout screenshots' check (target/layout-cuts.txt) sees it too
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.cutAtTheBottom(panels)).get(),
        "no text of the live column hidden under a pane's bottom");
    assertTrue(drawn[2] > 50, "the detail wraps to several lines at 400 px: " + drawn[2] + " px");
    String sections = WaitForAsyncUtils.asyncFx(() -> panels.getItems().stream().map(n -> Math.round(
        ((Region) n).getHeight()) + " (min " + Math.round(((Region) n).minHeight(-1)) + ")").toList().toString())
        .get();
    assertTrue(drawn[0] <= drawn[1] + 1, "the detail's last line ends at y=" + drawn[0] + ", the panels at y="
        + drawn[1] + "; the sections' heights " + sections);
  }
}
