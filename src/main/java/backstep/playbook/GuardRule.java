package backstep.playbook;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A rule over a live metric, compared with a threshold — absolute, or {@code factor × baseline} where the baseline
 * is the median of the metric's samples in the pre-step baseline period, never less than {@code floor}. The
 * verdict looks at every sample in the last {@code window}: the breach is sustained when the rule's
 * {@code aggregate} of them (p50, p95, avg…) exceeds the threshold, or — with {@code breach} (k of n), and by
 * default for {@code aggregate: latest} — when at least k of the last n samples do. Then {@code action} fires; a
 * breach that ends first is recorded as transient and ignored.
 *
 * @param over the span the live chart's guard line aggregates (the console); the verdict always uses {@code window}
 * @param breach k of the last n samples, or null for the aggregate over the window
 * @param floor the least a baseline counts as (NaN: the metric's default, {@link #defaultFloor})
 */
public record GuardRule(
    String metric,
    String aggregate,
    Duration over,
    double threshold,
    boolean relative,
    Duration window,
    Action action,
    Breach breach,
    double floor,
    int line) {

  /** What a sustained breach does. */
  public enum Action {
    /** Record and show it; the run goes on. */
    ALERT,
    /** Finish the current step, then hold the run (paused) with the evidence for a person to decide. */
    PAUSE,
    /** Cancel the current statement and roll the run back at once, recording the evidence. */
    ROLLBACK
  }

  /** Sustained when at least {@code samples} of the last {@code of} samples are above the threshold. */
  public record Breach(int samples, int of) {
    public String describe() {
      return samples + " of " + of + " samples";
    }
  }

  /** Metric keys a rule may name (backstep.telemetry.Metric keys; a test keeps the two in step). */
  public static final Set<String> METRICS = Set.of("probe_ms", "canary_ms", "lock_waiters", "longest_lock_wait_ms",
      "commits_per_s", "rollbacks_per_s", "deadlocks_per_s", "active_connections", "replication_lag_s");

  public static final Set<String> AGGREGATES = Set.of("latest", "p50", "p95", "p99", "max", "avg");

  /** A rule with the default verdict for its aggregate and the metric's default baseline floor. */
  public GuardRule(String metric, String aggregate, Duration over, double threshold, boolean relative,
      Duration window, Action action, int line) {
    this(metric, aggregate, over, threshold, relative, window, action, null, Double.NaN, line);
  }

  /**
   * The least a baseline counts as when a playbook gives no {@code baseline_floor}: 10 ms for latencies, 1 for
   * counts and rates. A near-idle target's canary answers in a fraction of a millisecond, and three times that is
   * noise; a lock-waiter baseline of 0 would make any factor of it fire on the first waiter.
   */
  public static double defaultFloor(String metric) {
    return metric.endsWith("_ms") ? 10 : 1;
  }

  /** The floor this rule's baseline gets. */
  public double baselineFloor() {
    return Double.isNaN(floor) ? defaultFloor(metric) : floor;
  }

  /**
   * The k of n the verdict counts, or null when it aggregates the window: the rule's own {@code breach}, or for
   * {@code aggregate: latest} the default ⌈¾·n⌉ of n, n the samples one window holds at {@code interval} (at least
   * one). A single sample under the threshold in a noisy sustained regression no longer resets it; a spike must
   * fill three quarters of a window to count.
   */
  public Breach effectiveBreach(Duration interval) {
    if (breach != null || !aggregate.equals("latest")) {
      return breach;
    }
    int n = (int) Math.max(1, Math.round((double) window.toMillis() / Math.max(1, interval.toMillis())));
    return new Breach((int) Math.ceil(n * 0.75), n);
  }

  public String describe() {
    String verdict = breach != null ? breach.describe() + " above " : aggregate + " " + metric + " over "
        + window.toMillis() / 1000.0 + " s above ";
    return (breach != null ? metric + ": " : "") + verdict
        + (relative ? threshold + "× baseline" : fmt(threshold)) + " → " + action.name().toLowerCase(Locale.ROOT);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
