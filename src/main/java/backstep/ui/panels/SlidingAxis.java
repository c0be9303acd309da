package backstep.ui.panels;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Side;
import javafx.scene.chart.ValueAxis;

/**
 * A number axis for a window that slides along a time line, with bounds set from outside (no auto-ranging) and its
 * ticks where JavaFX's {@code NumberAxis} puts them: at each bound, and every tick unit from the first whole number
 * after the lower bound. When the bounds only move (the same span, unit and length, so every tick keeps its place
 * on the axis), the ticks there take their new values and labels in place.
 *
 * <p>Why: an axis whose range changes throws all its tick labels away and makes new ones, each a text node styled
 * and laid out for the first time in that pulse; the live charts' time axes slide every second, and the console's
 * six of them (the run page's and the drill page's) brought 15–45 new nodes into the window a second
 * (docs/performance.md, "The console's FX thread", session 15). FX thread only.
 */
final class SlidingAxis extends ValueAxis<Number> {
  private static final double SAME = 1e-9;

  private final DoubleProperty tickUnit = new SimpleDoubleProperty(this, "tickUnit", 1) {
    @Override
    protected void invalidated() {
      invalidateRange();
      requestAxisLayout();
    }
  };
  /** The lower bound, span, unit and length of the last full layout, and its ticks' offsets from the lower bound. */
  private double laidLower = Double.NaN;
  private double laidSpan = Double.NaN;
  private double laidUnit = Double.NaN;
  private double laidLength = Double.NaN;
  private List<Double> laidOffsets = List.of();
  private long moves;

  SlidingAxis() {
    setAutoRanging(false);
    setMinorTickVisible(false);
  }

  DoubleProperty tickUnitProperty() {
    return tickUnit;
  }

  /** How many times the ticks took new values in place instead of being made again (for tests). */
  long moves() {
    return moves;
  }

  @Override
  protected void layoutChildren() {
    if (!isRangeValid() && moveInPlace()) {
      return;
    }
    super.layoutChildren();
    laidLower = getLowerBound();
    laidSpan = getUpperBound() - getLowerBound();
    laidUnit = tickUnit.get();
    laidLength = length();
    laidOffsets = getTickMarks().stream().map(t -> t.getValue().doubleValue() - laidLower).toList();
  }

  /**
   * When only the bounds moved, gives each tick its new value and label (its place on the axis is the same) and
   * the axis its new scale; false, with nothing changed, when the ticks would sit elsewhere.
   */
  private boolean moveInPlace() {
    double lower = getLowerBound();
    double length = length();
    if (Math.abs(getUpperBound() - lower - laidSpan) > SAME || tickUnit.get() != laidUnit || length != laidLength) {
      return false;
    }
    List<Number> values = calculateTickValues(length, getRange());
    if (values.size() != getTickMarks().size() || values.size() != laidOffsets.size()) {
      return false;
    }
    for (int i = 0; i < values.size(); i++) {
      if (Math.abs(values.get(i).doubleValue() - lower - laidOffsets.get(i)) > SAME) {
        return false;
      }
    }
    setScale(calculateNewScale(length, lower, getUpperBound()));
    currentLowerBound.set(lower);
    for (int i = 0; i < values.size(); i++) {
      TickMark<Number> tick = getTickMarks().get(i);
      tick.setValue(values.get(i));
      tick.setLabel(getTickMarkLabel(values.get(i)));
    }
    moves++;
    return true;
  }

  private double length() {
    Side side = getSide();
    return side != null && side.isVertical() ? getHeight() : getWidth();
  }

  @Override
  protected List<Number> calculateMinorTickMarks() {
    return List.of();
  }

  @Override
  protected void setRange(Object range, boolean animate) {
    double[] r = (double[]) range;
    setLowerBound(r[0]);
    setUpperBound(r[1]);
    currentLowerBound.set(r[0]);
    setScale(r[3]);
  }

  @Override
  protected Object getRange() {
    return new double[] {getLowerBound(), getUpperBound(), tickUnit.get(), getScale()};
  }

  /** The lower bound, every unit from the first whole number after it, and the upper bound. */
  @Override
  protected List<Number> calculateTickValues(double length, Object range) {
    double[] r = (double[]) range;
    double lower = r[0];
    double upper = r[1];
    double unit = r[2];
    List<Number> values = new ArrayList<>();
    values.add(lower);
    if (upper <= lower) {
      return values;
    }
    if (unit > 0 && (upper - lower) / unit <= 2000) {
      double first = Math.rint(unit) == unit ? Math.ceil(lower) : lower + unit;
      for (double v = first; v < upper; v += unit) {
        if (v > lower) {
          values.add(v);
        }
      }
    }
    values.add(upper);
    return values;
  }

  @Override
  protected String getTickMarkLabel(Number value) {
    return getTickLabelFormatter() == null ? String.valueOf(value) : getTickLabelFormatter().toString(value);
  }

  @Override
  public Number toRealValue(double value) {
    return value;
  }
}
