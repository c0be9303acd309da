package backstep.ledger;

import java.time.Instant;

/** A hash-chained ledger event; {@code hash} covers every other field and the previous event's hash. */
public record EventRecord(
    long seq, String runId, Instant at, String type, String stepId, String actor, String detail, String prevHash,
    String hash) {}
