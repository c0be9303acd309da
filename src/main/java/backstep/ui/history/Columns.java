package backstep.ui.history;

import javafx.scene.control.TableColumnBase;

/** The sizing both tables of the history page give their columns: widths, not sortable, not reorderable. */
final class Columns {
  private Columns() {}

  static <C extends TableColumnBase<?, ?>> C sized(C c, double pref, double min, double max) {
    c.setPrefWidth(pref);
    c.setMinWidth(min);
    c.setMaxWidth(max);
    c.setSortable(false);
    c.setReorderable(false);
    return c;
  }
}
