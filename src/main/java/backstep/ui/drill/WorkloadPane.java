package backstep.ui.drill;

import backstep.ui.panels.SlidingAxis;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The synthetic workload as its clients see it, once a second: ops/s, p95 and errors/s, and the p95 over time. The
 * chart's axes are {@link SlidingAxis}es, ranged here from the points on round ticks: a JavaFX auto-ranged axis made
 * all its labels again at each new point (22 new nodes a second; docs/performance.md, "The console's FX thread").
 */
final class WorkloadPane extends VBox {
  /** Seconds between the time axis's ticks: the first that gives at most six steps. */
  private static final double[] TIME_UNITS = {5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};

  WorkloadPane(DrillModel model) {
    setId("drill-workload");
    getStyleClass().add("panel-section");
    Label head = new Label("WORKLOAD");
    head.getStyleClass().add("section-header");
    HBox figures = new HBox(18, figure("ops/s", "workload-ops", model.opsProperty()),
        figure("p95", "workload-p95", model.p95Property()),
        figure("errors/s", "workload-errors", model.errorsProperty()));
    SlidingAxis x = new SlidingAxis();
    SlidingAxis y = new SlidingAxis();
    XYChart.Series<Number, Number> p95 = model.p95Series();
    p95.getData().addListener((ListChangeListener<XYChart.Data<Number, Number>>) c -> range(p95.getData(), x, y));
    range(p95.getData(), x, y);
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId("workload-chart");
    chart.getStyleClass().add("live-chart");
    chart.setCreateSymbols(false);
    chart.setLegendVisible(false);
    chart.setAnimated(false);
    chart.getData().add(model.p95Series());
    chart.setMinHeight(90);
    chart.setPrefHeight(150);
    VBox.setVgrow(chart, Priority.ALWAYS);
    HBox top = new HBox(12, head, figures);
    top.getStyleClass().add("panel-head");
    getChildren().addAll(top, chart);
    setSpacing(2);
  }

  /**
   * The time axis from the first point's second to the last one's, rounded out to its unit; the p95 axis from 0 to
   * 1, 2, 4 or 8 × 10ⁿ above the highest point, in quarters.
   */
  private static void range(List<XYChart.Data<Number, Number>> points, SlidingAxis x, SlidingAxis y) {
    double first = points.isEmpty() ? 0 : points.get(0).getXValue().doubleValue();
    double last = points.isEmpty() ? 0 : points.get(points.size() - 1).getXValue().doubleValue();
    double unit = TIME_UNITS[TIME_UNITS.length - 1];
    for (double u : TIME_UNITS) {
      if (Math.ceil(last / u) - Math.floor(first / u) <= 6) {
        unit = u;
        break;
      }
    }
    x.setLowerBound(Math.floor(first / unit) * unit);
    x.setUpperBound(Math.max(Math.ceil(last / unit), Math.floor(first / unit) + 1) * unit);
    x.tickUnitProperty().set(unit);
    double top = 0;
    for (XYChart.Data<Number, Number> d : points) {
      top = Math.max(top, d.getYValue().doubleValue());
    }
    double upper = SlidingAxis.nice(Math.max(1, top * 1.2));
    y.setLowerBound(0);
    y.setUpperBound(upper);
    y.tickUnitProperty().set(upper / 4);
  }

  private static VBox figure(String name, String id, javafx.beans.value.ObservableValue<String> value) {
    Label v = new Label();
    v.setId(id);
    v.getStyleClass().add("figure-value");
    v.textProperty().bind(value);
    Label n = new Label(name);
    n.getStyleClass().add("hint");
    return new VBox(0, v, n);
  }
}
