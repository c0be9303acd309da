package backstep.ui.shell;

import backstep.db.EnvironmentClass;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The targets list: connection dot and words, name, environment class. */
public final class TargetsView extends VBox {
  public TargetsView(TargetsController controller) {
    getStyleClass().add("sidebar-section");
    Label header = new Label("TARGETS");
    header.getStyleClass().add("section-header");
    ListView<TargetEntry> list = new ListView<>(controller.model().entries());
    list.setId("targets");
    list.getStyleClass().add("targets-list");
    list.setCellFactory(v -> new Cell());
    list.setPrefHeight(100);
    list.setMinHeight(90);
    controller.model().currentProperty().addListener((o, a, b) -> list.getSelectionModel().select(b));
    list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null && b != controller.model().current()) {
        controller.select(b);
      }
    });
    list.setOnMouseClicked(e -> {
      TargetEntry t = list.getSelectionModel().getSelectedItem();
      if (t != null && e.getClickCount() == 2) {
        controller.reconnect(t);
      }
    });
    Label problem = new Label();
    problem.getStyleClass().addAll("hint", "danger-text");
    problem.setWrapText(true);
    problem.textProperty().bind(controller.model().fileProblemProperty());
    problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    javafx.scene.control.Button add = small("target-add", "+", "Add a target (written to the targets file, never "
        + "with a password)");
    add.setOnAction(e -> TargetDialog.show(getScene().getWindow(), controller, null));
    javafx.scene.control.Button edit = small("target-edit", "✎", "Edit the selected target");
    edit.setOnAction(e -> TargetDialog.show(getScene().getWindow(), controller, list.getSelectionModel()
        .getSelectedItem()));
    javafx.scene.control.Button remove = small("target-remove", "✖", "Remove the selected target from the "
        + "targets file (its database is not touched)");
    remove.setOnAction(e -> {
      TargetEntry t = list.getSelectionModel().getSelectedItem();
      javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
          "Remove target " + t.name() + " (" + t.spec().safeUrl() + ") from " + controller.file()
          + "? Its database and ledger are not touched.", javafx.scene.control.ButtonType.CANCEL,
          javafx.scene.control.ButtonType.OK);
      a.initOwner(getScene().getWindow());
      a.setHeaderText("Remove target " + t.name() + "?");
      if (a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent()) {
        controller.remove(t).exceptionally(x -> { // completed on the FX thread
          controller.model().setFileProblem(TargetDialog.cause(x));
          return null;
        });
      }
    });
    var notSandbox = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
      TargetEntry t = list.getSelectionModel().getSelectedItem();
      return t == null || t.spec().isSandbox();
    }, list.getSelectionModel().selectedItemProperty());
    edit.disableProperty().bind(notSandbox);
    remove.disableProperty().bind(notSandbox);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    header.setMinWidth(Region.USE_PREF_SIZE);
    HBox head = new HBox(4, header, gap, add, edit, remove);
    head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    getChildren().addAll(head, list, problem);
    VBox.setVgrow(list, Priority.SOMETIMES);
  }

  private static javafx.scene.control.Button small(String id, String text, String tip) {
    javafx.scene.control.Button b = new javafx.scene.control.Button(text);
    b.setId(id);
    b.getStyleClass().addAll("flat", "small");
    b.setTooltip(new Tooltip(tip));
    b.setAccessibleText(tip); // icon-only: the screen reader says what it does
    b.setMinWidth(Region.USE_PREF_SIZE);
    return b;
  }

  private static final class Cell extends ListCell<TargetEntry> {
    private final Label dot = new Label();
    private final Label name = new Label();
    private final Label env = new Label();
    private final Label detail = new Label();
    private final HBox row;
    private final VBox box;
    private final Tooltip tip = new Tooltip();
    private final ChangeListener<Object> refresh = (o, a, b) -> update();

    Cell() {
      dot.getStyleClass().add("conn-dot");
      name.getStyleClass().add("target-name");
      env.getStyleClass().add("env-badge");
      detail.getStyleClass().add("hint");
      Region gap = new Region();
      HBox.setHgrow(gap, Priority.ALWAYS);
      // the environment badge whole ("PRODUC…" in a narrow sidebar), the name wrapped between its parts beside it
      env.setMinWidth(Region.USE_PREF_SIZE);
      CellText.wrapInWidth(name);
      name.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(name, Priority.SOMETIMES);
      row = new HBox(8, dot, name, gap, env);
      row.getStyleClass().add("target-row");
      box = new VBox(2, row, detail);
      detail.setMinWidth(0);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(TargetEntry item, boolean empty) {
      TargetEntry old = getItem();
      if (old != null) {
        old.connectionProperty().removeListener(refresh);
        old.detailProperty().removeListener(refresh);
      }
      super.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      item.connectionProperty().addListener(refresh);
      item.detailProperty().addListener(refresh);
      update();
      setGraphic(box);
      setTooltip(tip);
    }

    private void update() {
      TargetEntry t = getItem();
      if (t == null) {
        return;
      }
      TargetEntry.Connection c = t.connectionProperty().get();
      dot.setText(c.icon());
      dot.getStyleClass().removeIf(s -> s.startsWith("conn-"));
      dot.getStyleClass().addAll("conn-dot", "conn-" + c.name().toLowerCase(java.util.Locale.ROOT));
      name.setText(t.name());
      EnvironmentClass e = t.spec().environment();
      env.setText(e.key().toUpperCase(java.util.Locale.ROOT));
      env.getStyleClass().removeIf(s -> s.startsWith("env-") && !s.equals("env-badge"));
      env.getStyleClass().add("env-" + e.key());
      String words = c == TargetEntry.Connection.OPEN ? t.detailProperty().get()
          : c == TargetEntry.Connection.OPENING ? t.detailProperty().get() : c.words();
      detail.setText(words);
      tip.setText(t.name() + " · " + t.spec().safeUrl() + "\n" + c.words()
          + (t.detailProperty().get().isEmpty() ? "" : ": " + t.detailProperty().get())
          + (c == TargetEntry.Connection.FAILED ? "\nDouble-click to try again." : ""));
    }
  }
}
