package backstep.ui.drill;

import backstep.ui.shell.Headers;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The drill's attempts on this target from the ledger, oldest first, with the trend and a Replay button. */
final class HistoryPane extends VBox {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm")
      .withZone(ZoneId.systemDefault());

  HistoryPane(DrillModel model, Consumer<AttemptRow> replay) {
    setId("drill-history-pane");
    getStyleClass().add("panel-section");
    Label head = new Label("HISTORY");
    head.getStyleClass().add("section-header");
    Label trend = new Label();
    trend.setId("drill-trend");
    trend.getStyleClass().add("hint");
    trend.textProperty().bind(model.trendProperty());
    trend.setWrapText(true); // under the head, in full: "no attempts yet on this target" was cut
    trend.setMinHeight(Region.USE_PREF_SIZE);
    trend.managedProperty().bind(trend.textProperty().isNotEmpty());
    head.setMinWidth(Region.USE_PREF_SIZE);
    trend.setTooltip(new javafx.scene.control.Tooltip("* an automatic (headless) attempt: the auto-operator decided"));
    TableView<AttemptRow> table = new TableView<>(model.history());
    table.setId("drill-history");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    Headers.whole(table);
    Label none = new Label("No attempt of this drill on this target yet.");
    none.setWrapText(true);
    table.setPlaceholder(none);
    table.getColumns().add(col("when", a -> WHEN.format(a.startedAt()) + (a.automatic() ? " *" : "")));
    table.getColumns().add(col("", a -> a.passed() ? "✔" : "✖"));
    table.getColumns().add(col("detect", a -> AttemptRow.secs(a.detect())));
    table.getColumns().add(col("decide", a -> AttemptRow.secs(a.decide())));
    table.getColumns().add(col("restore", a -> AttemptRow.secs(a.restore())));
    table.getColumns().add(col("lost", a -> a.writesLost() < 0 ? "?" : Long.toString(a.writesLost())));
    table.setPrefHeight(130);
    table.setMinHeight(90);
    table.getColumns().get(0).setMinWidth(62); // "18:02 *" whole; the others' least is their header's (Headers)
    table.getStyleClass().add("drill-history");
    TableColumn<AttemptRow, ?> mark = table.getColumns().get(1);
    mark.setMinWidth(26);
    mark.setPrefWidth(26);
    mark.setMaxWidth(26);
    table.getColumns().get(5).setMaxWidth(56);
    VBox.setVgrow(table, Priority.ALWAYS);
    Button open = new Button("Replay");
    open.setId("drill-replay");
    open.getStyleClass().add("small");
    open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    open.setMinWidth(Region.USE_PREF_SIZE);
    open.setOnAction(e -> replay.accept(table.getSelectionModel().getSelectedItem()));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox top = new HBox(10, head, gap, open);
    top.getStyleClass().add("panel-head");
    getChildren().addAll(top, trend, table);
    setSpacing(4);
  }

  private static TableColumn<AttemptRow, String> col(String name, Function<AttemptRow, String> f) {
    TableColumn<AttemptRow, String> c = new TableColumn<>(name);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
    c.setSortable(false);
    return c;
  }
}
