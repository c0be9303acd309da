package backstep.ui.shell;

import java.util.function.ToDoubleFunction;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * A list cell's text that wraps to the list's width instead of ending in "…", between words and after the marks that
 * join a name's parts ({@code _ . / -}), never inside a name's part: the sidebar's playbooks and drills, the drill's
 * checklist, fault timeline and event timeline; and a short list as tall as its wrapped rows.
 */
public final class CellText {
  private CellText() {
  }

  /**
   * Wraps {@code label} at the width of the list {@code cell} is in, less {@code inset} (the row's icon, padding
   * and a vertical scroll bar): a list cell asks its label for its height at the width the label asks for, so the
   * label asks for the list's. The label keeps its whole text (what a reader's screen reader says and a test looks
   * up); it draws it as a {@link Text} broken into lines by {@link #lines}: JavaFX's own wrapping broke a name
   * longer than the line inside a word ("customers.email_verifie / d").
   */
  public static void wrap(Label label, ListCell<?> cell, double inset) {
    drawInLines(label, label.prefWidthProperty(), w -> { });
    cell.listViewProperty().addListener((o, a, list) -> fit(label, list, inset));
    fit(label, cell.getListView(), inset);
  }

  /**
   * Wraps {@code label} (outside a list: a path beside a button) at the width its parent gives it, as {@link #wrap}
   * does: between a name's parts, never inside one ("…/failed-backfill-d425d0bd/de / brief.md" before). The parent
   * must give it its width whatever it asks for (grow it), as it asks for the width of its longest line. A table
   * cell is given its column's width: its row grows to the cell's lines (the ledger's cells).
   */
  public static void wrapInWidth(Labeled label) {
    drawInLines(label, label.widthProperty(), w -> { });
  }

  /**
   * {@link #wrapInWidth}, telling {@code needs} the width the label needs (its widest part and its insets) each
   * time its text or font changes: a table column given at least that breaks its cells only between a name's parts
   * (the ledger's step ids were drawn "add-/name/-/key" in a column squeezed to its header's width).
   */
  public static void wrapInWidth(Labeled label, java.util.function.DoubleConsumer needs) {
    drawInLines(label, label instanceof TableCell<?, ?> cell ? columnWidth(cell) : label.widthProperty(), needs);
  }

  /**
   * The width of the column {@code cell} is in (its own until it has one): a row asks its cells for their heights
   * before it gives them their widths, so a cell that broke its lines at its own width told the row the lines of its
   * last width. The row kept that height, and the lines it drew at its column's width were cut (the integrity
   * table's first row in three lines in a row 28 px high at 1280×800, session 18): the cell's new height, asked for
   * inside the row's layout, was never laid out.
   */
  private static javafx.beans.value.ObservableDoubleValue columnWidth(TableCell<?, ?> cell) {
    javafx.beans.property.DoubleProperty width = new javafx.beans.property.SimpleDoubleProperty();
    javafx.beans.value.ChangeListener<TableColumn<?, ?>> follow = (o, was, column) -> {
      width.unbind();
      if (column != null) {
        width.bind(column.widthProperty());
      } else {
        width.bind(cell.widthProperty());
      }
    };
    @SuppressWarnings({"unchecked", "rawtypes"})
    javafx.beans.value.ObservableValue<TableColumn<?, ?>> column = (javafx.beans.value.ObservableValue)
        cell.tableColumnProperty();
    column.addListener(follow);
    follow.changed(column, null, column.getValue());
    return width;
  }

  /** Draws the label's whole text as a {@link Text} broken by {@link #lines} at {@code width} less its insets. */
  private static void drawInLines(Labeled label, javafx.beans.value.ObservableDoubleValue width,
      java.util.function.DoubleConsumer needs) {
    label.setWrapText(true);
    label.setMinWidth(0);
    label.setMinHeight(Region.USE_PREF_SIZE);
    Text drawn = new Text();
    drawn.getStyleClass().add("cell-text");
    drawn.fontProperty().bind(label.fontProperty());
    drawn.fillProperty().bind(label.textFillProperty());
    label.setGraphic(drawn);
    label.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    Text measure = new Text();
    javafx.beans.InvalidationListener redraw = o -> {
      measure.setFont(label.getFont());
      double room = width.get() - label.snappedLeftInset() - label.snappedRightInset();
      ToDoubleFunction<String> measured = s -> {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
      };
      String text = label.getText() == null ? "" : label.getText();
      drawn.setText(lines(text, room, measured));
      needs.accept(Math.ceil(parts(text).stream().mapToDouble(p -> measured.applyAsDouble(p.strip())).max()
          .orElse(0) + label.snappedLeftInset() + label.snappedRightInset()));
    };
    label.textProperty().addListener(redraw);
    label.fontProperty().addListener(redraw);
    width.addListener(redraw);
    label.paddingProperty().addListener(redraw);
    redraw.invalidated(null);
  }

