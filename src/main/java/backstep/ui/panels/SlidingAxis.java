package backstep.ui.panels;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Side;
import javafx.scene.chart.ValueAxis;

/**
 * A number axis with bounds and a tick unit set from outside, ticks where JavaFX's {@code NumberAxis} puts them (at
 * each bound, and every tick unit from the first whole number after the lower bound), and tick labels that are kept
 * whatever the range: when the bounds change, the axis's ticks take their new values and labels in place and are
 * laid out again; the ticks a range does not need are parked (hidden, at the upper bound). Ticks are made only at
 * the first layout, when the axis's length changes, or when a range needs more than the axis holds (at least
 * {@value #POOL}).
 *
 * <p>Why: a JavaFX axis whose range changes throws all its tick labels away and makes new ones, each a text node
 * styled and laid out for the first time in that pulse. The live charts' time axes change range every second — they
 * slide, and from one to five minutes of samples their window grows — and the console's six of them (the run page's
 * and the drill page's) brought 15–45 new nodes into the window a second (docs/performance.md, "The console's FX
 * thread", sessions 15 and 16).
 *
 * <p>How: the axis is auto-ranging to JavaFX, so that a change of bounds does not mark its range invalid (which is
 * what makes every label again); its "auto" range is the bounds given. FX thread only.
 */
public final class SlidingAxis extends ValueAxis<Number> {
  /** Ticks an axis holds at least: the most the console's ranges need (the time axes: 7). */
  static final int POOL = 8;
  /**
   * The widest label a vertical axis keeps room for whatever its range: four digits ("2000" ms, "0.25"). A y axis
   * as wide as its labels widened when a spike raised its range ("4" to "2000"), which shortened the chart's time
   * axis, and an axis of a new length makes all its labels again (8 new nodes at such a spike, docs/performance.md,
   * "The console's FX thread", sessions 16 and 17). Wider labels (five digits) still widen it.
   */
  static final String WIDEST_KEPT = "8888";

  private final DoubleProperty tickUnit = new SimpleDoubleProperty(this, "tickUnit", 1);
  private double laidLength = Double.NaN;

  public SlidingAxis() {
    setAnimated(false);
    setMinorTickVisible(false);
    InvalidationListener relayout = o -> requestAxisLayout();
    lowerBoundProperty().addListener(relayout);
    upperBoundProperty().addListener(relayout);
    tickUnit.addListener(relayout);
  }

  public DoubleProperty tickUnitProperty() {
    return tickUnit;
  }

  /** The bounds come from outside, not from the chart's data. */
  @Override
  public void invalidateRange(List<Number> data) {
    requestAxisLayout();
  }

  @Override
  protected Object autoRange(double minValue, double maxValue, double length, double labelSize) {
    return range(length);
  }

  @Override
  protected Object getRange() {
    return range(length());
  }

  private double[] range(double length) {
    double lower = getLowerBound();
    double upper = getUpperBound();
    return new double[] {lower, upper, tickUnit.get(), calculateNewScale(length, lower, upper)};
  }

  @Override
  protected void setRange(Object range, boolean animate) {
    double[] r = (double[]) range;
    currentLowerBound.set(r[0]);
    setScale(r[3]);
  }

  @Override
  protected void layoutChildren() {
    double length = length();
    if (length == laidLength && !getTickMarks().isEmpty()) {
      moveInPlace(length);
    } // else the axis makes its ticks: its first layout or a new length
    super.layoutChildren();
    laidLength = length;
  }

