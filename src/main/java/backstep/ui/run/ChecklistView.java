package backstep.ui.run;

import backstep.state.StepState;
import backstep.ui.shell.Headers;
import java.time.Duration;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The checklist, the spine of the run view: every step's state (icon, word, colour), time and who acted. */
final class ChecklistView extends TableView<StepRow> {
  private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
  private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
  /**
   * The most new nodes the steps joining the console's checklist bring in a pulse: with a SQL pane's 34 joining in
   * the same pulse, the run page's pulse stays under {@code RunPagePulsesTest}'s 90.
   */
  static final int NODES_A_PULSE = 56;
  /** A step's row of new cells: the row, its four cells, the state's icon and word, the step's box and texts. */
  static final int ROW_NODES = 22;

  /** The steps at once (a view shown outside the console's frame). */
  ChecklistView(RunController controller) {
    this(controller, false);
  }

  /**
   * The checklist; {@code fewAPulse}: in the console's frame, the steps join it a few a pulse, about
   * {@value #NODES_A_PULSE} new nodes at most ({@link RowFeed}), not all in the pulse the checklist or the playbook
   * joins the window; those the table's height cannot show join at once.
   */
  ChecklistView(RunController controller, boolean fewAPulse) {
    RunModel model = controller.model();
    if (fewAPulse) {
      RowFeed<StepRow> feed = new RowFeed<>(model.steps(), NODES_A_PULSE, ROW_NODES);
      // while rows wait the table is as tall as they need (below): if it is shorter, its height is full
      feed.fullWhen(() -> getHeight() > 0 && ChecklistFit.need(getItems(), getWidth()) > getHeight() + 1);
      feed.onFed(() -> {
        // while rows wait, the table is only as tall as the rows it shows: it fills its height with empty rows
        // (nine nodes each), which at the first row were more than the row itself (94 new nodes)
        setMaxHeight(feed.waiting() ? ChecklistFit.need(getItems(), getWidth()) : Region.USE_COMPUTED_SIZE);
        showSelected(model);
      });
      setItems(feed.shown());
      feed.start(this);
    } else {
      setItems(model.steps());
    }
    setId("checklist");
    getStyleClass().add("checklist");
    setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    Headers.whole(this);
    setPlaceholder(new Label("Pick a playbook in the library: its steps appear here."));

    TableColumn<StepRow, StepState> state = new TableColumn<>("State");
    state.setCellValueFactory(c -> c.getValue().stateProperty());
    state.setCellFactory(c -> new StateCell());
    state.setPrefWidth(146); // "⟲ rolled back" in full at 1280 px (it read "rolled b..." at 128)
    state.setMinWidth(142);
    state.setMaxWidth(170);
    state.setSortable(false);

    TableColumn<StepRow, StepRow> step = new TableColumn<>("Step");
    step.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    step.setCellFactory(c -> new StepCell());
    step.setPrefWidth(600);
    step.setMinWidth(160);
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
    time.setPrefWidth(68);
    time.setMinWidth(64);
    time.setMaxWidth(90);
    time.setSortable(false);

    TableColumn<StepRow, String> who = new TableColumn<>("Who");
    who.setCellValueFactory(c -> c.getValue().actorProperty());
    who.setPrefWidth(64);
    who.setMinWidth(56);
    who.setMaxWidth(120);
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
    model.selectedProperty().addListener((o, a, b) -> showSelected(model));
  }

