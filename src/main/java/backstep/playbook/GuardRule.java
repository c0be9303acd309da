package backstep.playbook;

import java.time.Duration;
import java.util.Set;

/**
 * A rule over a live metric: {@code metric} aggregated over {@code over} (p95 of probe latency, the latest lock
 * waiter count…) compared with a threshold — absolute, or {@code factor × baseline} where the baseline is the same
 * aggregate measured before the run's first step. A breach must last {@code window} before {@code action} fires;
 * a shorter one is recorded as transient and ignored.
 */
public record GuardRule(
    String metric,
    String aggregate,
    Duration over,
    double threshold,
    boolean relative,
    Duration window,
    Action action,
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

  /** Metric keys a rule may name (backstep.telemetry.Metric keys; a test keeps the two in step). */
  public static final Set<String> METRICS = Set.of("probe_ms", "canary_ms", "lock_waiters", "longest_lock_wait_ms",
      "commits_per_s", "rollbacks_per_s", "deadlocks_per_s", "active_connections", "replication_lag_s");

  public static final Set<String> AGGREGATES = Set.of("latest", "p50", "p95", "p99", "max", "avg");

  public String describe() {
    return aggregate + " " + metric + " over " + over.toMillis() / 1000.0 + " s above "
        + (relative ? threshold + "× baseline" : fmt(threshold)) + " for " + window.toMillis() / 1000.0 + " s → "
        + action.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
