package backstep.fleet;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a group does between its canary and its first wave ({@code after_canary:}): soak the canary members under
 * the playbook's guards for {@code observe} (null: no soak), with at least {@code minSamples} samples (0: half the
 * duration's worth), and/or wait at a gate for {@code backstep fleet approve}.
 */
public record CanaryHold(Duration observe, int minSamples, Gate gate) {
  /** Who lets the waves start after the canary. */
  public enum Gate {
    /** Nobody: the waves start when the soak (if any) passes. */
    NONE,
    /** Any person, with {@code backstep fleet approve}. */
    CONFIRM,
    /** A second person: the approver must differ from the fleet run's operator. */
    APPROVAL;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** As stored with a fleet run (and read back by any worker). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("observe_ms", observe == null ? null : observe.toMillis());
    m.put("min_samples", minSamples);
    m.put("gate", gate.word());
    return m;
  }

  static CanaryHold fromMap(Map<?, ?> m) {
    Object ms = m.get("observe_ms");
    return new CanaryHold(ms == null ? null : Duration.ofMillis(((Number) ms).longValue()),
        ((Number) m.get("min_samples")).intValue(), Gate.valueOf(String.valueOf(m.get("gate"))
            .toUpperCase(java.util.Locale.ROOT)));
  }

  public String describe() {
    String soak = observe == null ? null : "observe the canary for " + observe.toMillis() / 1000.0 + " s";
    String g = switch (gate) {
      case NONE -> null;
      case CONFIRM -> "wait for `backstep fleet approve`";
      case APPROVAL -> "wait for `backstep fleet approve` by a second person";
    };
    return soak == null ? g : g == null ? soak : soak + ", then " + g;
  }
}