  /**
   * {@code text} broken into lines no wider than {@code width} (as {@code measure} gives a string's width), only after
   * a space (which the line then drops) or one of {@code _ . / -}; a part wider than a line on its own is broken
   * where it must. A width of zero or less (not yet laid out) leaves the text on one line.
   */
  public static String lines(String text, double width, ToDoubleFunction<String> measure) {
    if (width <= 0 || measure.applyAsDouble(text) <= width) {
      return text;
    }
    java.util.List<String> lines = new java.util.ArrayList<>();
    String line = "";
    for (String part : parts(text)) {
      String joined = line + part;
      if (line.isEmpty() || measure.applyAsDouble(joined.stripTrailing()) <= width) {
        line = joined;
      } else {
        lines.add(line.stripTrailing());
        line = part.stripLeading();
      }
    }
    lines.add(line.stripTrailing());
    StringBuilder out = new StringBuilder();
    for (String whole : lines) {
      for (String rest = whole; !rest.isEmpty(); ) { // a part longer than a line on its own: as much as fits
        int fits = rest.length();
        while (fits > 1 && measure.applyAsDouble(rest.substring(0, fits)) > width) {
          fits--;
        }
        out.append(out.length() == 0 ? "" : "\n").append(rest, 0, fits);
        rest = rest.substring(fits);
      }
    }
    return out.toString();
  }

  /** The text's parts, each ending with the spaces or the one mark after which a line may break. */
  private static java.util.List<String> parts(String text) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == ' ';
      boolean last = i + 1 == text.length();
      if ((space && (last || text.charAt(i + 1) != ' ')) || (!space && "_./-".indexOf(c) >= 0) || last) {
        parts.add(text.substring(from, i + 1));
        from = i + 1;
      }
    }
    return parts;
  }

  /**
   * Makes {@code list} (its cell factory set) as tall as its rows (their wrapped heights, as laid out), between
   * {@code min} and {@code max} px, also its minimum height: a short list of tall rows (the drill's faults) shows them
   * whole instead of scrolling after their first lines. Measured whenever a row's height changes; rows not yet laid
   * out (below the list's current height) count as {@code min} each until they are.
   */
  public static <T> void fitRows(ListView<T> list, double min, double max) {
    list.setMinHeight(min);
    list.setPrefHeight(min);
    Runnable apply = () -> {
      double want = Math.max(min, Math.min(max, rowsHeight(list, min)));
      if (Math.abs(want - list.getPrefHeight()) > 1) {
        list.setPrefHeight(want);
        list.setMinHeight(want); // a column short of room scrolls rather than cutting a row
      }
    };
    // a row's height changes during a layout pass, when a new size asked for would be lost: applied after it
    backstep.ui.fx.AfterLayout after = new backstep.ui.fx.AfterLayout(list, apply);
    javafx.beans.InvalidationListener refit = o -> after.ask(false);
    javafx.util.Callback<ListView<T>, ListCell<T>> cells = list.getCellFactory();
    list.setCellFactory(v -> { // each row's height as laid out: a row wraps to more lines once it has its width
      ListCell<T> c = cells == null ? new ListCell<>() : cells.call(v);
      c.heightProperty().addListener(refit);
      c.emptyProperty().addListener(refit);
      return c;
    });
    list.getItems().addListener(refit);
  }

  private static double rowsHeight(ListView<?> list, double unseen) {
    java.util.Map<Integer, Double> rows = new java.util.HashMap<>();
    for (javafx.scene.Node n : list.lookupAll(".list-cell")) {
      if (n instanceof ListCell<?> c && !c.isEmpty() && c.getIndex() >= 0 && c.getIndex() < list.getItems().size()
          && c.isVisible() && c.getParent() != null && c.getParent().isVisible()) {
        rows.put(c.getIndex(), c.getHeight());
      }
    }
    double sum = rows.values().stream().mapToDouble(Double::doubleValue).sum();
    return sum + (list.getItems().size() - rows.size()) * unseen + list.snappedTopInset()
        + list.snappedBottomInset() + 2;
  }

  private static void fit(Label label, ListView<?> list, double inset) {
    label.prefWidthProperty().unbind();
    label.maxWidthProperty().unbind();
    if (list != null) {
      label.prefWidthProperty().bind(list.widthProperty().subtract(inset));
      label.maxWidthProperty().bind(label.prefWidthProperty());
    }
  }
}
