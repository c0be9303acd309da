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
  private FitWindow window;
  private LivePanels panels;

  @Start
  void start(Stage primary) {
    LiveController live = new LiveController(charts, blockers, new UiThread(), Runnable::run,
        Clock.systemUTC());
    panels = new LivePanels(live, integrity);
    while (Later.attachOne(panels)) {
      // every section's body in the window, as the console's ShellView attaches them
    }
    window = new FitWindow(panels, 400, 540);
  }

  @AfterEach
  void close() throws Exception {
    window.close();
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

  /**
   * The blocked-run tour at 1280×800 (400×540, a blocker listed): the locks chart with production's two default
   * thresholds, both at 5 ("pause · latest lock waiters > 5", "pause · latest longest lock wait > 5 s"), while the
   * run's ALTER waits 8 s. Their labels were shortened ("── pause … waiters > 5", whole only in their tooltips) and
   * the second was drawn 11 px under the plot's bottom (docs/console.md, session 17's console tour). Every threshold
   * label whole, and inside its plot.
   */
  @Test
  void theLocksChartsProductionThresholdsAreDrawnWholeInsideItsPlot() throws Exception {
    Blocker run = new Blocker(6546, "postgres", "waiting: active", "ALTER TABLE accounts ADD COLUMN note text", 8100,
        List.of(), "backstep", "AccessExclusiveLock on accounts");
    Blocker holder = new Blocker(6649, "postgres", "idle in transaction", "SELECT count(*) FROM accounts", 8100,
        List.of(6546L), "billing-worker", "");
    WaitForAsyncUtils.asyncFx(() -> {
      charts.setGuards(backstep.playbook.Monitoring.defaultsFor("production"), "production defaults",
          java.time.Duration.ofSeconds(2));
      List<Reading> readings = new java.util.ArrayList<>();
      for (int s = 0; s <= 20; s++) {
        double waited = s < 12 ? 0 : (s - 12) * 1000.0;
        readings.add(new Reading(Instant.parse("2026-12-07T10:00:00Z").plusSeconds(s), Map.of(
            backstep.telemetry.Metric.LOCK_WAITERS, s < 12 ? 0.0 : 1.0,
            backstep.telemetry.Metric.LONGEST_LOCK_WAIT_MS, waited, backstep.telemetry.Metric.PROBE_MS, 2.0),
            List.of(), List.of(), null));
      }
      charts.add(readings);
      blockers.show(new Reading(Instant.EPOCH, Map.of(), List.of(run), List.of(holder), null), true, 6546);
    }).get();
    resize(400, 540);
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> {
      Node chart = panels.lookup("#locks-chart");
      List<String> all = new java.util.ArrayList<>(Cuts.elided(chart));
      all.addAll(Cuts.cutAtTheBottom(chart));
      all.addAll(Cuts.pastTheRightEdge(chart));
      return all;
    }).get();
    assertEquals(List.of(), cut, "the locks chart's threshold labels drawn whole inside its plot");
  }

  /**
   * The five checks of add-email-verified after its run, in the live column of a 1280×800 window (400×540), of a
   * 1440×900 one (460×640) and of the drill page at 1280×800 (360×460), no session blocked: every value drawn whole
   * (the Check, Before/Now and Expected cells ended in "…" at 1280 and 1440: `custome…`, `10608…`, `same as …`, whole
   * only in the row's tooltip) and, in the run view's column at 1440×900, every row whole in sight (the empty
   * blockers table kept the room; at 1280×800 the charts keep their least height and the table scrolls).
   */
  @Test
  void theIntegrityTablesChecksAreDrawnWholeAndInSight() throws Exception {
    String sum = "10608342596320846355";
    WaitForAsyncUtils.asyncFx(() -> {
      integrity.accept(outcome("customers keep every row", "20000", "20000", "same as before (20000)"));
      integrity.accept(outcome("customer data unchanged after rollback", sum, sum, "same as before (" + sum + ")"));
      integrity.accept(outcome("no orphan orders", "0", "0", "= 0"));
      integrity.accept(outcome("emails stay unique", "0", "0", "no duplicate (email)"));
      integrity.accept(outcome("every customer has email_verified", "0", "0", "no NULL in email_verified"));
    }).get();
    for (double[] size : new double[][] {{400, 540}, {460, 640}, {360, 460}}) {
      resize(size[0], size[1]);
      String at = Math.round(size[0]) + "x" + Math.round(size[1]) + ": ";
      assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(panels.lookup("#integrity-table"))).get(),
          at + "the checks' cells drawn whole");
      assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.pastTheRightEdge(panels)).get(),
          at + "the live column inside its window");
      if (size[1] >= 640) { // at 1280×800 the charts keep their 230 px and four rows of five are in sight
        assertEquals(List.of(), WaitForAsyncUtils.asyncFx(this::integrityRowsNotWhollyInSight).get(),
            at + "every check's row whole in sight");
      }
    }
  }

  /**
   * The five checks of add-email-verified at 1280×800's live column (400×540) and the drill page's (360×460), where
   * the table scrolls after about four rows: its vertical scroll bar covered the Status column's last 8 px
   * ("◉ baselin", session 16's tour picture): the columns were fitted to the table's width without the bar that the
   * grown rows bring. Every cell's text clear of the bar, and still drawn whole.
   */
  @Test
  void theIntegrityTablesScrollBarCoversNoStatus() throws Exception {
    String sum = "10608342596320846355";
    WaitForAsyncUtils.asyncFx(() -> {
      integrity.reset(List.of());
      for (String[] c : new String[][] {{"customers keep every row", "20000"},
          {"customer data unchanged after rollback", sum}, {"no orphan orders", "0"}, {"emails stay unique", "0"},
          {"every customer has email_verified", "0"}}) {
        // taken before the run: "◉ baseline", the widest status
        integrity.accept(new backstep.engine.CheckOutcome(c[0], "before", null, null, c[1], "baseline only", true,
            null, 4));
      }
    }).get();
    for (double[] size : new double[][] {{400, 540}, {360, 460}, {400, 440}}) {
      resize(size[0], size[1]);
      String at = Math.round(size[0]) + "x" + Math.round(size[1]) + ": ";
      assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.underAScrollBar(panels.lookup("#integrity-table")))
          .get(), at + "no check's cell under the table's scroll bar");
      assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(panels.lookup("#integrity-table"))).get(),
          at + "the checks' cells drawn whole");
    }
  }

  /**
   * The drill page's live column at 1280×800 (360×460) for a playbook that declares no checks and no session
   * blocked: the integrity table's placeholder was half hidden behind the splitter (its section at its 60 px least,
   * the empty blockers table below it 190 px tall).
   */
  @Test
  void theIntegrityPlaceholderIsInSightOnTheDrillPageAt1280x800() throws Exception {
    resize(360, 460);
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.cutAtTheBottom(panels)).get(),
        "no text of the live column hidden under a pane's bottom");
    double[] b = WaitForAsyncUtils.asyncFx(() -> {
      Node placeholder = panels.lookup("#integrity-table").lookup(".placeholder");
      Node label = ((javafx.scene.layout.StackPane) placeholder).getChildren().get(0);
      Bounds text = label.localToScene(label.getLayoutBounds());
      Node section = panels.getItems().get(1);
      Bounds box = section.localToScene(section.getLayoutBounds());
      return new double[] {text.getMinY(), text.getMaxY(), box.getMaxY(), text.getHeight()};
    }).get();
    assertTrue(b[3] > 10 && b[1] <= b[2] + 1, "the placeholder at y=" + b[0] + "–" + b[1] + ", its section ends at y="
        + b[2]);
  }

  /**
   * Two sessions of other applications block the run (the blocked-run tour's `support-dashboard` and
   * `billing-worker-eu-west`): the blockers table's cells are drawn whole (the App column ended in "…" at 1280×800);
   * the table scrolls sideways, its columns as wide as their values.
   */
  @Test
  void theBlockersCellsAreDrawnWhole() throws Exception {
    Blocker run = new Blocker(6546, "postgres", "waiting: active", "ALTER TABLE accounts ADD COLUMN note text", 8100,
        List.of(), "backstep", "AccessExclusiveLock on accounts");
    Blocker holder = new Blocker(6649, "app_billing_rw", "idle in transaction", "UPDATE accounts SET owner = owner",
        8100, List.of(6546L), "billing-worker-eu-west", "");
    Blocker dashboard = new Blocker(6650, "dashboard_ro", "active", "SELECT count(*) FROM accounts", 7300,
        List.of(6546L), "support-dashboard", "");
    WaitForAsyncUtils.asyncFx(() -> blockers.show(new Reading(Instant.EPOCH, Map.of(), List.of(run),
        List.of(holder, dashboard), null), true, 6546)).get();
    resize(400, 540);
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(panels.lookup("#blockers-table"))).get(),
        "the blockers' cells drawn whole");
  }

  /**
   * A blocker that held up three sessions, then only the run's (the blocked-run tour: the canary and the support
   * dashboard gave up waiting): the Who column kept the width of "▲ blocks 6546, 6650, 6651", about 215 px wider
   * than its value at 1280×800, and pushed User past the table's edge. Each column as wide as its widest value now
   * shown (or its header), not the widest it ever showed.
   */
  @Test
  void theBlockersColumnsNarrowAgainWhenTheirValuesDo() throws Exception {
    Blocker run = new Blocker(6546, "postgres", "waiting: active", "ALTER TABLE accounts ADD COLUMN note text", 8100,
        List.of(), "backstep", "AccessExclusiveLock on accounts");
    Blocker canary = new Blocker(6650, "postgres", "waiting: active", "SELECT 1 FROM accounts LIMIT 1", 900,
        List.of(), "backstep-canary", "AccessShareLock on accounts");
    Blocker dashboard = new Blocker(6651, "dashboard_ro", "waiting: active", "SELECT count(*) FROM accounts", 7300,
        List.of(), "support-dashboard", "AccessShareLock on accounts");
    String query = "UPDATE accounts SET owner = owner";
    resize(400, 540);
    WaitForAsyncUtils.asyncFx(() -> blockers.show(new Reading(Instant.EPOCH, Map.of(), List.of(run, canary,
        dashboard), List.of(new Blocker(6649, "postgres", "idle in transaction", query, 8100,
        List.of(6546L, 6650L, 6651L, 6652L, 6653L), "billing-worker", "")), null), true, 6546)).get();
    resize(400, 540);
    WaitForAsyncUtils.asyncFx(() -> blockers.show(new Reading(Instant.EPOCH, Map.of(), List.of(run), List.of(
        new Blocker(6649, "postgres", "idle in transaction", query, 9100, List.of(6546L), "billing-worker", "")),
        null), true, 6546)).get();
    resize(400, 540);
    double[] widths = WaitForAsyncUtils.asyncFx(() -> {
      javafx.scene.control.TableView<?> t = (javafx.scene.control.TableView<?>) panels.lookup("#blockers-table");
      javafx.scene.text.Text m = new javafx.scene.text.Text("▲ blocks 6546");
      Node cell = t.lookupAll(".table-cell").stream().filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
          && "▲ blocks 6546".equals(c.getText())).findFirst().orElseThrow();
      m.setFont(((javafx.scene.control.TableCell<?, ?>) cell).getFont());
      return new double[] {t.getColumns().get(0).getWidth(), m.getLayoutBounds().getWidth()};
    }).get();
    assertTrue(widths[0] <= widths[1] + 40, "the Who column " + Math.round(widths[0]) + " px for a value "
        + Math.round(widths[1]) + " px wide");
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(panels.lookup("#blockers-table"))).get(),
        "the blockers' cells drawn whole");
  }

  private static backstep.engine.CheckOutcome outcome(String name, String before, String now, String expected) {
    return new backstep.engine.CheckOutcome(name, "after_forward", null, before, now, expected, true, null, 4);
  }

  /** The window at {@code w}×{@code h}, laid out with its wrapped cells' heights known (a few pulses). */
  private void resize(double w, double h) throws Exception {
    window.size(w, h);
  }

  /** The integrity table's rows not drawn whole inside its viewport, as "check: y–y in y–y". */
  private List<String> integrityRowsNotWhollyInSight() {
    javafx.scene.control.TableView<?> table = (javafx.scene.control.TableView<?>) panels.lookup("#integrity-table");
    Node flow = table.lookup(".virtual-flow");
    Bounds view = flow.localToScene(flow.getLayoutBounds());
    Node section = panels.getItems().get(1);
    Bounds box = section.localToScene(section.getLayoutBounds());
    double bottom = Math.min(view.getMaxY(), box.getMaxY());
    List<String> out = new java.util.ArrayList<>();
    java.util.Set<Integer> whole = new java.util.TreeSet<>();
    for (Node n : table.lookupAll(".table-row-cell")) {
      if (n instanceof javafx.scene.control.TableRow<?> r && !r.isEmpty() && r.getIndex() >= 0 && r.isVisible()) {
        Bounds b = r.localToScene(r.getLayoutBounds());
        if (b.getMaxY() <= bottom + 0.5 && b.getMinY() >= view.getMinY() - 0.5) {
          whole.add(r.getIndex());
        }
      }
    }
    for (int i = 0; i < table.getItems().size(); i++) {
      if (!whole.contains(i)) {
        out.add("row " + i + " (" + ((backstep.ui.panels.IntegrityRow) table.getItems().get(i)).check()
            + ") not whole in sight; the table's rows end at y=" + Math.round(bottom) + "; the sections "
            + panels.getItems().stream().map(k -> Math.round(((Region) k).getHeight())).toList() + ", the rows "
            + table.lookupAll(".table-row-cell").stream().filter(k -> !((javafx.scene.control.TableRow<?>) k)
            .isEmpty()).map(k -> Math.round(((Region) k).getHeight())).toList());
      }
    }
    return out;
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
