package backstep.ui.fx;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * Divider positions that hold until the person drags one. A split pane laid out first in a hidden tab (or at a
 * tiny size) squeezes its dividers to fit its children's minimum sizes and keeps the squeezed positions; here the
 * wanted positions are set again each time the pane's length changes, until a divider is pressed.
 */
public final class Dividers {
  private static final String WANTED = "backstep.dividers.wanted";
  private static final String HELD = "backstep.dividers.held";

  private Dividers() {
  }

  /** Sets {@code positions} on {@code split} now and whenever its length changes, until a divider is dragged. */
  public static void hold(SplitPane split, double... positions) {
    split.getProperties().put(WANTED, positions.clone());
    split.setDividerPositions(positions);
    if (split.getProperties().containsKey(HELD)) {
      return;
    }
    split.getProperties().put(HELD, Boolean.TRUE);
    ChangeListener<Number> again = (o, a, b) -> {
      if (split.getProperties().get(WANTED) instanceof double[] wanted && b.doubleValue() > 0) {
        split.setDividerPositions(wanted);
      }
    };
    split.heightProperty().addListener((o, a, b) -> {
      if (split.getOrientation() == Orientation.VERTICAL) {
        again.changed(o, a, b);
      }
    });
    split.widthProperty().addListener((o, a, b) -> {
      if (split.getOrientation() == Orientation.HORIZONTAL) {
        again.changed(o, a, b);
      }
    });
    split.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
      for (javafx.scene.Node n = e.getTarget() instanceof javafx.scene.Node t ? t : null; n != null && n != split;
          n = n.getParent()) {
        if (n.getStyleClass().contains("split-pane-divider")) {
          split.getProperties().remove(WANTED);
          return;
        }
      }
    });
  }
}
