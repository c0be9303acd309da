package backstep.ui.history;

import backstep.ui.fx.PacedTable;
import backstep.ui.shell.Headers;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import java.util.function.Function;

/**
 * The history's migrations in apply order: number, title, state on the current target (icon, word, colour: it
 * changes as each migration's run of a walk ends), origin (file, version, author), whether it has a down (a red
 * <b>no down</b> badge when not) and the latest run in words.
 */
final class MigrationsTable extends PacedTable<MigrationRow> {
  private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
  private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

  MigrationsTable(HistoryModel model) {
    super(model.rows());
    setId("history-migrations");
    getStyleClass().addAll("checklist", "history-migrations");
    setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    Headers.whole(this);
    setPlaceholder(new Label("Pick a history in the library: its migrations appear here, in apply order."));

    TableColumn<MigrationRow, MigrationRow> number = column("#", 44, 44, 52);
    number.setCellFactory(c -> new TableCell<>() {
      {
        getStyleClass().add("migration-number");
      }

      @Override
      protected void updateItem(MigrationRow r, boolean empty) {
        super.updateItem(r, empty);
        setText(empty || r == null ? "" : String.valueOf(r.index() + 1));
      }
    });
    TableColumn<MigrationRow, MigrationRow> migration = column("Migration", 250, 160, Double.MAX_VALUE);
    migration.setCellFactory(c -> new TwoLines(r -> r.playbook().title(), r -> r.playbook().id(),
        "migration-title-text", "migration-sub-text"));
    TableColumn<MigrationRow, MigrationRow> state = column("State", 210, 170, 260);
    state.textProperty().bind(model.targetNameProperty().map(t -> t.isEmpty() ? "State" : "State on " + t));
    state.setCellFactory(c -> new StateCell());
    TableColumn<MigrationRow, MigrationRow> origin = column("Origin", 300, 250, Double.MAX_VALUE);
    origin.setCellFactory(c -> new TwoLines(MigrationRow::originFile, MigrationRow::originVersion,
        "origin-file-text", "migration-sub-text"));
    TableColumn<MigrationRow, MigrationRow> down = column("Down", 110, 104, 130);
    down.setCellFactory(c -> new DownCell());
    getColumns().add(number);
    getColumns().add(migration);
    getColumns().add(state);
    getColumns().add(origin);
    getColumns().add(down);
  }

  /**
   * A migration's row: running or failed by its state (the rows take their cells a few a pulse as the table joins
   * the window, none on a hidden page: {@link PacedTable}).
   */
  @Override
  protected void updateRow(TableRow<MigrationRow> row, MigrationRow r, boolean empty) {
    MigrationState s = empty || r == null ? null : r.state();
    row.pseudoClassStateChanged(RUNNING, s == MigrationState.APPLYING || s == MigrationState.ROLLING_BACK);
    row.pseudoClassStateChanged(FAILED, s == MigrationState.HALF_APPLIED
        || s == MigrationState.ROLLED_BACK_DIFFERENT);
  }

  private static TableColumn<MigrationRow, MigrationRow> column(String title, double pref, double min, double max) {
    TableColumn<MigrationRow, MigrationRow> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
    return Columns.sized(c, pref, min, max);
  }

  /** A bold first line and a muted second one, both wrapped to the column. */
  private static final class TwoLines extends TableCell<MigrationRow, MigrationRow> {
    private final Function<MigrationRow, String> first;
    private final Function<MigrationRow, String> second;
    private final Text top;
    private final Text bottom;
    private final VBox box;

    TwoLines(Function<MigrationRow, String> first, Function<MigrationRow, String> second, String topStyle,
        String bottomStyle) {
      this.first = first;
      this.second = second;
      top = WrappedText.of(topStyle);
      bottom = WrappedText.of(bottomStyle);
      box = new VBox(2, top, bottom);
      setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(MigrationRow r, boolean empty) {
      super.updateItem(r, empty);
      if (empty || r == null) {
        setGraphic(null);
        return;
      }
      if (getTableColumn() != null) {
        WrappedText.wrapTo(top, getTableColumn().widthProperty(), 20);
        WrappedText.wrapTo(bottom, getTableColumn().widthProperty(), 20);
      }
      top.setText(first.apply(r));
      bottom.setText(second.apply(r));
      setGraphic(box);
    }
  }

  /**
   * Icon and word in the state's colour, the latest run in words under them. Words are {@link Text}, wrapped to the
   * column: a wrapping label would be asked its height for no width by the cell and report one letter a line.
   */
  private static final class StateCell extends TableCell<MigrationRow, MigrationRow> {
    private final Label icon = new Label();
    private final Text word = WrappedText.of("state-word-text");
    private final Text detail = WrappedText.of("migration-sub-text");
    private final VBox box = new VBox(2, new HBox(8, icon, word), detail);

    StateCell() {
      icon.getStyleClass().add("state-icon");
      icon.setMinWidth(Region.USE_PREF_SIZE);
      getStyleClass().add("state-cell");
      setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(MigrationRow r, boolean empty) {
      super.updateItem(r, empty);
      if (empty || r == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      if (getTableColumn() != null) {
        WrappedText.wrapTo(word, getTableColumn().widthProperty(), 52);
        WrappedText.wrapTo(detail, getTableColumn().widthProperty(), 20);
      }
      MigrationState s = r.state();
      icon.setText(s.icon());
      word.setText(s.words());
      for (javafx.scene.Node n : new javafx.scene.Node[] {icon, word}) {
        n.getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-icon")
            && !c.equals("state-word-text"));
        n.getStyleClass().add(s.styleClass());
      }
      detail.setText(r.detail());
      detail.setVisible(!r.detail().isEmpty());
      detail.setManaged(detail.isVisible());
      setTooltip(r.detail().isEmpty() ? null : new Tooltip(s.words() + "\n" + r.detail()));
      setGraphic(box);
    }
  }

  /** Whether the migration can be rolled back: a red "no down" badge when its source had no down script. */
  private static final class DownCell extends TableCell<MigrationRow, MigrationRow> {
    private final Label badge = new Label();

    DownCell() {
      badge.setMinWidth(Region.USE_PREF_SIZE);
      setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(MigrationRow r, boolean empty) {
      super.updateItem(r, empty);
      if (empty || r == null) {
        setGraphic(null);
        return;
      }
      badge.getStyleClass().setAll("label", "chip", "down-badge");
      if (r.repeatable()) {
        badge.setText("↻ repeatable");
        badge.setTooltip(new Tooltip("A repeatable migration: applied again when it changes, never undone"));
      } else if (r.hasDown()) {
        badge.setText("⟲ down");
        badge.getStyleClass().add("chip-ok");
        badge.setTooltip(new Tooltip("Has a down script (rollback_mode: script): Roll back history runs it"));
      } else {
        badge.setText("✖ no down");
        badge.getStyleClass().add("chip-failed-strong");
        badge.setTooltip(new Tooltip("The source had no down script (rollback_mode: none, lint BS017): a "
            + "rollback of the history stops at this migration"));
      }
      setGraphic(badge);
    }
  }
}
