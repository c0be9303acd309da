package backstep.ui.panels;

import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The blocking-session list: who blocks whom (pid, user, application, state, what it waits for, duration, query).
 * A blocker that holds up this console's run is highlighted. Binds to a {@link BlockersModel}.
 */
public final class BlockersTable extends TableView<BlockerRow> {
  private static final PseudoClass OWN = PseudoClass.getPseudoClass("own-run");
  private static final PseudoClass BLOCKER = PseudoClass.getPseudoClass("blocker");

  public BlockersTable(BlockersModel model) {
    super(model.rows());
    setMinWidth(0); // a narrow live column scrolls the table sideways instead of pushing the panels off screen
    setId("blockers-table");
    getStyleClass().addAll("blockers-table", "dense");
    // readable columns that scroll sideways in a narrow column, rather than eight columns squeezed to "…"
    setColumnResizePolicy(UNCONSTRAINED_RESIZE_POLICY);
    setPlaceholder(new Label("No session is waiting on a lock."));
    getColumns().addAll(List.of(
        Columns.text("Who", r -> (r.blocker() ? "▲ " : "… ") + r.who(), 118, 96),
        Columns.text("PID", r -> Long.toString(r.pid()), 64, 56),
        Columns.text("For", BlockerRow::duration, 60, 52),
        Columns.text("User", BlockerRow::user, 96, 60),
        Columns.text("App", BlockerRow::app, 120, 60),
        Columns.text("State", BlockerRow::state, 130, 80),
        Columns.text("Waiting for", r -> r.waitingFor().isEmpty() ? "–" : r.waitingFor(), 230, 100),
        Columns.text("Query", BlockerRow::query, 420, 120)));
    setRowFactory(t -> new TableRow<>() {
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
}
