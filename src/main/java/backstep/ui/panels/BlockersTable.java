package backstep.ui.panels;

import backstep.engine.SessionAction;
import backstep.ui.shell.Headers;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The blocking-session list: who blocks whom (pid, user, application, state, what it waits for, duration, query).
 * A blocker that holds up this console's run is highlighted. Binds to a {@link BlockersModel}.
 */
public final class BlockersTable extends TableView<BlockerRow> {
  private static final PseudoClass OWN = PseudoClass.getPseudoClass("own-run");
  private static final PseudoClass BLOCKER = PseudoClass.getPseudoClass("blocker");

  /** What the table asks for when the operator confirms ending a session. */
  public interface OnEnd {
    void end(BlockerRow row, SessionAction.Kind kind, java.time.Instant confirmedAt);
  }

  private OnEnd onEnd;

  /** Enables Cancel query… and Terminate session… in the rows' menu. */
  public void setOnEnd(OnEnd onEnd) {
    this.onEnd = onEnd;
  }

  public BlockersTable(BlockersModel model) {
    super(model.rows());
    setMinWidth(0); // a narrow live column scrolls the table sideways instead of pushing the panels off screen
    setId("blockers-table");
    getStyleClass().addAll("blockers-table", "dense");
    // readable columns that scroll sideways in a narrow column, rather than eight columns squeezed to "…"
    setColumnResizePolicy(UNCONSTRAINED_RESIZE_POLICY);
    Headers.whole(this);
    setPlaceholder(new Label("No session is waiting on a lock."));
    getColumns().addAll(List.of(
        Columns.text("Who", r -> (r.blocker() ? "▲ " : "… ") + r.who(), 118, 96),
        Columns.text("PID", r -> Long.toString(r.pid()), 64, 56),
        Columns.text("For", BlockerRow::duration, 60, 52),
        Columns.text("User", BlockerRow::user, 96, 60),
        Columns.text("App", BlockerRow::app, 120, 60),
        Columns.text("State", BlockerRow::state, 130, 80),
        Columns.text("Waiting for", r -> r.waitingFor().isEmpty() ? "–" : r.waitingFor(), 230, 100),
        Columns.text("Query", r -> r.query().strip().replaceAll("\\s+", " "), 420, 120)));
    setRowFactory(t -> new TableRow<>() {
      {
        setContextMenu(menu(this));
      }

      @Override
      protected void updateItem(BlockerRow item, boolean empty) {
        super.updateItem(item, empty);
        pseudoClassStateChanged(OWN, !empty && item != null && item.ownRun());
        pseudoClassStateChanged(BLOCKER, !empty && item != null && item.blocker());
        setTooltip(empty || item == null ? null : new Tooltip("pid " + item.pid() + " · " + item.who()
            + (item.ownRun() ? (item.blocker() ? " — blocks this console's run" : " — this console's run") : "")
            + "\n" + item.query()));
      }
    });
  }

  /** A row's menu: copy the PID, the query or the whole row; cancel the query or end the session (confirmed). */
  private ContextMenu menu(TableRow<BlockerRow> row) {
    // the rows are refreshed every second: the menu acts on the session it was opened on
    BlockerRow[] on = new BlockerRow[1];
    MenuItem pid = new MenuItem("Copy PID");
    pid.setOnAction(e -> copy(Long.toString(on[0].pid())));
    MenuItem query = new MenuItem("Copy query");
    query.setOnAction(e -> copy(on[0].query()));
    MenuItem whole = new MenuItem("Copy row");
    whole.setOnAction(e -> copy(describe(on[0]) + "\t" + on[0].waitingFor()));
    MenuItem cancel = new MenuItem("Cancel query…");
    cancel.setId("blocker-cancel");
    cancel.setOnAction(e -> confirm(on[0], SessionAction.Kind.CANCEL));
    MenuItem terminate = new MenuItem("Terminate session…");
    terminate.setId("blocker-terminate");
    terminate.setOnAction(e -> confirm(on[0], SessionAction.Kind.TERMINATE));
    ContextMenu m = new ContextMenu(pid, query, whole, new SeparatorMenuItem(), cancel, terminate);
    m.setOnShowing(e -> {
      on[0] = row.getItem();
      boolean any = on[0] != null;
      // never this console's own waiting session: roll back is the way to stop the run
      boolean can = onEnd != null && any && (on[0].blocker() || !on[0].ownRun());
      pid.setDisable(!any);
      query.setDisable(!any);
      whole.setDisable(!any);
      cancel.setDisable(!can);
      terminate.setDisable(!can);
    });
    return m;
  }

  /** The session in words: pid, user, application, state, how long, the query. */
  public static String describe(BlockerRow r) {
    return "pid " + r.pid() + "\t" + r.user() + "\t" + r.app() + "\t" + r.state() + "\t" + r.duration() + "\t"
        + r.query();
  }

  private void confirm(BlockerRow r, SessionAction.Kind kind) {
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
    a.initOwner(getScene().getWindow());
    a.setTitle(kind == SessionAction.Kind.CANCEL ? "Cancel query" : "Terminate session");
    a.setHeaderText((kind == SessionAction.Kind.CANCEL ? "Cancel the statement of " : "Terminate ") + "session pid "
        + r.pid() + " (" + r.user() + ", " + (r.app().isEmpty() ? "no application name" : r.app()) + ")?");
    a.setContentText(r.who() + " · " + r.state() + " · for " + r.duration() + "\n" + r.query() + "\n\n"
        + (kind == SessionAction.Kind.CANCEL ? "Its statement fails; the session and its transaction's other work"
        + " stay (PostgreSQL: pg_cancel_backend; MariaDB: KILL QUERY)."
        : "The session ends and its open transaction is rolled back (PostgreSQL: pg_terminate_backend; MariaDB: "
        + "KILL).") + " Recorded in the ledger with the run it holds up.");
    a.getDialogPane().lookupButton(ButtonType.OK).setId("blocker-confirm");
    a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> onEnd.end(r, kind, java.time.Instant.now()));
  }

  private static void copy(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }

  /** The reason inside a completion's wrapping. */
  static String cause(Throwable t) {
    Throwable c = t;
    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return String.valueOf(c.getMessage());
  }
}
