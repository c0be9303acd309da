package backstep.ui.panels;

import backstep.ui.shell.Headers;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The integrity table (check, before, now, expected, status), coloured by status; rows read from the ledger are
 * drawn muted and their tooltip names the run. Binds to an {@link IntegrityModel}.
 */
public final class IntegrityTable extends TableView<IntegrityRow> {
  private static final PseudoClass RECORDED = PseudoClass.getPseudoClass("recorded");

  public IntegrityTable(IntegrityModel model) {
    super(model.rows());
    setMinWidth(0); // a narrow live column scrolls the table sideways instead of pushing the panels off screen
    setId("integrity-table");
    getStyleClass().addAll("integrity-table", "dense");
    setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    Headers.whole(this);
    setPlaceholder(new Label("This playbook declares no checks."));
    TableColumn<IntegrityRow, String> check = Columns.text("Check", IntegrityRow::check, 200);
    TableColumn<IntegrityRow, String> before = Columns.text("Before", IntegrityRow::before, 80);
    TableColumn<IntegrityRow, String> now = Columns.text("Now", IntegrityRow::now, 80);
    TableColumn<IntegrityRow, String> expected = Columns.text("Expected", IntegrityRow::expected, 120);
    TableColumn<IntegrityRow, String> status = Columns.text("Status", r -> r.status().label(), 90);
    status.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeIf(s -> s.startsWith("check-"));
        IntegrityRow row = empty ? null : getTableRow().getItem();
        setText(empty || row == null ? null : item);
        if (row != null) {
          getStyleClass().add(row.status().styleClass());
        }
      }
    });
    getColumns().addAll(java.util.List.of(check, before, now, expected, status));
    for (TableColumn<IntegrityRow, ?> c : getColumns()) { // each header in full ("Be…", "Sta…" at 1280×800)
      c.setMinWidth(Math.min(c.getPrefWidth(), 20 + 7.5 * c.getText().length()));
    }
    status.setMinWidth(status.getPrefWidth()); // the verdict whole ("◉ bas…" at 1280×800); the check's name gives way
    now.setMinWidth(before.getMinWidth()); // a count whole as Before draws it ("20…" beside "20000" at 1280×800)
    setRowFactory(t -> new TableRow<>() {
      @Override
      protected void updateItem(IntegrityRow item, boolean empty) {
        super.updateItem(item, empty);
        pseudoClassStateChanged(RECORDED, !empty && item != null && item.fromLedger());
        setTooltip(empty || item == null ? null : new Tooltip(item.check() + (item.phase().isEmpty() ? ""
            : " · " + item.phase()) + (item.fromLedger() ? " · from " + item.recorded() + " (not evaluated now)"
            : "") + (item.detail().isEmpty() ? "" : "\n" + item.detail())));
      }
    });
  }
}
