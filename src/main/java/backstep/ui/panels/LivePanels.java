package backstep.ui.panels;

import backstep.ui.fx.Dividers;
import backstep.ui.fx.Later;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The live column, stacked and resizable: the charts (with the sampler's status and where the thresholds come
 * from), the integrity table, the blocking-session list, then any {@code extra} sections the host adds (drill mode
 * can add its fault timeline or scoreboard). Each section's body is a {@link Later} part: whoever shows the panels
 * attaches it (the console's {@code ShellView} does).
 */
public final class LivePanels extends SplitPane {
  /** The charts' section's least height: three charts whole, axes and heads included. */
  private static final double CHARTS_LEAST = 230;
  /** A divider's thickness, about. */
  private static final double DIVIDER = 6;
  /** How often a row's new height refitted the split since the rows or the column's size last changed. */
  private int rowRefits;

  public LivePanels(LiveController live, IntegrityModel integrity, Node... extra) {
    setId("live-panels");
    setOrientation(Orientation.VERTICAL);
    getStyleClass().add("live-panels");

    Label status = new Label();
    status.setId("live-status");
    status.getStyleClass().add("hint");
    status.textProperty().bind(live.statusProperty());
    status.setMinWidth(0);
    Label guards = new Label();
    guards.setId("live-guards");
    guards.getStyleClass().add("chip");
    guards.textProperty().bind(live.charts().guardsProperty().map(g -> "thresholds: " + g));
    guards.setMinWidth(Region.USE_PREF_SIZE);
    Label replicas = new Label();
    replicas.setId("live-replicas");
    replicas.getStyleClass().add("hint");
    replicas.textProperty().bind(live.replicaLagsProperty());
    replicas.visibleProperty().bind(live.replicaLagsProperty().isNotEmpty());
    replicas.managedProperty().bind(replicas.visibleProperty());
    replicas.setMinWidth(0);
    LiveChartsPane charts = new LiveChartsPane(live.charts());
    VBox.setVgrow(charts, Priority.ALWAYS);
    VBox chartsBox = section("LIVE", charts, status, replicas, guards);
    // the three charts whole, axes and heads included: a split laid out before the window had its size kept the
    // charts' section at its minimum, a strip (1280×800, run and drill views)
    chartsBox.setMinHeight(CHARTS_LEAST);

    IntegrityTable table = new IntegrityTable(integrity);
    Label recorded = new Label();
    recorded.setId("integrity-source");
    recorded.getStyleClass().addAll("chip", "recorded-checks");
    recorded.textProperty().bind(integrity.sourceProperty());
    recorded.visibleProperty().bind(integrity.sourceProperty().isNotEmpty());
    recorded.setMinWidth(0);
    javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
    whole.textProperty().bind(integrity.sourceProperty().map(t -> t + " — values that run recorded, not measured now"));
    recorded.setTooltip(whole);
    VBox integrityBox = section("INTEGRITY", table, recorded);

    BlockersTable blockers = new BlockersTable(live.blockers());
    blockers.setOnEnd((row, kind, at) -> live.endSession(row, kind, at).exceptionally(x -> {
      live.blockers().say("✖ could not " + kind.words() + " pid " + row.pid() + ": " + BlockersTable.cause(x));
      return null;
    }));
    Label summary = new Label();
    summary.setId("blockers-summary");
    summary.getStyleClass().add("hint");
    summary.textProperty().bind(live.blockers().summaryProperty());
    live.blockers().blockingRunProperty().addListener((o, a, b) -> {
      summary.getStyleClass().remove("blocking-run");
      if (b) {
        summary.getStyleClass().add("blocking-run");
      }
    });
    Label action = new Label();
    action.setId("blockers-action");
    action.getStyleClass().add("hint");
    action.setWrapText(true);
    action.textProperty().bind(live.blockers().actionProperty());
    action.visibleProperty().bind(action.textProperty().isNotEmpty());
    action.managedProperty().bind(action.visibleProperty());
    VBox blockersBody = new VBox(4, blockers, new BlockerDetail(blockers));
    VBox.setVgrow(blockers, Priority.ALWAYS);
    // its header and a whole first row, never less: the split above gives way (at 1280×800 and 1440×900 a blocked
    // run's blocker row was cut through under the header, its detail line out of sight)
    blockers.minHeightProperty().bind(blockers.fixedCellSizeProperty().map(f -> f.doubleValue() > 0
        ? 34 + f.doubleValue() : 72.0));
    VBox blockersBox = section("BLOCKERS", blockersBody, summary, action);
    blockersBox.setMinHeight(Region.USE_COMPUTED_SIZE); // the table's minimum, its summary and its detail line

    // no session waiting: the summary says so and the empty table gives its room to the checks (its placeholder
    // took 190 px of the drill page's column at 1280×800 and hid the integrity table's behind the splitter)
    blockers.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(blockers.getItems()));
    blockers.managedProperty().bind(blockers.visibleProperty());

    getItems().addAll(chartsBox, integrityBox, blockersBox);
    getItems().addAll(extra);
    if (extra.length > 0) {
      setDividerPositions(0.50, 0.74, 0.88);
      return;
    }
    // the checks' rows whole, the blockers what they need, the charts the rest (at least their 230 px)
    Dividers.fit(this, length -> positions(length, chartsBox, integrityBox, table, blockersBox, blockers));
    // after the next layout pass: the rows' heights are known then
    backstep.ui.fx.AfterLayout afterLayout = new backstep.ui.fx.AfterLayout(this, () -> Dividers.refit(this));
    Runnable refit = () -> {
      if (!afterLayout.ask(true)) {
        Dividers.refit(this);
      }
    };
    table.getItems().addListener((javafx.collections.ListChangeListener<IntegrityRow>) c -> refit.run());
    blockers.visibleProperty().addListener((o, a, b) -> refit.run());
    table.sceneProperty().addListener((o, a, b) -> refit.run()); // the section's body joins the window later
    // a row's height changed after the fit: fitted again, a few times at most until the rows or the column's size
    // change (a table made taller can lose its scroll bar, its rows get wider and shorter, the split follows them and
    // the bar comes back: a loop)
    table.getItems().addListener((javafx.collections.ListChangeListener<IntegrityRow>) c -> rowRefits = 0);
    heightProperty().addListener((o, a, b) -> rowRefits = 0);
    widthProperty().addListener((o, a, b) -> rowRefits = 0);
    table.wholeRowProperty().addListener((o, a, b) -> {
      if (rowRefits++ < 3) {
        refit.run();
      }
    });
  }

  /**
   * The dividers for a column {@code length} px tall: the blockers' section as tall as it needs (a fifth of the
   * column when sessions wait, its table keeps its least height), the integrity section its rows' height (rows not
   * laid out yet count as two lines) and never less than its tallest row whole, the charts what is left: at least
   * {@link #CHARTS_LEAST} and 45 % of the column, unless the tallest check's row needs room; then down to the
   * charts' own least (each chart at its least height, the three whole).
   */
  private double[] positions(double length, VBox chartsBox, VBox integrityBox, IntegrityTable table,
      VBox blockersBox, BlockersTable sessions) {
    double width = getWidth() > 0 ? getWidth() : -1;
    double blockersLeast = blockersBox.minHeight(width);
    double blockers = sessions.isVisible() || sessions.getScene() == null
        ? Math.max(0.2 * length, blockersLeast) : blockersBox.prefHeight(width);
    double rows = 0;
    java.util.Map<Integer, Double> seen = new java.util.HashMap<>();
    for (Node n : table.lookupAll(".table-row-cell")) {
      if (n instanceof javafx.scene.control.TableRow<?> r && !r.isEmpty() && r.getIndex() >= 0) {
        seen.merge(r.getIndex(), r.getHeight(), Math::max);
      }
    }
    for (int i = 0; i < table.getItems().size(); i++) {
      rows += seen.getOrDefault(i, 0.0) > 0 ? seen.get(i) : 38;
    }
    Node header = table.lookup(".column-header-background");
    double tableNeed = (header instanceof Region h && h.getHeight() > 0 ? h.getHeight() : 30)
        + (table.getItems().isEmpty() ? 44 : rows) + table.snappedTopInset() + table.snappedBottomInset() + 2;
    double around = integrityBox.prefHeight(width) - table.prefHeight(width);
    double integrity = around + tableNeed;
    double gaps = 2 * DIVIDER;
    // the tallest row whole in the table's view: at 1280×800 a blocked run's checksum row (74 px) had 47–58 px
    double integrityLeast = Math.max(60, around + table.wholeRowProperty().get());
    chartsBox.setMinHeight(Region.USE_COMPUTED_SIZE);
    double chartsLeast = Math.min(CHARTS_LEAST, Math.max(chartsBox.minHeight(width),
        length - gaps - blockersLeast - integrityLeast));
    chartsBox.setMinHeight(chartsLeast);
    integrityBox.setMinHeight(integrityLeast);
    // the charts readable as well as whole: at 230 px of 540 the latency plot was a strip 50 px high
    double charts = Math.max(Math.max(chartsLeast, Math.min(0.45 * length, length - gaps - integrityLeast - blockers)),
        length - gaps - integrity - blockers);
    double middle = Math.max(integrityLeast, length - gaps - charts - blockers);
    return new double[] {charts / length, (charts + DIVIDER + middle) / length};
  }

  /**
   * A section: its title, then {@code headExtras} — the first (what the section watches, a line that may be long)
   * and any wrapping label go under the title and wrap in a narrow column instead of being cut; the others (chips)
   * stay on the title's line.
   */
  private static VBox section(String title, Node body, Node... headExtras) {
    Label header = new Label(title);
    header.getStyleClass().add("section-header");
    header.setMinWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox head = new HBox(8, header);
    head.getStyleClass().add("panel-head");
    VBox.setVgrow(body, Priority.ALWAYS);
    VBox box = new VBox(4, head);
    if (headExtras.length > 0) {
      head.getChildren().add(gap);
      for (int i = 1; i < headExtras.length; i++) {
        if (!(headExtras[i] instanceof Label l && l.isWrapText())) {
          head.getChildren().add(headExtras[i]);
        }
      }
      for (int i = 0; i < headExtras.length; i++) {
        if (i == 0 || headExtras[i] instanceof Label l && l.isWrapText()) {
          if (headExtras[i] instanceof Label l) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            if (!l.managedProperty().isBound()) {
              l.managedProperty().bind(l.visibleProperty());
            }
          }
          box.getChildren().add(headExtras[i]);
        }
      }
    }
    Later.add(box, body); // each section's body (charts, a table) joins the window on a pulse of its own
    box.getStyleClass().add("panel-section");
    box.setMinHeight(60);
    box.setMinWidth(0); // in a narrow column the section is cut on its right, its title stays in sight
    return box;
  }
}
