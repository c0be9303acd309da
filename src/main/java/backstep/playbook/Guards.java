package backstep.playbook;

import java.time.Duration;

/**
 * Per-step session guards. A lock timeout is retried with capped exponential backoff up to {@code retries} times;
 * nothing else is retried.
 *
 * @param statementTimeout zero means none
 * @param maxAffectedRows zero means no limit
 * @param batchSize rows per batch for statements containing {@code ${batch_size}}; zero when not batched
 */
public record Guards(
    Duration lockTimeout,
    Duration statementTimeout,
    int retries,
    Duration backoff,
    Duration maxBackoff,
    long maxAffectedRows,
    int batchSize) {

  /**
   * The defaults when a playbook says nothing: short lock waits so a blocked DDL never queues traffic behind it
   * for long, and a backoff at least as long as the wait so the application gets the table back in between.
   * Measured (docs/performance.md, lock pile-up under pgbench): 200 ms waits with 200 ms–1 s backoff kept the
   * load's max latency at 0.24 s and no second under half the normal throughput; 2 s waits stalled it for 8 s.
   * MySQL/MariaDB lock waits are whole seconds, so there the wait is 1 s.
   */
  public static final Guards DEFAULT =
      new Guards(Duration.ofMillis(200), Duration.ZERO, 30, Duration.ofMillis(200), Duration.ofSeconds(1), 0, 0);

  /** The wait before retry number {@code attempt} (1-based): backoff × 2^(attempt-1), capped. */
  public Duration backoffBefore(int attempt) {
    long ms = backoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }

  /** One line for people: {@code lock timeout 500 ms × 5 retries (backoff 200 ms, capped at 3000 ms) · …}. */
  public String describe() {
    return "lock timeout " + lockTimeout.toMillis() + " ms × " + retries + " retries (backoff "
        + backoff.toMillis() + " ms, capped at " + maxBackoff.toMillis() + " ms)"
        + (statementTimeout.isZero() ? "" : " · statement timeout " + statementTimeout.toMillis() + " ms")
        + (maxAffectedRows > 0 ? " · max " + maxAffectedRows + " rows" : "")
        + (batchSize > 0 ? " · batches of " + batchSize : "");
  }
}
