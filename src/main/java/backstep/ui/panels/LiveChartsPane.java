package backstep.ui.panels;

import backstep.ui.fx.Later;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The live charts — probe latency, locks, transactions — over the last five minutes, each with its guard
 * thresholds and its latest values; a chart whose threshold is breached is framed in red and says so. Binds to a
 * {@link LiveChartsModel}; ids {@code #latency-chart}, {@code #locks-chart}, {@code #rates-chart}. The lower two are
 * a {@link Later} part.
 */
public final class LiveChartsPane extends VBox {
  private static final PseudoClass BREACHED = PseudoClass.getPseudoClass("breached");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  public LiveChartsPane(LiveChartsModel model) {
    setId("live-charts");
    getStyleClass().add("live-charts");
    setSpacing(2);
    // latency across the top; locks and transactions side by side under it
    VBox latency = chart(model, ChartKind.LATENCY);
    VBox locks = chart(model, ChartKind.LOCKS);
    VBox rates = chart(model, ChartKind.RATES);
    HBox.setHgrow(locks, Priority.ALWAYS);
    HBox.setHgrow(rates, Priority.ALWAYS);
    locks.setPrefWidth(100);
    rates.setPrefWidth(100);
    HBox lower = new HBox(6, locks, rates);
    VBox.setVgrow(latency, Priority.ALWAYS);
    VBox.setVgrow(lower, Priority.ALWAYS);
    getChildren().add(latency);
    Later.add(this, lower); // the second and third chart join the window on a pulse of their own
  }

  private static VBox chart(LiveChartsModel model, ChartKind kind) {
    LiveChartsModel.Chart c = model.chart(kind);
    SlidingAxis x = new SlidingAxis(); // its tick labels kept as the window slides, not made again each second
    x.tickUnitProperty().bind(model.xTickProperty());
    x.setMinorTickVisible(false);
    x.lowerBoundProperty().bind(model.xLowerProperty());
    x.upperBoundProperty().bind(model.xUpperProperty());
    x.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number n) {
        return CLOCK.format(Instant.ofEpochMilli(model.originMillis() + (long) (n.doubleValue() * 1000)));
      }

      @Override
      public Number fromString(String s) {
        return 0;
      }
    });
    SlidingAxis y = new SlidingAxis(); // its labels kept when a spike raises the range
    y.setLowerBound(0);
    y.upperBoundProperty().bind(c.yUpperProperty());
    y.tickUnitProperty().bind(c.yUpperProperty().divide(4));
    y.setMinorTickVisible(false);
    y.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number n) {
        return LiveChartsModel.fmt(n.doubleValue());
      }

      @Override
      public Number fromString(String s) {
        return 0;
      }
    });
    ThresholdChart chart = new ThresholdChart(x, y, c.thresholds());
    chart.setId(kind.id());
    chart.getStyleClass().add("live-chart");
    chart.setData(c.series());
    for (int i = 0; i < c.series().size(); i++) {
      String style = "series-" + i;
      XYChart.Series<Number, Number> s = c.series().get(i);
      if (s.getNode() != null) {
        s.getNode().getStyleClass().add(style);
      }
      s.nodeProperty().addListener((o, a, n) -> {
        if (n != null && !n.getStyleClass().contains(style)) {
          n.getStyleClass().add(style);
        }
      });
      // LineChart leaves the last path drawn when a series becomes empty (another target, no canary any more)
      s.getData().addListener((javafx.collections.ListChangeListener<XYChart.Data<Number, Number>>) ch -> {
        if (s.getData().isEmpty() && s.getNode() instanceof javafx.scene.shape.Path path) {
          path.getElements().clear();
        }
      });
    }
    chart.setLegendVisible(false);
    chart.setMinHeight(60); // the three charts whole in a short section (1280×800): the lower row was cut off
    chart.setPrefHeight(130);
    chart.setMinWidth(80); // a chart's own minimum (200 px) pushed the pair past a narrow column's right edge
    VBox.setVgrow(chart, Priority.ALWAYS);

    Label title = new Label(kind.title());
    title.getStyleClass().add("section-header");
    title.setMinWidth(Region.USE_PREF_SIZE);
    Label unit = new Label(kind.unit());
    unit.getStyleClass().add("hint");
    unit.setMinWidth(Region.USE_PREF_SIZE);
    List<Label> keys = new ArrayList<>();
    for (int i = 0; i < kind.series().size(); i++) {
      Label key = new Label("━ " + kind.series().get(i));
      key.getStyleClass().addAll("series-key", "series-key-" + i);
      key.visibleProperty().bind(Bindings.isNotEmpty(c.series().get(i).getData()));
      key.managedProperty().bind(key.visibleProperty());
      key.setMinWidth(Region.USE_PREF_SIZE);
      keys.add(key);
    }
    Label latest = new Label();
    latest.setId(kind.id() + "-latest");
    latest.getStyleClass().add("chart-latest");
    latest.textProperty().bind(c.latestProperty());
    latest.setMinWidth(0);
    Label breach = new Label("✖ BREACH");
    breach.getStyleClass().add("breach-badge");
    breach.setMinWidth(Region.USE_PREF_SIZE);
    breach.visibleProperty().bind(c.breachedProperty());
    breach.managedProperty().bind(breach.visibleProperty());
    latest.setMinWidth(Region.USE_PREF_SIZE);
    // in a narrow column each key and the latest values go to the next line rather than being cut: the head is
    // only as wide as its widest word, so the charts keep to the column's width
    FlowPane head = new FlowPane(8, 0, title, unit);
    head.getChildren().addAll(keys);
    head.getChildren().addAll(breach, latest);
    head.setMinWidth(0);
    head.getStyleClass().add("chart-head");
    VBox box = new VBox(0, head, chart);
    box.getStyleClass().add("chart-box");
    c.breachedProperty().addListener((o, a, b) -> box.pseudoClassStateChanged(BREACHED, b));
    box.pseudoClassStateChanged(BREACHED, c.breachedProperty().get());
    return box;
  }
}
