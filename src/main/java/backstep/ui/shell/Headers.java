package backstep.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Control;
import javafx.scene.control.skin.TableColumnHeader;

/**
 * Column headers drawn in full: a column of a table that fits its width gives way down to its minimum, and a header
 * wider than that was drawn "Opera…". Here each column's minimum is kept at least its header's width, measured in
 * the font the theme and the zoom give it; a table whose headers need more than its width scrolls sideways.
 */
public final class Headers {
  private Headers() {
  }

  /** Keeps every column of {@code table} (a table or tree table) at least as wide as its header. */
  public static void whole(Control table) {
    table.needsLayoutProperty().addListener((o, was, now) -> {
      if (!now) {
        fit(table);
      }
    });
  }

  /** Raises each column's minimum to its header's width now (after a caller lowered the minimums). */
  public static void fit(Control table) {
    for (Node n : table.lookupAll(".column-header")) {
      if (n instanceof TableColumnHeader h && h.getTableColumn() != null && h.lookup(".label") instanceof Label l) {
        double need = Math.ceil(l.prefWidth(-1) + h.snappedLeftInset() + h.snappedRightInset()) + 2;
        if (h.getTableColumn().getMinWidth() < need) {
          h.getTableColumn().setMinWidth(need);
        }
      }
    }
  }
}
