package backstep.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything one sampling tick saw: metric values (NaN when unavailable) and the lock picture. */
public record Reading(Instant at, Map<Metric, Double> values, List<Blocker> waiters, List<Blocker> blockers,
    String error) {
  public double get(Metric m) {
    return values.getOrDefault(m, Double.NaN);
  }
}
