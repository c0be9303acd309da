package backstep.ui.fx;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.text.Text;

/** What a chart's axis shows: its ticks' labels that are drawn, and where. For tests of the charts; FX thread. */
public final class TickLabels {
  private TickLabels() {
  }

  /** The labels of the ticks whose label is shown, in order. */
  public static List<String> shown(Axis<?> axis) {
    return axis.getTickMarks().stream().filter(Axis.TickMark::isTextVisible).map(Axis.TickMark::getLabel).toList();
  }

  /**
   * Whether every label drawn shows a shown tick's value, centred (within a pixel) on where the axis puts that
   * value.
   */
  @SuppressWarnings("unchecked")
  public static boolean drawnAtTheirTicks(Axis<?> anAxis) {
    Axis<Object> axis = (Axis<Object>) anAxis;
    for (Node n : axis.getChildrenUnmodifiable()) {
      if (!(n instanceof Text t) || !t.isVisible()) {
        continue;
      }
      Axis.TickMark<Object> tick = axis.getTickMarks().stream().filter(Axis.TickMark::isTextVisible)
          .filter(m -> m.getLabel().equals(t.getText())).findFirst().orElse(null);
      if (tick == null) {
        return false;
      }
      double at = axis.getDisplayPosition(tick.getValue());
      double centre = axis.getSide().isVertical() ? t.getBoundsInParent().getCenterY()
          : t.getBoundsInParent().getCenterX();
      if (Math.abs(centre - at) > 1) {
        return false;
      }
    }
    return true;
  }
}