  /**
   * Gives the ticks the current range's values and labels, the parked ones hidden, and the axis its scale; the
   * axis then places them (its measure pass). When the range needs more ticks than there are, marks the range
   * invalid instead, so that the axis makes them.
   */
  private void moveInPlace(double length) {
    List<Number> values = ticks(getLowerBound(), getUpperBound(), tickUnit.get());
    List<TickMark<Number>> marks = getTickMarks();
    if (values.size() > marks.size()) {
      invalidateRange();
      return;
    }
    List<Number> placed = pooled(values, marks.size());
    boolean changed = false;
    for (int i = 0; i < marks.size(); i++) {
      TickMark<Number> tick = marks.get(i);
      Number v = placed.get(i);
      String label = getTickMarkLabel(v);
      if (tick.getValue().doubleValue() != v.doubleValue() || !label.equals(tick.getLabel())) {
        tick.setValue(v);
        tick.setLabel(label);
        changed = true;
      }
    }
    double scale = calculateNewScale(length, getLowerBound(), getUpperBound());
    currentLowerBound.set(getLowerBound());
    if (changed || scale != getScale()) {
      showAllButParked(values.size());
      setScale(Double.NaN); // a scale set anew, even the same, has the axis measure and place its ticks again
      setScale(scale);
    }
  }

  /** After the axis made its ticks: the parked ones hidden. */
  @Override
  protected void tickMarksUpdated() {
    super.tickMarksUpdated();
    showAllButParked(ticks(getLowerBound(), getUpperBound(), tickUnit.get()).size());
  }

  /** Labels shown for the range's ticks (the axis hides those that would overlap), hidden for the parked ones. */
  private void showAllButParked(int used) {
    List<TickMark<Number>> marks = getTickMarks();
    int parked = marks.size() - used;
    for (int i = 0; i < marks.size(); i++) {
      marks.get(i).setTextVisible(isTickLabelsVisible() && (i == 0 || i > parked));
    }
  }

  /**
   * The range's ticks padded to {@code size}: the parked ones go after the first, at the upper bound (hidden; a
   * grid line or tick mark there is drawn over the upper bound's own), so that the axis's check of the last two
   * labels for overlap still sees the range's last two.
   */
  private static List<Number> pooled(List<Number> values, int size) {
    List<Number> out = new ArrayList<>(size);
    out.add(values.get(0));
    for (int i = values.size(); i < size; i++) {
      out.add(values.get(values.size() - 1));
    }
    out.addAll(values.subList(1, values.size()));
    return out;
  }

  /** A vertical axis at least as wide as labels of {@link #WIDEST_KEPT}, its ticks and their gap. */
  @Override
  protected double computePrefWidth(double height) {
    double width = super.computePrefWidth(height);
    Side side = getSide();
    if (side == null || !side.isVertical() || !isTickLabelsVisible()) {
      return width;
    }
    double tick = isTickMarkVisible() ? Math.max(0, getTickLength()) : 0;
    return Math.max(width, Math.ceil(measureTickMarkLabelSize(WIDEST_KEPT, getTickLabelRotation()).getWidth()
        + tick + getTickLabelGap()));
  }

  /** Its length along its side (a chart sets the side: bottom for x, left for y). */
  private double length() {
    Side side = getSide();
    return side != null && side.isVertical() ? getHeight() : getWidth();
  }

  @Override
  protected List<Number> calculateMinorTickMarks() {
    return List.of();
  }

  /** The range's ticks, pooled: at least {@value #POOL}. */
  @Override
  protected List<Number> calculateTickValues(double length, Object range) {
    double[] r = (double[]) range;
    List<Number> values = ticks(r[0], r[1], r[2]);
    return pooled(values, Math.max(POOL, values.size()));
  }

  /** The lower bound, every unit from the first whole number after it, and the upper bound. */
  static List<Number> ticks(double lower, double upper, double unit) {
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

  /** Without a formatter: a whole number without decimals, another with one or two ("2.50", "12.5"). */
  @Override
  protected String getTickMarkLabel(Number value) {
    return getTickLabelFormatter() == null ? LiveChartsModel.fmt(value.doubleValue())
        : getTickLabelFormatter().toString(value);
  }

  /** 1, 2, 4, 8 × 10^n at or above {@code v}: an upper bound whose quarters make round tick labels. */
  public static double nice(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1e-9))));
    for (double m : new double[] {1, 2, 4, 8, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  @Override
  public Number toRealValue(double value) {
    return value;
  }
}
