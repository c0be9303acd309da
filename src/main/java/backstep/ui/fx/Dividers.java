package backstep.ui.fx;

import java.util.function.Function;
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
  private static final String FITTED = "backstep.dividers.fitted";

  private Dividers() {
  }

  /** Sets {@code positions} on {@code split} now and whenever its length changes, until a divider is dragged. */
  public static void hold(SplitPane split, double... positions) {
    double[] fixed = positions.clone();
    follow(split, length -> fixed);
  }

  /**
   * Sets the positions {@code byLength} gives for the pane's length (in px) now, whenever that length changes and
   * on {@link #refit}, until a divider is dragged: a pane whose best split depends on its content (the checklist
   * taking what its steps need). Such a pane's positions are not restored from the remembered layout.
   */
  public static void fit(SplitPane split, Function<Double, double[]> byLength) {
    split.getProperties().put(FITTED, Boolean.TRUE);
    follow(split, byLength);
  }

  /** Whether the pane's dividers follow its content ({@link #fit}). */
  public static boolean fitted(SplitPane split) {
    return split.getProperties().containsKey(FITTED);
  }

  /** Sets the wanted positions again now (the content changed), unless a divider was dragged. */
  public static void refit(SplitPane split) {
    if (split.getProperties().get(WANTED) instanceof Function<?, ?> wanted) {
      apply(split, wanted);
    }
  }

  private static void follow(SplitPane split, Function<Double, double[]> byLength) {
    split.getProperties().put(WANTED, byLength);
    apply(split, byLength);
    if (split.getProperties().containsKey(HELD)) {
      return;
    }
    split.getProperties().put(HELD, Boolean.TRUE);
    ChangeListener<Number> again = (o, a, b) -> {
      if (b.doubleValue() > 0) {
        refit(split);
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

  @SuppressWarnings("unchecked")
  private static void apply(SplitPane split, Function<?, ?> wanted) {
    double length = split.getOrientation() == Orientation.VERTICAL ? split.getHeight() : split.getWidth();
    double[] positions = ((Function<Double, double[]>) wanted).apply(length);
    if (positions.length == split.getDividers().size() || split.getDividers().isEmpty()) {
      split.setDividerPositions(positions);
    }
  }
}
