package backstep.ui.history;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.text.Text;

/** Text that wraps to its table column (minus {@code inset}), so a cell grows in height and never cuts words off. */
final class WrappedText {
  private WrappedText() {}

  static Text of(String style) {
    Text t = new Text();
    t.getStyleClass().add(style);
    return t;
  }

  static void wrapTo(Text t, ObservableDoubleValue columnWidth, double inset) {
    if (t.wrappingWidthProperty().isBound()) {
      return;
    }
    t.wrappingWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(60, columnWidth.get() - inset),
        columnWidth));
  }
}