  /** Selects the model's selected step, once it is among the rows shown, and scrolls it into sight. */
  private void showSelected(RunModel model) {
    StepRow b = model.selectedProperty().get();
    if (b != getSelectionModel().getSelectedItem() || b != null && getSelectionModel().getSelectedIndex() < 0) {
      getSelectionModel().select(b);
      if (b != null && getItems().contains(b)) {
        scrollTo(Math.max(0, b.index() - 3));
      }
    }
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

  /**
   * A step: number, title and kind on the first line, then what is happening or went wrong and its deviations —
   * all wrapped to the column's width, never cut. The step's schema effect is shown under the selected step (and
   * a step with deviations); on the others it is in the tooltip, so a row is one line and ten steps fit at
   * 1440×900.
   */
  static final class StepCell extends TableCell<StepRow, StepRow> {
    private final Label number = new Label();
    private final Text title = text("step-title-text");
    private final Label kind = new Label();
    private final Text detail = text("step-detail-text");
    private final Text effect = text("step-effect-text");
    private final Text deviations = text("step-deviation-text");
    private final VBox box;
    private final ChangeListener<Object> refresh = (o, a, b) -> refresh();
    private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
    private boolean bound;

    StepCell() {
      number.getStyleClass().add("step-number");
      kind.getStyleClass().add("kind-chip");
      kind.setMinWidth(Region.USE_PREF_SIZE);
      number.setMinWidth(Region.USE_PREF_SIZE);
      HBox line = new HBox(8, number, title, kind);
      line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      box = new VBox(2, line, detail, effect, deviations);
      box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      box.getStyleClass().add("step-cell-box");
      getStyleClass().add("step-cell");
    }

    private static Text text(String style) {
      Text t = new Text();
      t.getStyleClass().add(style);
      return t;
    }

    /** Wrap to the column: the title beside its number and chip, the lines under it to the full width. */
    private void bindWidths() {
      TableColumn<StepRow, StepRow> col = getTableColumn();
      if (bound || col == null) {
        return;
      }
      bound = true;
      title.wrappingWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(60, col.getWidth()
          - number.getWidth() - kind.getWidth() - 44), col.widthProperty(), number.widthProperty(),
          kind.widthProperty()));
      for (Text t : new Text[] {detail, effect, deviations}) {
        t.wrappingWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(60, col.getWidth() - 24),
            col.widthProperty()));
      }
      getTableView().getSelectionModel().selectedItemProperty().addListener(refresh);
      detail.wrappingWidthProperty().addListener(refresh); // an error is clipped to the width it gets
      tip.setWrapText(true);
      tip.setMaxWidth(560);
    }

    @Override
    protected void updateItem(StepRow row, boolean empty) {
      StepRow old = getItem();
      if (old != null) {
        old.detailProperty().removeListener(refresh);
        old.errorProperty().removeListener(refresh);
        old.effectProperty().removeListener(refresh);
        old.deviationsProperty().removeListener(refresh);
      }
      super.updateItem(row, empty);
      if (empty || row == null) {
        setGraphic(null);
        return;
      }
      bindWidths();
      row.detailProperty().addListener(refresh);
      row.errorProperty().addListener(refresh);
      row.effectProperty().addListener(refresh);
      row.deviationsProperty().addListener(refresh);
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
      detail.getStyleClass().remove("step-error-text");
      if (err != null) {
        // one line here (the whole error is in the banner above, the tooltip, the step's NOTE and the events):
        // a long duplicate-key detail must not take the rows of the steps under it
        detail.setText(ChecklistFit.clip("✖ " + err, detail.getWrappingWidth(), ChecklistFit.ERROR_LINES));
        detail.getStyleClass().add("step-error-text");
      } else {
        detail.setText(note == null ? "" : note);
      }
      String effects = lines(row.effectProperty().get(), "effect: ");
      boolean selected = getTableView() != null && getTableView().getSelectionModel().getSelectedItem() == row;
      effect.setText(selected || !row.deviationsProperty().get().isEmpty() ? effects : "");
      deviations.setText(lines(row.deviationsProperty().get(), "⚠ "));
      for (Text t : new Text[] {detail, effect, deviations}) {
        t.setVisible(!t.getText().isEmpty());
        t.setManaged(t.isVisible());
      }
      tip.setText((row.index() + 1) + " " + row.step().title() + " (" + row.step().kind() + ")"
          + (err == null ? "" : "\n✖ " + err) + (effects.isEmpty() ? "" : "\n" + effects));
      setTooltip(tip);
    }

    static String lines(java.util.List<String> items, String prefix) {
      return items.stream().map(i -> prefix + i).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** For tests: the texts shown under the title (detail, effect, deviations), empty ones left out. */
    java.util.List<String> shownLines() {
      return java.util.stream.Stream.of(detail, effect, deviations).filter(Node::isVisible).map(Text::getText)
          .toList();
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
