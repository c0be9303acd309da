package backstep.guard;

import backstep.playbook.GuardRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Something a guard saw, with its evidence: the aggregated values during the breach, the threshold, the baseline.
 *
 * @param kind BREACH (started), TRANSIENT (ended before its window: ignored), SUSTAINED (lasted its window: the
 *     action fires), RECOVERED (a sustained breach ended)
 * @param verdict how the value was taken: {@code "p50 of 8 samples in 2.0 s"}, {@code "3rd largest of the last 4
 *     samples"}; empty for a single sample
 */
public record GuardEvent(
    Instant at,
    Kind kind,
    GuardRule rule,
    double value,
    double threshold,
    double baseline,
    Duration lasted,
    List<Double> values,
    String verdict) {

  public enum Kind { BREACH, TRANSIENT, SUSTAINED, RECOVERED }

  public String describe() {
    String v = String.format(Locale.ROOT, "%.1f", value);
    String t = String.format(Locale.ROOT, "%.1f", threshold);
    String base = Double.isNaN(baseline) ? "" : String.format(Locale.ROOT, " (baseline %.1f)", baseline);
    return switch (kind) {
      case BREACH -> "guard breach: " + rule.metric() + " = " + v + " > " + t + base;
      case TRANSIENT -> "transient spike ignored: " + rule.metric() + " above " + t + " for "
          + lasted.toMillis() + " ms (" + values.stream().filter(x -> x > threshold).count() + " of "
          + values.size() + " samples; the window's verdict stayed under)";
      case SUSTAINED -> "SUSTAINED breach: " + rule.metric() + " " + verdict + " = " + v + " > " + t + base
          + " after " + lasted.toMillis() + " ms → " + rule.action().name().toLowerCase(Locale.ROOT);
      case RECOVERED -> "recovered: " + rule.metric() + " back under " + t + " after " + lasted.toMillis() + " ms";
    };
  }
}
