package backstep.ui.run;

import backstep.engine.StepState;
import java.time.Duration;
import java.util.Locale;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The checklist, the spine of the run view: every step's state (icon, word, colour), time and who acted. */
final class ChecklistView extends TableView<StepRow> {
  private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
  private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

  ChecklistView(RunController controller) {
    super(controller.model().steps());
    RunModel model = controller.model();
    setId("checklist");
    getStyleClass().add("checklist");
    setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    setPlaceholder(new Label("Pick a playbook in the library: its steps appear here."));

    TableColumn<StepRow, StepState> state = new TableColumn<>("State");
    state.setCellValueFactory(c -> c.getValue().stateProperty());
    state.setCellFactory(c -> new StateCell());
    state.setPrefWidth(150);
    state.setMinWidth(130);
    state.setSortable(false);

    TableColumn<StepRow, StepRow> step = new TableColumn<>("Step");
    step.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    step.setCellFactory(c -> new StepCell());
    step.setPrefWidth(420);
    step.setSortable(false);

    TableColumn<StepRow, Duration> time = new TableColumn<>("Time");
    time.setCellValueFactory(c -> c.getValue().durationProperty());
    time.setCellFactory(c -> new TableCell<>() {
      {
        getStyleClass().add("time-cell");
      }

      @Override
      protected void updateItem(Duration d, boolean empty) {
        super.updateItem(d, empty);
        setText(empty || d == null ? "" : seconds(d));
      }
    });
    time.setPrefWidth(80);
    time.setMinWidth(70);
    time.setSortable(false);

    TableColumn<StepRow, String> who = new TableColumn<>("Who");
    who.setCellValueFactory(c -> c.getValue().actorProperty());
    who.setPrefWidth(110);
    who.setMinWidth(80);
    who.setSortable(false);

    getColumns().add(state);
    getColumns().add(step);
    getColumns().add(time);
    getColumns().add(who);
    setRowFactory(t -> new Row());
    getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null && b != model.selectedProperty().get()) {
        controller.select(b);
      }
    });
    model.selectedProperty().addListener((o, a, b) -> {
      if (b != getSelectionModel().getSelectedItem()) {
        getSelectionModel().select(b);
        if (b != null) {
          scrollTo(Math.max(0, b.index() - 3));
        }
      }
    });
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0)
        : ms < 120_000 ? ms / 1000 + " s" : RunController.clock(d);
  }

  static String styleOf(StepState s) {
    return "state-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static final class StateCell extends TableCell<StepRow, StepState> {
    private final Label icon = new Label();
    private final Label word = new Label();
    private final HBox box = new HBox(8, icon, word);

    StateCell() {
      icon.getStyleClass().add("state-icon");
      word.getStyleClass().add("state-word");
      getStyleClass().add("state-cell");
    }

    @Override
    protected void updateItem(StepState s, boolean empty) {
      super.updateItem(s, empty);
      if (empty || s == null) {
        setGraphic(null);
        return;
      }
      icon.setText(s.icon());
      word.setText(s.words());
      for (Label l : new Label[] {icon, word}) {
        l.getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-icon") && !c.equals("state-word"));
        l.getStyleClass().add(styleOf(s));
      }
      setGraphic(box);
    }
  }

  private static final class StepCell extends TableCell<StepRow, StepRow> {
    private final Label number = new Label();
    private final Label title = new Label();
    private final Label kind = new Label();
    private final Label detail = new Label();
    private final VBox box;
    private final ChangeListener<Object> refresh = (o, a, b) -> refresh();

    StepCell() {
      number.getStyleClass().add("step-number");
      title.getStyleClass().add("step-title");
      kind.getStyleClass().add("kind-chip");
      detail.getStyleClass().add("step-detail-line");
      kind.setMinWidth(Region.USE_PREF_SIZE);
      number.setMinWidth(Region.USE_PREF_SIZE);
      title.setMinWidth(0);
      detail.setMinWidth(0);
      HBox line = new HBox(8, number, title, kind);
      line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      box = new VBox(2, line, detail);
      box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(StepRow row, boolean empty) {
      StepRow old = getItem();
      if (old != null) {
        old.detailProperty().removeListener(refresh);
        old.errorProperty().removeListener(refresh);
      }
      super.updateItem(row, empty);
      if (empty || row == null) {
        setGraphic(null);
        return;
      }
      row.detailProperty().addListener(refresh);
      row.errorProperty().addListener(refresh);
      number.setText(String.valueOf(row.index() + 1));
      title.setText(row.step().title());
      kind.setText(row.step().kind());
      kind.getStyleClass().removeIf(c -> c.startsWith("kind-") && !c.equals("kind-chip"));
      kind.getStyleClass().add("kind-" + row.step().kind());
      refresh();
      setGraphic(box);
    }

    private void refresh() {
      StepRow row = getItem();
      if (row == null) {
        return;
      }
      String err = row.errorProperty().get();
      String note = row.detailProperty().get();
      detail.getStyleClass().remove("danger-text");
      if (err != null) {
        detail.setText("✖ " + err);
        detail.getStyleClass().add("danger-text");
      } else {
        detail.setText(note == null ? "" : note);
      }
      detail.setVisible(!detail.getText().isEmpty());
      detail.setManaged(detail.isVisible());
    }
  }

  private static final class Row extends TableRow<StepRow> {
    private final ChangeListener<StepState> onState = (o, a, b) -> mark(b);

    @Override
    protected void updateItem(StepRow row, boolean empty) {
      StepRow old = getItem();
      if (old != null) {
        old.stateProperty().removeListener(onState);
      }
      super.updateItem(row, empty);
      if (empty || row == null) {
        mark(null);
        return;
      }
      row.stateProperty().addListener(onState);
      mark(row.state());
    }

    private void mark(StepState s) {
      pseudoClassStateChanged(RUNNING, s == StepState.RUNNING || s == StepState.ROLLING_BACK);
      pseudoClassStateChanged(FAILED, s == StepState.FAILED || s == StepState.ROLLBACK_FAILED);
    }
  }
}
