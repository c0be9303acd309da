package backstep.ui.panels;

import backstep.guard.GuardMonitor;
import backstep.playbook.GuardRule;
import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import backstep.telemetry.Sample;
import backstep.telemetry.Telemetry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The readings of the last few minutes, and guard aggregates over them (the same aggregates
 * {@link GuardMonitor} uses), for drawing thresholds and marking breaches. No JavaFX.
 */
final class History {
  private final Duration keep;
  private final Deque<Reading> readings = new ArrayDeque<>();

  History(Duration keep) {
    this.keep = keep;
  }

  void add(Reading r) {
    readings.addLast(r);
    long from = r.at().toEpochMilli() - keep.toMillis();
    while (!readings.isEmpty() && readings.peekFirst().at().toEpochMilli() < from) {
      readings.removeFirst();
    }
  }

  void clear() {
    readings.clear();
  }

  int size() {
    return readings.size();
  }

  /** The latest reading's time in epoch ms, or 0 with none. */
  long lastMillis() {
    return readings.isEmpty() ? 0 : readings.peekLast().at().toEpochMilli();
  }

  List<Sample> series(Metric m, Duration over) {
    long from = lastMillis() - over.toMillis();
    List<Sample> out = new ArrayList<>();
    for (Reading r : readings) {
      if (r.at().toEpochMilli() >= from) {
        out.add(new Sample(r.at().toEpochMilli(), r.get(m)));
      }
    }
    return out;
  }

  double percentile(Metric m, Duration over, double p) {
    return Telemetry.percentile(series(m, over), p);
  }

  /** The rule's baseline ({@link GuardMonitor#baseline}) from the samples of the last {@code period}. */
  double baseline(GuardRule rule, Duration period) {
    Metric m = Metric.fromKey(rule.metric()).orElse(null);
    return m == null ? Double.NaN : GuardMonitor.baseline(rule, series(m, period));
  }

  /** The rule's aggregate of its metric over {@code over}; NaN without samples. */
  double aggregate(GuardRule rule, Duration over) {
    Metric m = Metric.fromKey(rule.metric()).orElse(null);
    if (m == null) {
      return Double.NaN;
    }
    return GuardMonitor.aggregate(rule.aggregate(), series(m, over));
  }
}
