package backstep.telemetry;

import java.util.Locale;
import java.util.Optional;

/** What the sampler measures. A metric the target cannot report is recorded as NaN ("unavailable"), never 0. */
public enum Metric {
  PROBE_MS("probe latency", "ms"),
  CANARY_MS("canary latency", "ms"),
  LOCK_WAITERS("sessions waiting on locks", ""),
  LONGEST_LOCK_WAIT_MS("longest lock wait", "ms"),
  COMMITS_PER_S("commits", "/s"),
  ROLLBACKS_PER_S("rollbacks", "/s"),
  DEADLOCKS_PER_S("deadlocks", "/s"),
  ACTIVE_CONNECTIONS("connections", ""),
  CONNECTION_LIMIT("connection limit", ""),
  REPLICATION_LAG_S("replication lag", "s"),
  SAMPLE_COST_MS("sampling cost", "ms");

  private final String words;
  private final String unit;

  Metric(String words, String unit) {
    this.words = words;
    this.unit = unit;
  }

  public String words() {
    return words;
  }

  public String unit() {
    return unit;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Metric> fromKey(String key) {
    for (Metric m : values()) {
      if (m.key().equalsIgnoreCase(key)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
