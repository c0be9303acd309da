package backstep.ui.drill;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The synthetic workload as its clients see it, once a second: ops/s, p95 and errors/s, and the p95 over time. */
final class WorkloadPane extends VBox {
  WorkloadPane(DrillModel model) {
    setId("drill-workload");
    getStyleClass().add("panel-section");
    Label head = new Label("WORKLOAD");
    head.getStyleClass().add("section-header");
    HBox figures = new HBox(18, figure("ops/s", "workload-ops", model.opsProperty()),
        figure("p95", "workload-p95", model.p95Property()),
        figure("errors/s", "workload-errors", model.errorsProperty()));
    NumberAxis x = new NumberAxis();
    x.setForceZeroInRange(false);
    x.setMinorTickVisible(false);
    NumberAxis y = new NumberAxis();
    y.setMinorTickVisible(false);
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
