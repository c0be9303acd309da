package backstep.ledger;

import java.time.Instant;

/**
 * A hash-chained ledger event; {@code hash} covers every other field and the previous event's hash. {@code keyId}
 * is null for a plain SHA-256 event, or the {@code LedgerKey.id()} of the key whose HMAC-SHA256 {@code hash} is.
 */
public record EventRecord(
    long seq, String runId, Instant at, String type, String stepId, String actor, String detail, String prevHash,
    String hash, String keyId) {

  /** An unkeyed event. */
  public EventRecord(long seq, String runId, Instant at, String type, String stepId, String actor, String detail,
      String prevHash, String hash) {
    this(seq, runId, at, type, stepId, actor, detail, prevHash, hash, null);
  }
}
