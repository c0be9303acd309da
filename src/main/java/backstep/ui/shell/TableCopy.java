package backstep.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Copy from every table of the window, present and future: a right-click on a row that has no menu of its own
 * offers <em>Copy cell</em>, <em>Copy row</em>, <em>Copy PID</em> / <em>Copy query</em> (when the table has such a
 * column), <em>Copy all rows</em> and each column's value; Ctrl+C (⌘C) copies the selected rows. Rows are copied
 * tab-separated, a header line first for all rows, so they paste into a spreadsheet or a ticket.
 */
public final class TableCopy {
  private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

  private TableCopy() {}

  /** Installs the menu and Ctrl+C on {@code scene} (an event filter: tables need not know). */
  public static void install(Scene scene) {
    scene.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
      TableCell<?, ?> cell = ancestor(e.getPickResult().getIntersectedNode(), TableCell.class);
      TableView<?> table = ancestor(e.getPickResult().getIntersectedNode(), TableView.class);
      if (table == null || table.getContextMenu() != null) {
        return;
      }
      TableRow<?> row = ancestor(e.getPickResult().getIntersectedNode(), TableRow.class);
      if (row != null && (row.getContextMenu() != null || row.isEmpty())) {
        return; // the row has a menu of its own (the blockers' cancel / terminate), or is below the last row
      }
      int index = row == null ? table.getSelectionModel().getSelectedIndex() : row.getIndex();
      if (index < 0 || index >= table.getItems().size()) {
        return;
      }
      table.getSelectionModel().clearAndSelect(index);
      ContextMenu menu = menu(table, index, cell == null ? null : cell.getTableColumn());
      menu.setId("table-copy-menu");
      menu.show(table, e.getScreenX(), e.getScreenY());
      e.consume();
    });
    scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (COPY.match(e) && scene.getFocusOwner() instanceof TableView<?> t
          && !t.getSelectionModel().getSelectedIndices().isEmpty()) {
        copy(t.getSelectionModel().getSelectedIndices().stream().map(i -> row(t, i))
            .collect(Collectors.joining("\n")));
        e.consume();
      }
    });
  }

  /** The copy menu for row {@code index} of {@code table}, {@code column} the cell's (or null). */
  static ContextMenu menu(TableView<?> table, int index, TableColumn<?, ?> column) {
    List<MenuItem> items = new ArrayList<>();
    if (column != null) {
      items.add(item("copy-cell", "Copy _cell", () -> cell(column, index)));
    }
    items.add(item("copy-row", "Copy _row", () -> row(table, index)));
    for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
      String h = header(c).toLowerCase(Locale.ROOT);
      if (h.equals("pid") || h.contains("query") || h.equals("sql")) {
        items.add(item("copy-" + h.replaceAll("[^a-z]+", "-"), "Copy " + header(c), () -> cell(c, index)));
      }
    }
    items.add(item("copy-all", "Copy _all rows", () -> all(table)));
    Menu each = new Menu("Copy _value of");
    for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
      if (!header(c).isEmpty()) {
        each.getItems().add(item(null, header(c), () -> cell(c, index)));
      }
    }
    ContextMenu m = new ContextMenu(items.toArray(MenuItem[]::new));
    if (!each.getItems().isEmpty()) {
      m.getItems().addAll(new SeparatorMenuItem(), each);
    }
    return m;
  }

  /** Row {@code index}: every visible column's value, tab-separated. */
  static String row(TableView<?> table, int index) {
    return table.getVisibleLeafColumns().stream().map(c -> cell(c, index)).collect(Collectors.joining("\t"));
  }

  /** A header line, then every row. */
  static String all(TableView<?> table) {
    StringBuilder b = new StringBuilder(table.getVisibleLeafColumns().stream().map(TableCopy::header)
        .collect(Collectors.joining("\t")));
    for (int i = 0; i < table.getItems().size(); i++) {
      b.append('\n').append(row(table, i));
    }
    return b.toString();
  }

  /** A cell's value as words (a record's components, a number, a state's words). */
  static String cell(TableColumn<?, ?> c, int index) {
    Object v = c.getCellData(index);
    return Findable.words(v).strip().replace('\n', ' ').replace('\t', ' ');
  }

  private static String header(TableColumn<?, ?> c) {
    if (c.getText() != null && !c.getText().isBlank()) {
      return c.getText().strip();
    }
    return c.getGraphic() instanceof javafx.scene.control.Labeled l && l.getText() != null ? l.getText().strip() : "";
  }

  private static MenuItem item(String id, String text, java.util.function.Supplier<String> what) {
    MenuItem i = new MenuItem(text);
    i.setMnemonicParsing(id != null);
    if (id != null) {
      i.setId(id);
    }
    i.setOnAction(e -> copy(what.get()));
    return i;
  }

  /** Puts {@code text} on the system clipboard. On the FX thread. */
  static void copy(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }

  private static <T> T ancestor(Node n, Class<T> type) {
    for (Node x = n; x != null; x = x.getParent()) {
      if (type.isInstance(x)) {
        return type.cast(x);
      }
    }
    return null;
  }
}
