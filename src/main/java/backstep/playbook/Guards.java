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

  /** The defaults when a playbook says nothing: short lock waits so a blocked DDL never queues traffic behind it. */
  public static final Guards DEFAULT =
      new Guards(Duration.ofSeconds(2), Duration.ZERO, 5, Duration.ofMillis(200), Duration.ofSeconds(5), 0, 0);

  /** The wait before retry number {@code attempt} (1-based): backoff × 2^(attempt-1), capped. */
  public Duration backoffBefore(int attempt) {
    long ms = backoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }
}
