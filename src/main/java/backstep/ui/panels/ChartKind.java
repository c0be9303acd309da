package backstep.ui.panels;

import java.util.List;
import java.util.Optional;

/**
 * The live charts and what each draws: probe latency percentiles (and the canary), lock waiters with the longest
 * wait in seconds, and commits / rollbacks per second. Guard rules are drawn on the chart of their metric.
 */
public enum ChartKind {
  LATENCY("latency-chart", "LATENCY", "ms", List.of("probe p50", "p95", "canary"), 5),
  LOCKS("locks-chart", "LOCKS", "", List.of("waiters", "longest wait s"), 2),
  RATES("rates-chart", "XACTS", "/s", List.of("commits", "rollbacks"), 5);

  private final String id;
  private final String title;
  private final String unit;
  private final List<String> series;
  private final double minUpper;

  ChartKind(String id, String title, String unit, List<String> series, double minUpper) {
    this.id = id;
    this.title = title;
    this.unit = unit;
    this.series = series;
    this.minUpper = minUpper;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String unit() {
    return unit;
  }

  public List<String> series() {
    return series;
  }

  /** The smallest top of the y axis, so an idle target does not magnify noise. */
  public double minUpper() {
    return minUpper;
  }

  /** The chart a guard metric is drawn on, if any (connections and replication lag are not charted). */
  public static Optional<ChartKind> of(String metric) {
    return switch (metric) {
      case "probe_ms", "canary_ms" -> Optional.of(LATENCY);
      case "lock_waiters", "longest_lock_wait_ms" -> Optional.of(LOCKS);
      case "commits_per_s", "rollbacks_per_s", "deadlocks_per_s" -> Optional.of(RATES);
      default -> Optional.empty();
    };
  }

  /** The factor from a metric's unit to its chart's (the longest lock wait is charted in seconds). */
  public static double scale(String metric) {
    return metric.equals("longest_lock_wait_ms") ? 0.001 : 1;
  }
}
