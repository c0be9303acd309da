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
    Widest<R> widest = new Widest<>(c, value, width, min);
    c.setCellFactory(x -> new WholeCell<>(widest));
    c.tableViewProperty().addListener((o, a, table) -> {
      if (table != null) {
        table.getItems().addListener((javafx.collections.ListChangeListener<R>) ch -> widest.fit(table.getItems()));
      }
    });
    return c;
  }

  /**
   * A one-line column as wide as the widest value its rows hold now (or its own width): its cells widened it and it
   * never narrowed again, and a blocker that had held up five sessions kept its Who column at "▲ blocks 6546, 6650,
   * …" width, about 215 px wider than "▲ blocks 6546" at 1280×800, pushing User past the table's edge. Measured in
   * the cells' font, known once a cell is laid out.
   */
  private static final class Widest<R> {
    private final TableColumn<R, String> column;
    private final Function<R, String> value;
    private final double width;
    private final double min;
    private final Text measure = new Text();
    private javafx.scene.text.Font font;
    private double insets;

    Widest(TableColumn<R, String> column, Function<R, String> value, double width, double min) {
      this.column = column;
      this.value = value;
      this.width = width;
      this.min = min;
    }

    /** What a laid-out cell draws with: its font and its left and right insets. */
    void drawnWith(javafx.scene.text.Font f, double in) {
      font = f;
      insets = in;
    }

    double need(String s) {
      measure.setFont(font);
      measure.setText(s);
      return Math.ceil(measure.getLayoutBounds().getWidth() + insets + 2);
    }

    void fit(java.util.List<R> rows) {
      if (font == null || rows.isEmpty()) {
        return;
      }
      double need = rows.stream().mapToDouble(r -> need(value.apply(r))).max().orElse(0);
      column.setMinWidth(Math.max(min, need));
      column.setPrefWidth(Math.max(width, need));
    }
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
        CellText.wrapInWidth(this, need -> {
          TableColumn<R, String> column = getTableColumn();
          if (column != null && need > needOf(column)) {
            column.getProperties().put(NEED, Math.min(need, most));
          }
          widen(column, getTableView(), Math.min(need, most));
        });
      }

      @Override
      protected void updateItem(String s, boolean empty) {
        super.updateItem(s, empty);
        setText(empty ? null : s);
      }
    });
    c.tableViewProperty().addListener((o, a, table) -> {
      if (table != null && !table.getProperties().containsKey(NEED)) {
        table.getProperties().put(NEED, Boolean.TRUE);
        table.widthProperty().addListener((w, x, y) -> refit(table));
      }
    });
    return c;
  }

  private static final String NEED = "backstep.column.need";

  private static double needOf(TableColumn<?, ?> c) {
    return c.getProperties().get(NEED) instanceof Double d ? d : 0;
  }

  /**
   * The wrapped columns' least widths again from their values' needs at the table's width now: a least width grown
   * in a wider table stayed when it narrowed (the live column of 1280×800 after 1440×900, the drill page's), the
   * columns' least widths summed to more than the table less its scroll bar, and the bar covered the Status column's
   * end ("◉ baselin").
   */
  static <R> void refit(TableView<R> table) {
    java.util.List<TableColumn<R, ?>> wrapped = table.getVisibleLeafColumns().stream()
        .filter(c -> c.getProperties().containsKey(NEED)).toList();
    wrapped.forEach(c -> c.setMinWidth(10));
    backstep.ui.shell.Headers.fit(table); // each header whole first, then the values' widths as far as room is left
    wrapped.forEach(c -> widen(c, table, needOf(c)));
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
    private final Widest<R> widest;

    WholeCell(Widest<R> widest) {
      this.widest = widest;
    }

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
      widest.drawnWith(getFont(), snappedLeftInset() + snappedRightInset());
      double need = widest.need(s);
      if (need > column.getWidth()) {
        column.setPrefWidth(need);
        column.setMinWidth(Math.max(column.getMinWidth(), need));
      }
    }
  }
}
