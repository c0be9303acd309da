package backstep.ui.panels;

import backstep.playbook.GuardRule;
import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The live charts' data: per chart its series (the last {@link #WINDOW}, one point per reading), the guard
 * thresholds drawn on it and whether one is breached now, and the axis ranges. Fed on the FX thread with batches of
 * readings ({@link #add}); x values are seconds since {@link #originMillis()}. FX thread only.
 */
public final class LiveChartsModel {
  public static final Duration WINDOW = Duration.ofMinutes(5);
  /** Probe percentiles are rolling over this window. */
  static final Duration PERCENTILE_WINDOW = Duration.ofSeconds(10);
  /** While no run is in flight, relative thresholds use the baseline of this rolling window. */
  static final Duration IDLE_BASELINE = Duration.ofSeconds(30);
  private static final int MAX_POINTS = 600;

  /** One chart's state. */
  public static final class Chart {
    private final ObservableList<XYChart.Series<Number, Number>> series = FXCollections.observableArrayList();
    private final ObservableList<ThresholdLine> thresholds = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper breached = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper yUpper = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper latest = new ReadOnlyStringWrapper("");

    Chart(ChartKind kind) {
      for (String name : kind.series()) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        series.add(s);
      }
      yUpper.set(kind.minUpper());
    }

    public ObservableList<XYChart.Series<Number, Number>> series() {
      return series;
    }

    public ObservableList<ThresholdLine> thresholds() {
      return thresholds;
    }

    public ReadOnlyBooleanProperty breachedProperty() {
      return breached.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty yUpperProperty() {
      return yUpper.getReadOnlyProperty();
    }

    /** The latest values in words ("p50 1.2 · p95 3.4"). */
    public ReadOnlyStringProperty latestProperty() {
      return latest.getReadOnlyProperty();
    }
  }

  private final Map<ChartKind, Chart> charts = new EnumMap<>(ChartKind.class);
  private final History history = new History(WINDOW);
  private final ReadOnlyDoubleWrapper xLower = new ReadOnlyDoubleWrapper(-WINDOW.toSeconds());
  private final ReadOnlyDoubleWrapper xUpper = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyDoubleWrapper xTick = new ReadOnlyDoubleWrapper(60);
  private final ReadOnlyStringWrapper guards = new ReadOnlyStringWrapper("no guards");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ReadOnlyIntegerWrapper readings = new ReadOnlyIntegerWrapper();
  private long origin;
  private List<GuardRule> rules = List.of();
  private Duration baselinePeriod = Duration.ofSeconds(3);
  private Map<GuardRule, Double> frozen;

  public LiveChartsModel() {
    for (ChartKind k : ChartKind.values()) {
      charts.put(k, new Chart(k));
    }
  }

  public Chart chart(ChartKind k) {
    return charts.get(k);
  }

  public ReadOnlyDoubleProperty xLowerProperty() {
    return xLower.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty xUpperProperty() {
    return xUpper.getReadOnlyProperty();
  }

  /** Seconds between x-axis ticks: the window grows from the first sample up to five minutes. */
  public ReadOnlyDoubleProperty xTickProperty() {
    return xTick.getReadOnlyProperty();
  }

  /** Epoch ms of x = 0. */
  public long originMillis() {
    return origin;
  }

  /** Which guards the thresholds come from ("playbook guards (2)", "production defaults (3)", "no guards"). */
  public ReadOnlyStringProperty guardsProperty() {
    return guards.getReadOnlyProperty();
  }

  /** The sampler's last error, or null. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** Readings taken in so far (since the last clear). */
  public ReadOnlyIntegerProperty readingsProperty() {
    return readings.getReadOnlyProperty();
  }

  /** The rules to draw, where they come from, and the baseline period relative rules are measured over. */
  public void setGuards(List<GuardRule> r, String source, Duration baseline) {
    rules = List.copyOf(r);
    baselinePeriod = baseline;
    guards.set(source);
    frozen = null;
    refreshThresholds();
  }

  /** A run starts: relative thresholds keep the baseline measured now, as the engine's guards do. */
  public void freezeBaselines() {
    frozen = new HashMap<>();
    for (GuardRule r : rules) {
      frozen.put(r, history.baseline(r, baselinePeriod));
    }
  }

  public void unfreezeBaselines() {
    frozen = null;
  }

  /** Takes a batch of readings (oldest first) into the series, trims what left the window, re-evaluates guards. */
  public void add(List<Reading> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (history.size() == 0) {
      origin = batch.get(0).at().toEpochMilli() / 1000 * 1000;
    }
    // each series takes the batch's points in one addAll: a chart lays its series out again on every change
    Map<XYChart.Series<Number, Number>, List<XYChart.Data<Number, Number>>> points = new HashMap<>();
    for (Reading r : batch) {
      history.add(r);
      double x = (r.at().toEpochMilli() - origin) / 1000.0;
      point(points, ChartKind.LATENCY, 0, x, history.percentile(Metric.PROBE_MS, PERCENTILE_WINDOW, 50));
      point(points, ChartKind.LATENCY, 1, x, history.percentile(Metric.PROBE_MS, PERCENTILE_WINDOW, 95));
      point(points, ChartKind.LATENCY, 2, x, r.get(Metric.CANARY_MS));
      point(points, ChartKind.LOCKS, 0, x, r.get(Metric.LOCK_WAITERS));
      point(points, ChartKind.LOCKS, 1, x, r.get(Metric.LONGEST_LOCK_WAIT_MS) / 1000.0);
      point(points, ChartKind.RATES, 0, x, r.get(Metric.COMMITS_PER_S));
      point(points, ChartKind.RATES, 1, x, r.get(Metric.ROLLBACKS_PER_S));
      error.set(r.error());
    }
    points.forEach((s, data) -> s.getData().addAll(data));
    readings.set(readings.get() + batch.size());
    double now = (history.lastMillis() - origin) / 1000.0;
    double upper = Math.ceil(now);
    double lower = Math.min(upper - 60, Math.max(0, upper - WINDOW.toSeconds()));
    xUpper.set(upper);
    xLower.set(lower);
    double span = upper - lower;
    xTick.set(span <= 60 ? 15 : span <= 120 ? 30 : 60);
    for (ChartKind k : ChartKind.values()) {
      for (XYChart.Series<Number, Number> s : charts.get(k).series) {
        int drop = 0;
        while (drop < s.getData().size() && (s.getData().get(drop).getXValue().doubleValue() < xLower.get()
            || s.getData().size() - drop > MAX_POINTS)) {
          drop++;
        }
        if (drop > 0) {
          s.getData().remove(0, drop);
        }
      }
    }
    refreshThresholds();
    latestWords(batch.get(batch.size() - 1));
  }

  /** Forgets the canary's points (the sampler's canary changed). */
  public void clearCanary() {
    charts.get(ChartKind.LATENCY).series.get(2).getData().clear();
  }

  /** Forgets every point (another target). */
  public void clear() {
    history.clear();
    readings.set(0);
    error.set(null);
    for (Chart c : charts.values()) {
      c.series.forEach(s -> s.getData().clear());
      c.latest.set("");
    }
    frozen = null;
    refreshThresholds();
  }

  private void point(Map<XYChart.Series<Number, Number>, List<XYChart.Data<Number, Number>>> points, ChartKind k,
      int series, double x, double y) {
    if (!Double.isNaN(y) && !Double.isInfinite(y)) {
      points.computeIfAbsent(charts.get(k).series.get(series), s -> new ArrayList<>()).add(new XYChart.Data<>(x, y));
    }
  }

  private void refreshThresholds() {
    Map<ChartKind, List<ThresholdLine>> lines = new EnumMap<>(ChartKind.class);
    for (ChartKind k : ChartKind.values()) {
      lines.put(k, new ArrayList<>());
    }
    for (GuardRule r : rules) {
      ChartKind k = ChartKind.of(r.metric()).orElse(null);
      if (k == null) {
        continue;
      }
      double base = !r.relative() ? Double.NaN : frozen != null ? frozen.getOrDefault(r, Double.NaN)
          : history.baseline(r, IDLE_BASELINE);
      double limit = r.relative() ? r.threshold() * base : r.threshold();
      double now = history.aggregate(r, r.over());
      boolean breach = !Double.isNaN(limit) && !Double.isNaN(now) && now > limit;
      double scale = ChartKind.scale(r.metric());
      lines.get(k).add(new ThresholdLine(label(r, limit * scale), limit * scale, breach));
    }
    for (ChartKind k : ChartKind.values()) {
      Chart c = charts.get(k);
      if (!lines.get(k).equals(c.thresholds)) {
        c.thresholds.setAll(lines.get(k));
      }
      c.breached.set(lines.get(k).stream().anyMatch(ThresholdLine::breached));
      double top = k.minUpper();
      for (XYChart.Series<Number, Number> s : c.series) {
        for (XYChart.Data<Number, Number> d : s.getData()) {
          top = Math.max(top, d.getYValue().doubleValue());
        }
      }
      for (ThresholdLine t : lines.get(k)) {
        if (!Double.isNaN(t.y())) {
          top = Math.max(top, t.y());
        }
      }
      c.yUpper.set(SlidingAxis.nice(top * 1.2));
    }
  }

  private static String label(GuardRule r, double limit) {
    String metric = r.metric().replace("_ms", "").replace("_per_s", "/s").replace('_', ' ');
    String unit = r.metric().equals("longest_lock_wait_ms") ? " s" : r.metric().endsWith("_ms") ? " ms" : "";
    String value = r.relative() ? fmt(r.threshold()) + "× baseline" + (Double.isNaN(limit) ? " (measuring…)"
        : " = " + fmt(limit) + unit) : fmt(limit) + unit;
    return r.action().name().toLowerCase(Locale.ROOT) + " · " + r.aggregate() + " " + metric + " > " + value;
  }

  private void latestWords(Reading r) {
    charts.get(ChartKind.LATENCY).latest.set(fmt(history.percentile(Metric.PROBE_MS, PERCENTILE_WINDOW, 50))
        + " / " + fmt(history.percentile(Metric.PROBE_MS, PERCENTILE_WINDOW, 95)) + " ms"
        + (Double.isNaN(r.get(Metric.CANARY_MS)) ? "" : " · canary " + fmt(r.get(Metric.CANARY_MS))));
    charts.get(ChartKind.LOCKS).latest.set(fmt(r.get(Metric.LOCK_WAITERS)) + " · "
        + fmt(r.get(Metric.LONGEST_LOCK_WAIT_MS) / 1000.0) + " s");
    charts.get(ChartKind.RATES).latest.set(fmt(r.get(Metric.COMMITS_PER_S)) + " · "
        + fmt(r.get(Metric.ROLLBACKS_PER_S)));
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
        : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
  }
}
