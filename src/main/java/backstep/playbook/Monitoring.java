package backstep.playbook;

import java.time.Duration;
import java.util.List;

/**
 * How a playbook is watched while it runs: the sampling interval, how long to measure the baseline before the
 * first step, an optional canary query (e.g. a primary-key read on the table being changed) and the guard rules.
 */
public record Monitoring(Duration interval, Duration baseline, SqlText canary, List<GuardRule> guards) {
  public static final Monitoring NONE = new Monitoring(Duration.ofSeconds(1), Duration.ofSeconds(3), null, List.of());

  public boolean active() {
    return !guards.isEmpty() || canary != null;
  }

  /**
   * The guards a run gets when its playbook declares none, by the target's environment class: none on a sandbox;
   * alerts on staging; on production the run pauses (for a person to decide) when probe latency or lock waits stay
   * high. Absolute thresholds, because a near-zero baseline makes relative ones fire on noise. The median of the
   * window's probes (the p95 of ten samples is their largest: one slow probe would pause a run); lock counts by
   * the default ¾ of the window's samples.
   */
  public static List<GuardRule> defaultsFor(String environment) {
    GuardRule.Action act = switch (environment) {
      case "production" -> GuardRule.Action.PAUSE;
      case "staging" -> GuardRule.Action.ALERT;
      default -> null;
    };
    if (act == null) {
      return List.of();
    }
    return List.of(
        new GuardRule("probe_ms", "p50", Duration.ofSeconds(10), 500, false, Duration.ofSeconds(10), act, 0),
        new GuardRule("lock_waiters", "latest", Duration.ofSeconds(1), 5, false, Duration.ofSeconds(10), act, 0),
        new GuardRule("longest_lock_wait_ms", "latest", Duration.ofSeconds(1), 5000, false, Duration.ofSeconds(5),
            act, 0));
  }

  /** This monitoring, or the environment's defaults when the playbook declares no guards. */
  public Monitoring withDefaultsFor(String environment) {
    if (!guards.isEmpty()) {
      return this;
    }
    List<GuardRule> d = defaultsFor(environment);
    return d.isEmpty() ? this : new Monitoring(interval, Duration.ofSeconds(2), canary, d);
  }
}
