package backstep.ui.ledger;

import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.state.RunState;
import backstep.ui.fx.Later;
import backstep.ui.fx.OnScreen;
import backstep.ui.fx.Rows;
import backstep.ui.shell.CellText;
import backstep.ui.shell.Headers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.controlsfx.control.textfield.TextFields;

/**
 * The ledger browser: runs of the current target, one run's steps and events, the hash chain, export. The runs
 * table, and the steps, events and event form, are {@link Later} parts: whoever shows the view attaches them
 * ({@code ShellView} does).
 */
public final class LedgerView extends VBox {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  /**
   * The widest a step id's column of the events grows to fit its ids (backfill-name-key takes 118 px); a longer id
   * ends in "…", whole in its tooltip.
   */
  private static final double STEP_ID_MAX = 180;
  /** Room kept for the events table's vertical scroll bar when a column widens to its values. */
  private static final double SCROLL_BAR_ROOM = 20;

  public LedgerView(LedgerController controller) {
    LedgerModel model = controller.model();
    setId("ledger-view");
    getStyleClass().add("ledger-view");

    Label title = new Label();
    title.getStyleClass().add("run-title");
    title.textProperty().bind(model.targetProperty().map(t -> "Ledger of " + t));
    Label chain = new Label();
    chain.setId("ledger-chain");
    chain.getStyleClass().add("chip");
    model.chainProperty().addListener((o, a, c) -> showChain(chain, c));
    showChain(chain, null);

    TextField filter = TextFields.createClearableTextField();
    filter.setId("ledger-filter");
    filter.setPromptText("Filter runs: change, playbook, state, operator…");
    filter.setPrefColumnCount(30);
    filter.textProperty().bindBidirectional(model.filterProperty());
    Button refresh = new Button("↻ Refresh");
    refresh.setId("ledger-refresh");
    refresh.setOnAction(e -> controller.refresh());
    Button md = new Button("Markdown…");
    md.setId("export-md");
    md.setTooltip(new Tooltip("The selected run, its steps and hash-chained events, for people"));
    md.setOnAction(e -> controller.exportMarkdown());
    Button json = new Button("JSON…");
    json.setId("export-json");
    json.setTooltip(new Tooltip("The selected run, its steps and hash-chained events, for machines"));
    json.setOnAction(e -> controller.exportJson());
    Button summary = new Button("Summary…");
    summary.setId("export-summary");
    summary.setTooltip(new Tooltip("The post-change summary for stakeholders (HTML): what ran, timings, deviations, "
        + "guard events, checks, approvals — as `backstep report summary` writes it"));
    summary.setOnAction(e -> controller.exportSummary());
    summary.disableProperty().bind(model.detailProperty().isNull());
    md.disableProperty().bind(model.detailProperty().isNull());
    json.disableProperty().bind(model.detailProperty().isNull());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.SOMETIMES);
    Label export = new Label("Export:");
    export.getStyleClass().add("hint");
    title.setMinWidth(120);
    chain.setMinWidth(80);
    for (var n : new javafx.scene.control.Control[] {refresh, export, summary, md, json}) {
      n.setMinWidth(Region.USE_PREF_SIZE);
    }
    HBox head = new HBox(10, title, chain, gap, refresh, export, summary, md, json);
    head.getStyleClass().add("run-header");

    Label message = new Label();
    message.setId("ledger-message");
    message.getStyleClass().add("hint");
    message.textProperty().bind(model.messageProperty());
    message.setMinWidth(0);
    HBox filterRow = new HBox(12, filter, message);
    filterRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

