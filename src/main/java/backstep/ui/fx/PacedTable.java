package backstep.ui.fx;

import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Skin;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * A table whose rows take their cells a few a pulse, and no cells for its empty lines ({@link PacedRows}), and whose
 * rows' flow lays out only while the table and every ancestor are shown: it makes no row on a hidden page, and makes
 * them in the frame it is shown in. A subclass draws its rows' own state (a pseudo-class, a tooltip) in
 * {@link #updateRow}, not with a row factory of its own (the rows are the pacing's). Made for the panels by a
 * subclass (the integrity table, which keeps its place in its pane's layout while hidden), for the ledger by
 * {@link OnScreen#table}. FX thread only.
 */
public class PacedTable<T> extends TableView<T> {
  private final PacedRows<T> paced = new PacedRows<>(this, this::updateRow);
  private VirtualFlow<TableRow<T>> rows;
  /** A layout of the rows' flow skipped while hidden. */
  private boolean skipped;

  /** A table that keeps its place in its pane's layout while hidden; its rows wait until it is shown. */
  protected PacedTable(ObservableList<T> items) {
    this(items, false);
  }

  /** {@code outOfLayoutWhenHidden}: also taken out of its pane's layout while hidden ({@link OnScreen#table}). */
  PacedTable(ObservableList<T> items, boolean outOfLayoutWhenHidden) {
    super(items);
    OnScreen.follow(this, outOfLayoutWhenHidden);
  }

  /**
   * Whether a table shown in {@code scene} still gives its rows their cells a few a pulse (a page's next piece waits
   * for it: {@code ShellView}). FX thread.
   */
  public static boolean pacing(Scene scene) {
    return PacedRows.pacing(scene);
  }

  /** A row given {@code item} (null and {@code empty} for an empty line): its own state, after the row's. */
  protected void updateRow(TableRow<T> row, T item, boolean empty) {
    // no state of its own
  }

  @Override
  protected Skin<?> createDefaultSkin() {
    return new TableViewSkin<>(this) {
      @Override
      protected VirtualFlow<TableRow<T>> createVirtualFlow() {
        rows = new VirtualFlow<>() {
          @Override
          protected void layoutChildren() {
            if (!OnScreen.shown(PacedTable.this)) {
              skipped = true;
              return;
            }
            super.layoutChildren();
            if (skipped) {
              // a column's width set while it was hidden left the flow a request to lay its cells out again, which
              // its next layout answers alone (it had no cells): the rows of a table that kept its size while
              // hidden were never made
              skipped = false;
              super.layoutChildren();
            }
            paced.laidOut();
          }
        };
        return rows;
      }
    };
  }

  /** Shown again: its rows laid out, those still without cells take them a few a pulse. */
  void layOutRows() {
    requestLayout();
    if (rows != null) {
      rows.requestLayout();
    }
    paced.shown();
  }
}
