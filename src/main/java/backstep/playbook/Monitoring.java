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
}
