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

  /**
   * A target's row: the connection dot and the name, then the environment badge and the detail ("PostgreSQL 15.20")
   * under them. The badge was beside the name, which wrapped at the width left over after the badge's in the same
   * layout pass, and the row kept the height of one line: "prod-/orders" drawn in two lines in a label one line high.
   */
  private static final class Cell extends ListCell<TargetEntry> {
    /** The dot, the gap after it, the cell's padding and a vertical bar: what the name's lines leave of the list. */
    private static final double BESIDE_THE_NAME = 60;
    private final Label dot = new Label();
    private final Label name = new Label();
    private final Label env = new Label();
    private final Label detail = new Label();
    private final VBox box;
    private final Tooltip tip = new Tooltip();
    private final ChangeListener<Object> refresh = (o, a, b) -> update();

    Cell() {
      dot.getStyleClass().add("conn-dot");
      name.getStyleClass().add("target-name");
      env.getStyleClass().add("env-badge");
      detail.getStyleClass().add("hint");
      env.setMinWidth(Region.USE_PREF_SIZE); // whole ("PRODUC…" in a narrow sidebar)
      CellText.wrap(name, this, BESIDE_THE_NAME); // at the list's width: between its parts, in rows as tall
      HBox row = new HBox(8, dot, name);
      row.getStyleClass().add("target-row");
      HBox line = new HBox(6, env, detail);
      line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      box = new VBox(2, row, line);
      detail.setWrapText(true); // between words beside a wide badge, never "PostgreSQL 15…"
      detail.setMinWidth(0);
      detail.setMinHeight(Region.USE_PREF_SIZE);
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
      detail.setText(c == TargetEntry.Connection.OPEN || c == TargetEntry.Connection.OPENING ? t.line() : c.words());
      tip.setText(t.name() + " · " + t.spec().safeUrl() + "\n" + c.words()
          + (t.detailProperty().get().isEmpty() ? "" : ": " + t.detailProperty().get())
          + (c == TargetEntry.Connection.FAILED ? "\nDouble-click to try again." : ""));
    }
  }
}
