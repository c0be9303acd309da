package backstep.ui.panels;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** Read-only, unsortable text columns for the panels' tables. */
final class Columns {
  private Columns() {}

  static <R> TableColumn<R, String> text(String title, Function<R, String> value, double width) {
    TableColumn<R, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    c.setSortable(false);
    return c;
  }

  static <R> TableColumn<R, String> text(String title, Function<R, String> value, double width, double min) {
    TableColumn<R, String> c = text(title, value, width);
    c.setMinWidth(min);
    return c;
  }
}