    TableView<RunRecord> runs = OnScreen.table(model.shown());
    runs.setId("ledger-runs");
    runs.setPlaceholder(new Label("No runs recorded on this target yet."));
    runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Headers.whole(runs);
    runs.getColumns().add(col("Change", 225, RunRecord::changeId));
    runs.getColumns().add(col("Playbook", 190, r -> r.playbookId() + " v" + r.playbookVersion()));
    runs.getColumns().add(stateCol("State", 125, r -> runIcon(r.state()) + " "
        + r.state().words(), r -> "state-" + runStyle(r.state())));
    runs.getColumns().add(col("Operator", 90, RunRecord::operator));
    runs.getColumns().add(col("Approver", 90, r -> r.approver() == null ? "" : r.approver()));
    runs.getColumns().add(col("Started", 160, r -> time(r.startedAt())));
    runs.getColumns().add(whole(col("Took", 76, r -> took(r.startedAt(), r.endedAt()))));
    runs.getColumns().add(col("Error", 120, r -> r.error() == null ? "" : r.error()));
    runs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != model.selectedProperty().get()) {
        controller.select(b);
      }
    });
    model.selectedProperty().addListener((o, a, b) -> {
      if (runs.getSelectionModel().getSelectedItem() != b) {
        runs.getSelectionModel().select(b);
      }
    });

    TableView<StepRecord> steps = OnScreen.table();
    steps.setId("ledger-steps");
    steps.setPlaceholder(new Label("Select a run to see its steps."));
    steps.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Headers.whole(steps);
    steps.getColumns().add(col("#", 32, s -> String.valueOf(s.index() + 1)));
    steps.getColumns().add(col("Step", 150, StepRecord::stepId));
    steps.getColumns().add(stateCol("State", 128, s -> icon(s) + " " + s.state().words(),
        s -> "state-" + s.state().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    steps.getColumns().add(col("Who", 52, s -> s.actor() == null ? "" : s.actor()));
    steps.getColumns().add(whole(col("Took", 76, s -> took(s.startedAt(), s.endedAt()))));
    steps.getColumns().add(col("Rows", 56, s -> String.valueOf(s.rowsAffected())));
    steps.getColumns().add(col("Error", 60, s -> s.error() == null ? "" : s.error()));

    TableView<EventRecord> events = OnScreen.table();
    events.setId("ledger-events");
    events.setPlaceholder(new Label("Select a run to see its hash-chained events."));
    events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Headers.whole(events);
    // one line per event, so that ten or more are in sight at 1280×800 (wrapped, one or two were): a value too
    // long for its column ends in "…", whole in its tooltip and in the event's form beside the table
    // (in the small type of a log, "dense"); an event's number, time, type and who are never shortened
    events.getStyleClass().add("dense");
    // in a wide window the Detail column takes what the table gains: the number, time, type and who have values of
    // one width (the policy grew them all alike: Time 225 px, Detail 275 px at 1920×1080), a step id a bounded one
    events.getColumns().add(fixed(line("#", 36, e -> String.valueOf(e.seq()))));
    // the time, the type and who as wide as the run's values, up to the widest any run has (STEP_ROLLBACK_FAILED):
    // at 1280×800 their fixed widths left Detail 110 px ("attempts 1 · r…")
    events.getColumns().add(fitted(line("Time", 108, e -> CLOCK.format(e.at()))));
    events.getColumns().add(fitted(line("Event", 168, EventRecord::type)));
    // a step id drawn whole (at 1280×800 the column was squeezed to "add…", "bac…"): as wide as the longest, the
    // Detail column giving way
    TableColumn<EventRecord, String> stepId = line("Step", 110, e -> e.stepId() == null ? "" : e.stepId());
    stepId.setMaxWidth(STEP_ID_MAX);
    stepId.setCellFactory(x -> new TipCell<>(false, STEP_ID_MAX));
    events.getColumns().add(stepId);
    events.getColumns().add(fitted(line("Who", 76, e -> e.actor() == null ? "" : e.actor()))); // "backstep"
    // the detail as a few facts, the most telling first, drawn whole as many as fit (EventLine, FactsCell)
    TableColumn<EventRecord, String> detail = line("Detail", 220, e -> EventLine.of(e.type(), e.detail()));
    detail.setCellFactory(x -> new FactsCell<>(e -> "CHECK".equals(e.type()))); // a check's name on two lines
    events.getColumns().add(detail);

    // the same rows refilled, not new lists: a new list rebuilds every row of a table (backstep.ui.fx.Rows)
    model.detailProperty().addListener((o, a, d) -> {
      Rows.sync(steps.getItems(), d == null ? List.of() : d.steps());
      Rows.sync(events.getItems(), d == null ? List.of() : d.events());
    });

    // a hidden table (the Steps tab, the whole page on another tab) makes its rows when it is shown, not when its
    // items come: the run's steps made 120 new nodes beside its events' rows in one frame, the hidden page's runs 68
    // at a run's failure (the three are OnScreen.table)

    EventFormView form = new EventFormView(model.chainProperty(), ZoneId.systemDefault());
    events.getSelectionModel().selectedItemProperty().addListener((o, a, ev) -> form.show(ev));
    // the events and the steps as tabs, each as tall as the page leaves, the selected event's form beside them:
    // stacked (steps beside events, the form under the events) a 1280×800 window showed one or two events
    Tab eventsTab = tab("ledger-tab-events", "Events (hash-chained)", events);
    Tab stepsTab = tab("ledger-tab-steps", "Steps", steps);
    TabPane tabs = new TabPane(eventsTab, stepsTab);
    tabs.setId("ledger-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    SplitPane lower = new SplitPane(tabs, later(form));
    backstep.ui.fx.Dividers.hold(lower, 0.64);
    lower.setId("ledger-lower-split");
    VBox runsBox = new VBox(6, caption("RUNS, NEWEST FIRST"));
    Later.add(runsBox, runs);
    VBox.setVgrow(runs, Priority.ALWAYS);
    // the lower half joins the window after the page, a piece a pulse (the console's ShellView attaches them): the
    // split with its tabs, then the event's form, the events table and the steps table. As one piece it brought
    // 172 new nodes in one pulse (docs/performance.md, "The console's FX thread", session 18)
    SplitPane split = new SplitPane(runsBox, later(lower));
    split.setOrientation(Orientation.VERTICAL);
    backstep.ui.fx.Dividers.hold(split, 0.34); // at 1280×800 three runs in sight, and ten events below
    split.setId("ledger-split");
    VBox.setVgrow(split, Priority.ALWAYS);
    getChildren().addAll(head, filterRow, split);
    setSpacing(8);
  }

  private static void showChain(Label l, Ledger.ChainCheck c) {
    l.getStyleClass().removeAll("chip-ok", "chip-failed-strong", "chip-running");
    ChainChip chip = ChainChip.of(c);
    l.setText(chip.text());
    l.getStyleClass().add(chip.style());
    l.setTooltip(chip.tooltip().isEmpty() ? null : new Tooltip(chip.tooltip()));
  }

  private static String icon(StepRecord s) {
    return s.state().icon();
  }

  private static String runStyle(RunState s) {
    return switch (s) {
      case APPLIED -> "applied";
      case ROLLED_BACK, ROLLING_BACK -> "rolled-back";
      case FAILED, ROLLBACK_FAILED, ABORTED -> "failed";
      case RUNNING -> "running";
      default -> "pending";
    };
  }

  /**
   * A tab of {@code table}, its title followed by how many rows it has ("Events (hash-chained) · 25"); the table joins
   * the tab's pane on a pulse of its own ({@link #later}).
   */
  private static Tab tab(String id, String title, TableView<?> table) {
    Tab t = new Tab();
    t.setId(id);
    t.setContent(later(table));
    t.textProperty().bind(javafx.beans.binding.Bindings.size(table.getItems()).map(n -> n.intValue() == 0 ? title
        : title + " · " + n));
    return t;
  }

  /** A pane that {@code part} joins on a pulse of its own, once the pane is in the window ({@link Later}). */
  private static StackPane later(Node part) {
    StackPane box = new StackPane();
    Later.add(box, part);
    return box;
  }

  private static Label caption(String s) {
    Label l = new Label(s);
    l.getStyleClass().add("caption");
    return l;
  }

  private static String time(Instant i) {
    return i == null ? "" : TIME.format(i);
  }

  private static String took(Instant a, Instant b) {
    if (a == null || b == null) {
      return "";
    }
    long ms = Duration.between(a, b).toMillis();
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /**
   * A column whose cells draw their whole value in lines at the column's width, broken between a name's parts: at
   * 1280×800 fourteen cells (a change id, step names, times, event details) ended in "…"; the row grows to its lines.
   * The table fits its width (the right-hand columns were past its edge at 1280×800): a column gives way down to its
   * header's width, or its widest part's (a step id was split inside its words, "add-/name/-/key").
   */
  private static <T> TableColumn<T, String> col(String name, double width, Function<T, String> value) {
    TableColumn<T, String> c = line(name, width, value);
    c.setCellFactory(x -> new TipCell<>(true, 0));
    return c;
  }

  /**
   * A column of one-line cells: a value longer than the column ends in "…", whole in the cell's tooltip (the ledger's
   * events, whose form shows the selected one whole).
   */
  private static <T> TableColumn<T, String> line(String name, double width, Function<T, String> value) {
    TableColumn<T, String> c = new TableColumn<>(name);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    c.setMinWidth(Math.min(width, 20 + 7.5 * name.length()));
    c.setCellFactory(x -> new TipCell<>(false, 0));
    return c;
  }

  /**
   * A cell drawn whole: wrapped in lines ({@link CellText}), or on one line with its whole value in a tooltip when the
   * line is drawn shortened ("…"). The tooltip is made then, not with the cell: a new table row made eight
   * {@link Tooltip}s, each styled as it was made, and the first rows of the ledger's events (about twenty at once when
   * a run is selected) spent a third of their frame's FX-thread samples there (docs/performance.md, session 14).
   * A one-line cell that {@code fitsUpTo} a width widens its column to its value's, up to that width.
   */
  private static final class TipCell<T> extends TableCell<T, String> {
    private final boolean wrapped;
    private final double fitsUpTo;
    private Tooltip tip;
    private Text measure;

    TipCell(boolean wrapped, double fitsUpTo) {
      this.wrapped = wrapped;
      this.fitsUpTo = fitsUpTo;
      if (wrapped) {
        CellText.wrapInWidth(this, need -> {
          if (getTableColumn() != null && need > getTableColumn().getMinWidth()) {
            getTableColumn().setMinWidth(need);
          }
        });
      }
    }

    @Override
    protected void updateItem(String s, boolean empty) {
      super.updateItem(s, empty);
      setText(empty ? null : s);
      if (tip != null) {
        tip.setText(s);
      }
    }

    @Override
    protected void layoutChildren() {
      super.layoutChildren();
      if (wrapped) {
        return;
      }
      String s = getText();
      if (fitsUpTo > 0 && s != null && !s.isEmpty()) {
        widenToFit(s);
      }
      boolean cut = s != null && !s.isEmpty() && drawnShortened(s);
      if (cut && tip == null) {
        tip = new Tooltip();
      }
      if (tip != null) {
        tip.setText(s);
      }
      Tooltip want = cut ? tip : null;
      if (getTooltip() != want) {
        setTooltip(want);
      }
    }

    /** The column at least as wide as {@code s} drawn in this cell's font and insets, up to {@code fitsUpTo}. */
    private void widenToFit(String s) {
      if (measure == null) {
        measure = new Text();
      }
      measure.setFont(getFont());
      measure.setText(s);
      double need = Math.min(fitsUpTo, Math.ceil(measure.getLayoutBounds().getWidth() + snappedLeftInset()
          + snappedRightInset() + 2));
      TableColumn<T, String> column = getTableColumn();
      if (column != null && need > column.getMinWidth()) {
        column.setMinWidth(Math.max(column.getMinWidth(), Math.min(need, room(column))));
        // a column grown by its least width grows alone: the policy that fits the columns to the table runs again,
        // so that the last column gives way (it stayed as wide as before, past the table's right edge)
        TableView<T> table = getTableView();
        if (table != null) {
          table.getColumnResizePolicy().call(new TableView.ResizeFeatures<>(table, null, 0.0));
        }
      }
    }

    /**
     * The most this cell's column may take: the table's width less the other columns' least widths and a
     * scroll bar's room, so that a widened column never pushes the last one past the table's right edge (a long step
     * id did at 1280×800 beside a failed run's ledger).
     */
    private double room(TableColumn<T, String> column) {
      TableView<T> table = getTableView();
      if (table == null || table.getWidth() <= 0) {
        return fitsUpTo;
      }
      double others = 0;
      for (TableColumn<T, ?> c : table.getVisibleLeafColumns()) {
        if (c != column) {
          others += c.getMinWidth();
        }
      }
      return table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - SCROLL_BAR_ROOM - others;
    }

    private boolean drawnShortened(String s) {
      for (Node n : getChildrenUnmodifiable()) {
        if (n instanceof Text t) {
          return !s.equals(t.getText());
        }
      }
      return false;
    }
  }

  /** A column never narrower than its width: a duration ("645 ms") was drawn "645 …" at 1280×800. */
  private static <T> TableColumn<T, String> whole(TableColumn<T, String> c) {
    c.setMinWidth(c.getPrefWidth());
    return c;
  }

  /**
   * A one-line column as wide as its values (its cells widen it to theirs), from its header's width up to
   * {@code c}'s width: never shortened, never wider than its values need.
   */
  private static <T> TableColumn<T, String> fitted(TableColumn<T, String> c) {
    double most = c.getPrefWidth();
    c.setPrefWidth(c.getMinWidth());
    c.maxWidthProperty().bind(c.minWidthProperty()); // the table's policy gives the room to Detail, not to it
    c.setCellFactory(x -> new TipCell<>(false, most));
    return c;
  }

  /** A column of values of one width (a number): never narrower, nor wider, than its width. */
  private static <T> TableColumn<T, String> fixed(TableColumn<T, String> c) {
    c.setMaxWidth(c.getPrefWidth());
    return whole(c);
  }

  private static String runIcon(RunState s) {
    return switch (s) {
      case APPLIED -> "✔";
      case ROLLED_BACK, ROLLING_BACK -> "⟲";
      case FAILED, ROLLBACK_FAILED, ABORTED -> "✖";
      case RUNNING -> "▶";
      case PAUSED -> "‖";
      default -> "○";
    };
  }

  private static <T> TableColumn<T, String> stateCol(String name, double width, Function<T, String> value,
      Function<T, String> style) {
    TableColumn<T, String> c = col(name, width, value);
    c.setMinWidth(width); // a state is never elided
    c.setCellFactory(x -> new TableCell<>() {
      @Override
      protected void updateItem(String s, boolean empty) {
        super.updateItem(s, empty);
        getStyleClass().removeIf(k -> k.startsWith("state-"));
        if (empty || s == null || getTableRow() == null || getTableRow().getItem() == null) {
          setText(null);
          return;
        }
        setText(s);
        getStyleClass().add(style.apply(getTableRow().getItem()));
      }
    });
    return c;
  }
}
