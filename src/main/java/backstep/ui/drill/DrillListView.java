package backstep.ui.drill;

import backstep.ui.shell.CellText;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The sidebar's drills: each drill of the drills folder; selecting one opens drill mode on it. */
public final class DrillListView extends VBox {
  public DrillListView(DrillController controller, Runnable showDrillMode) {
    getStyleClass().add("sidebar-section");
    Label header = new Label("DRILLS");
    header.getStyleClass().add("section-header");
    HBox head = new HBox(header);
    head.getStyleClass().add("section-head");
    ListView<DrillEntry> list = new ListView<>(controller.drills());
    list.setId("drill-list");
    list.getStyleClass().add("library-list");
    list.setPlaceholder(new Label("No drills folder"));
    list.setPrefHeight(130);
    list.setMinHeight(100); // two drills in sight under the menu bar at 1280×800
    list.setCellFactory(v -> new ListCell<>() {
      private final Label icon = new Label("⚡");
      private final Label title = new Label();
      private final Label sub = new Label();
      private final HBox box = new HBox(8, icon, new VBox(1, title, sub));

      {
        icon.getStyleClass().add("lib-icon");
        title.getStyleClass().add("lib-title");
        sub.getStyleClass().add("hint");
        CellText.wrap(title, this, 60); // a drill's title in full, on two lines when it must
        CellText.wrap(sub, this, 60); // "connection-lost-mariadb · 1 fault · expect rollback" in full
        setPrefWidth(0);
      }

      @Override
      protected void updateItem(DrillEntry e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
          setGraphic(null);
          return;
        }
        title.setText(e.title());
        sub.setText(e.subtitle());
        setTooltip(new javafx.scene.control.Tooltip(e.title() + "\n" + e.file()));
        setGraphic(box);
      }
    });
    list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null && b != controller.model().entry()) {
        controller.select(b);
        showDrillMode.run();
      }
    });
    list.setOnMouseClicked(e -> {
      if (list.getSelectionModel().getSelectedItem() != null) {
        showDrillMode.run();
      }
    });
    getChildren().addAll(head, list);
    setSpacing(6);
    VBox.setVgrow(list, Priority.SOMETIMES);
  }
}
