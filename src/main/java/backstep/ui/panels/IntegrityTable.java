package backstep.ui.panels;

import backstep.ui.fx.PacedTable;
import backstep.ui.shell.Headers;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;

/**
 * The integrity table (check, before, now, expected, status), coloured by status; rows read from the ledger are
 * drawn muted and their tooltip names the run. Binds to an {@link IntegrityModel}.
 */
public final class IntegrityTable extends PacedTable<IntegrityRow> {
  private static final PseudoClass RECORDED = PseudoClass.getPseudoClass("recorded");

  public IntegrityTable(IntegrityModel model) {
    super(model.rows());
    setMinWidth(0); // a narrow live column scrolls the table sideways instead of pushing the panels off screen
    setId("integrity-table");
    getStyleClass().addAll("integrity-table", "dense");
    setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    Headers.whole(this);
    setPlaceholder(new Label("This playbook declares no checks."));
    // every value whole, wrapped in lines at its column's width (a check's name, a checksum, an expectation ended in
    // "…" at 1280×800 and 1440×900); the verdict on one line, never narrower than its widest word
    TableColumn<IntegrityRow, String> check = Columns.wrapped("Check", IntegrityRow::check, 200, 140);
    // a count or checksum's column at most 60 px wide at least (a 20-digit checksum takes three lines at 60 px as at
    // 72): at 72 the five columns' least widths left no room for the scroll bar at 1280×800
    TableColumn<IntegrityRow, String> before = Columns.wrapped("Before", IntegrityRow::before, 72, 60);
    TableColumn<IntegrityRow, String> now = Columns.wrapped("Now", IntegrityRow::now, 72, 60);
    TableColumn<IntegrityRow, String> expected = Columns.wrapped("Expected", IntegrityRow::expected, 110, 100);
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

      @Override
      protected void layoutChildren() {
        super.layoutChildren();
        if (getText() != null && getTableColumn() != null) {
          verdictWidth(getTableColumn(), getFont(), snappedLeftInset() + snappedRightInset());
        }
      }
    });
    getColumns().addAll(java.util.List.of(check, before, now, expected, status));
    status.setMinWidth(status.getPrefWidth()); // the verdict whole ("◉ bas…" at 1280×800); the others wrap
    // (then as wide as its widest verdict once a cell knows its font: 90 px left the check's name 91 px at 1280×800)
    // a count drawn as wide before as now, so that the two read side by side
    before.minWidthProperty().addListener((o, a, b) -> now.setMinWidth(Math.max(now.getMinWidth(), b.doubleValue())));
    now.minWidthProperty().addListener((o, a, b) -> before.setMinWidth(Math.max(before.getMinWidth(),
        b.doubleValue())));
  }

  /** See {@link #wholeRowProperty}: what the table's height less its viewport's, plus its tallest row, comes to. */
  private double wholeRowHeight(javafx.scene.control.skin.VirtualFlow<?> f) {
    double tallest = 0;
    for (javafx.scene.Node n : f.lookupAll(".table-row-cell")) {
      if (n instanceof TableRow<?> r && !r.isEmpty() && r.getIndex() >= 0 && r.isVisible()) {
        tallest = Math.max(tallest, r.getHeight());
      }
    }
    double view = 0;
    for (javafx.scene.Node k : f.getChildrenUnmodifiable()) {
      if (k.getStyleClass().contains("clipped-container")) {
        view = k.getLayoutBounds().getHeight();
      }
    }
    return tallest <= 0 || view <= 0 ? 0 : Math.ceil(getHeight() - view + tallest);
  }

  /**
   * The Status column as wide as the widest verdict any check can have ("◉ baseline", "– skipped") in the cells'
   * font, its header's width at least, the same whatever the rows say now (a verdict changing never moves the other
   * columns): its fixed 90 px took 20 px from the check's name, which wrapped to four lines at 1280×800.
   */
  private static void verdictWidth(TableColumn<?, ?> status, javafx.scene.text.Font font, double insets) {
    javafx.scene.text.Text measure = new javafx.scene.text.Text(status.getText());
    measure.setFont(font);
    double widest = measure.getLayoutBounds().getWidth();
    for (IntegrityRow.Status v : IntegrityRow.Status.values()) {
      measure.setText(v.label());
      widest = Math.max(widest, measure.getLayoutBounds().getWidth());
    }
    double want = Math.ceil(widest + insets + 4);
    if (Math.abs(status.getMinWidth() - want) > 0.5) {
      status.setMinWidth(want);
      status.setPrefWidth(want);
      status.setMaxWidth(want);
    }
  }

  /**
   * A check read from the ledger drawn muted, its tooltip naming the run; the rows are the table's own (their cells
   * made a few a pulse as the table joins the window, none on a hidden page: {@link PacedTable}).
   */
  @Override
  protected void updateRow(TableRow<IntegrityRow> row, IntegrityRow item, boolean empty) {
    row.pseudoClassStateChanged(RECORDED, !empty && item != null && item.fromLedger());
    row.setTooltip(empty || item == null ? null : new Tooltip(item.check() + (item.phase().isEmpty() ? ""
        : " · " + item.phase()) + (item.fromLedger() ? " · from " + item.recorded() + " (not evaluated now)"
        : "") + (item.detail().isEmpty() ? "" : "\n" + item.detail())));
  }

  /**
   * The columns fitted to the rows' width less the vertical scroll bar once the grown rows bring it: the table's
   * policy kept fitting them to the whole width, and the bar's room clipped the Status column ("◉ baselin" at
   * 1280×800, session 16). The skin tells the policy the width it fits to in its {@code TableView.contentWidth}
   * property, which it did not update when the bar came.
   */
  private double refitAt = -1;
  private final javafx.beans.property.ReadOnlyDoubleWrapper wholeRow =
      new javafx.beans.property.ReadOnlyDoubleWrapper(this, "wholeRow", 0);

  /**
   * The least height that shows the tallest row in sight whole (header, row, a sideways scroll bar, insets), 0 before
   * any row is laid out: a check's name and its checksum wrapped to four lines (74 px) in a viewport of 47–58 px, never
   * whole in sight however far scrolled (the blocked-run tour at 1280×800). Known after layout; the live column fits
   * its split to it again when it changes.
   */
  public javafx.beans.property.ReadOnlyDoubleProperty wholeRowProperty() {
    return wholeRow.getReadOnlyProperty();
  }

  @Override
  protected void layoutChildren() {
    super.layoutChildren();
    javafx.scene.Node flow = lookup(".virtual-flow");
    if (!(flow instanceof javafx.scene.control.skin.VirtualFlow<?> f)) {
      return;
    }
    wholeRow.set(wholeRowHeight(f));
    double bar = 0;
    for (javafx.scene.Node n : f.getChildrenUnmodifiable()) {
      if (n instanceof javafx.scene.control.ScrollBar s && s.getOrientation() == javafx.geometry.Orientation.VERTICAL
          && s.isVisible()) {
        bar = s.getWidth();
      }
    }
    double room = Math.floor(f.getWidth() - bar);
    double columns = getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
    if (room <= 0 || columns <= room + 0.5) {
      return;
    }
    double least = getVisibleLeafColumns().stream().mapToDouble(TableColumn::getMinWidth).sum();
    if (least > room && getWidth() != refitAt) { // least widths from a wider table: again, for this width
      refitAt = getWidth();
      Columns.refit(this);
      least = getVisibleLeafColumns().stream().mapToDouble(TableColumn::getMinWidth).sum();
    }
    if (least <= room) { // (narrower than its columns' least widths, it scrolls sideways)
      getProperties().put("TableView.contentWidth", room); // the width the table's policy fits the columns to
      getColumnResizePolicy().call(new ResizeFeatures<>(this, null, 0.0));
    }
  }
}
