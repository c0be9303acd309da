package backstep.ui.panels;

import backstep.ui.shell.CellText;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

/** Read-only, unsortable text columns for the panels' tables: their values drawn whole, never ending in "…". */
final class Columns {
  private Columns() {}

  static <R> TableColumn<R, String> text(String title, Function<R, String> value, double width) {
    TableColumn<R, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    c.setSortable(false);
    return c;
  }

  /**
   * A column of one-line cells, each widening its column to its whole value (for a table that scrolls sideways:
   * the blockers' App and State ended in "…" at 1280×800, "billing-worke…"), never narrower than {@code min}.
   */
  static <R> TableColumn<R, String> text(String title, Function<R, String> value, double width, double min) {
    TableColumn<R, String> c = text(title, value, width);
    c.setMinWidth(min);
    c.setCellFactory(x -> new WholeCell<>());
    return c;
  }

  /**
   * A column whose cells draw their whole value in lines at the column's width ({@link CellText}: between words and
   * a name's parts), the row as tall as its lines: the integrity table's check names, counts, checksums and
   * expectations ended in "…" at 1280×800 and 1440×900 ("custome…", "10608…", "same as …"). The column is kept at
   * least as wide as its values' widest part, up to {@code most} px and to the room the other columns leave in the
   * table (a longer part, a 20-digit checksum in a narrow column, breaks where it must).
   */
  static <R> TableColumn<R, String> wrapped(String title, Function<R, String> value, double width, double most) {
    TableColumn<R, String> c = text(title, value, width);
    c.setCellFactory(x -> new TableCell<>() {
      {
        CellText.wrapInWidth(this, need -> widen(getTableColumn(), getTableView(), Math.min(need, most)));
      }

      @Override
      protected void updateItem(String s, boolean empty) {
        super.updateItem(s, empty);
        setText(empty ? null : s);
      }
    });
    return c;
  }

  /**
   * Gives {@code column} at least {@code need} px, as far as the table's other columns' least widths leave room, and
   * fits the columns to the table again (a column's least width grown alone left the last column past its edge).
   */
  private static <R> void widen(TableColumn<R, ?> column, TableView<R> table, double need) {
    if (column == null || table == null || need <= column.getMinWidth()) {
      return;
    }
    double room = need;
    if (table.getWidth() > 0) {
      double others = table.getVisibleLeafColumns().stream().filter(o -> o != column)
          .mapToDouble(TableColumn::getMinWidth).sum();
      room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - 16 - others; // a scroll bar
    }
    double want = Math.min(need, room);
    if (want > column.getMinWidth()) {
      column.setMinWidth(want);
      if (table.getColumnResizePolicy() != TableView.UNCONSTRAINED_RESIZE_POLICY) {
        table.getColumnResizePolicy().call(new TableView.ResizeFeatures<>(table, null, 0.0));
      }
    }
  }

  /** A one-line cell that widens its column to its value's width in its font (the table scrolls sideways). */
  private static final class WholeCell<R> extends TableCell<R, String> {
    private final Text measure = new Text();

    @Override
    protected void updateItem(String s, boolean empty) {
      super.updateItem(s, empty);
      setText(empty ? null : s);
    }

    @Override
    protected void layoutChildren() {
      super.layoutChildren();
      String s = getText();
      TableColumn<R, String> column = getTableColumn();
      if (s == null || s.isEmpty() || column == null) {
        return;
      }
      measure.setFont(getFont());
      measure.setText(s);
      double need = Math.ceil(measure.getLayoutBounds().getWidth() + snappedLeftInset() + snappedRightInset() + 2);
      if (need > column.getWidth()) {
        column.setPrefWidth(need);
        column.setMinWidth(Math.max(column.getMinWidth(), need));
      }
    }
  }
}
