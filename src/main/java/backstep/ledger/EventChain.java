package backstep.ledger;

import static backstep.ledger.LedgerColumns.ACTOR;
import static backstep.ledger.LedgerColumns.AT;
import static backstep.ledger.LedgerColumns.DETAIL;
import static backstep.ledger.LedgerColumns.HASH;
import static backstep.ledger.LedgerColumns.KEY_ID;
import static backstep.ledger.LedgerColumns.PREV_HASH;
import static backstep.ledger.LedgerColumns.RUN_ID;
import static backstep.ledger.LedgerColumns.SEQ;
import static backstep.ledger.LedgerColumns.STEP_ID;
import static backstep.ledger.LedgerColumns.TARGET;
import static backstep.ledger.LedgerColumns.TYPE;
import static backstep.ledger.LedgerColumns.local;
import static backstep.ledger.LedgerColumns.translated;

import backstep.db.LedgerKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * This target's hash chain of events as the ledger appends to it: the head held in memory (sequence, hash, key id),
 * the next event's link and hash, the insert that appends it, and the head as stored. Only the holder of the run lock
 * appends, so the head loaded under the lock is the chain's.
 */
final class EventChain {
  static final String GENESIS = "0".repeat(64);

  private final LedgerTables t;
  /** The key of this target's chain, or null for plain SHA-256. */
  private final LedgerKey key;
  private long lastSeq;
  private String lastHash = GENESIS;
  /** The key id of the chain head (null: unkeyed or empty), loaded with the head. */
  private String lastKeyId;

  EventChain(LedgerTables t, LedgerKey key) {
    this.t = t;
    this.key = key;
  }

  LedgerKey key() {
    return key;
  }

  /** The sequence of the newest event appended (or loaded); 0 for an empty chain. */
  long lastSeq() {
    return lastSeq;
  }

  /** {@link Ledger#loadHead}: the stored head, then a key that does not match it refused. */
  void loadHead(Connection c) throws SQLException {
    try {
      Record r = t.dsl(c).select(SEQ, HASH, t.keyIdField(c)).from(t.events).where(TARGET.eq(t.target))
          .orderBy(SEQ.desc()).limit(1).fetchOne();
      lastSeq = r == null ? 0 : r.get(SEQ);
      lastHash = r == null ? GENESIS : r.get(HASH);
      lastKeyId = r == null ? null : r.get(t.keyIdField(c));
    } catch (DataAccessException e) {
      throw translated(e);
    }
    refuseKeyMismatch();
  }

  /**
   * A chain whose newest event is keyed only grows with that key: events appended without it (or with another key)
   * would read as a rewrite. Raised before anything is written.
   */
  private void refuseKeyMismatch() throws LedgerKeyException {
    if (lastKeyId == null || key != null && key.id().equals(lastKeyId)) {
      return;
    }
    throw new LedgerKeyException("the ledger of target '" + t.target + "' is keyed (its events are HMAC-SHA256 with "
        + "the key whose id is " + lastKeyId + ") and " + (key == null ? "no ledger key was given"
        : "the ledger key given is another one (id " + key.id() + ")") + ": set " + LedgerKey.ENV
        + " or pass --ledger-key-file (or `ledger_key_file:` in targets.yaml) with that key; nothing was changed");
  }

  Ledger.Head head() {
    return new Ledger.Head(lastSeq, lastHash);
  }

  void reset(Ledger.Head head) {
    lastSeq = head.seq();
    lastHash = head.hash();
  }

  /** Appends one event on {@code c}; returns it with its sequence and hash. */
  EventRecord append(Connection c, String runId, EventType type, String stepId, String actor, String detail,
      Instant at) throws SQLException {
    try {
      Appending a = appending(t.dsl(c), runId, type, stepId, actor, detail, at);
      a.insert().execute();
      return appended(a.event());
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** An event about to be appended: its insert and its record (the chain moves on once the insert is done). */
  private record Appending(Query insert, EventRecord event) {}

  private Appending appending(DSLContext d, String runId, EventType type, String stepId, String actor, String detail,
      Instant at) throws LedgerKeyException {
    EventRecord e = next(runId, type, stepId, actor, detail, at);
    var insert = key == null
        ? d.insertInto(t.events, TARGET, SEQ, RUN_ID, AT, TYPE, STEP_ID, ACTOR, DETAIL, PREV_HASH, HASH)
            .values(t.target, e.seq(), runId, local(e.at()), e.type(), stepId, actor, detail, e.prevHash(), e.hash())
        : d.insertInto(t.events, TARGET, SEQ, RUN_ID, AT, TYPE, STEP_ID, ACTOR, DETAIL, PREV_HASH, HASH, KEY_ID)
            .values(t.target, e.seq(), runId, local(e.at()), e.type(), stepId, actor, detail, e.prevHash(), e.hash(),
                e.keyId());
    return new Appending(insert, e);
  }

  /** The event that comes next in the chain: its sequence, its link to the head and its hash (nothing written). */
  EventRecord next(String runId, EventType type, String stepId, String actor, String detail, Instant at)
      throws LedgerKeyException {
    refuseKeyMismatch();
    Instant ts = at.truncatedTo(ChronoUnit.MILLIS);
    long seq = lastSeq + 1;
    String keyId = key == null ? null : key.id();
    String hash = hash(key, lastHash, seq, runId, ts, type.name(), stepId, actor, detail);
    return new EventRecord(seq, runId, ts, type.name(), stepId, actor, detail, lastHash, hash, keyId);
  }

  /** The chain moves on to {@code e}, written (or about to be, in the statement that carries it). */
  EventRecord appended(EventRecord e) {
    lastSeq = e.seq();
    lastHash = e.hash();
    lastKeyId = e.keyId();
    return e;
  }

  /**
   * An event's hash: SHA-256 of its fields and the previous hash, or with {@code key} an HMAC-SHA256 of the same
   * fields and the key's id (so the id stored next to it cannot be swapped unseen).
   */
  static String hash(LedgerKey key, String prev, long seq, String runId, Instant at, String type, String stepId,
      String actor, String detail) {
    String input = String.join("\u001f", prev, Long.toString(seq), String.valueOf(runId),
        Long.toString(at.toEpochMilli()), type, String.valueOf(stepId), String.valueOf(actor), String.valueOf(detail));
    if (key != null) {
      return key.mac(key.id() + "\u001f" + input);
    }
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This target's chain head as stored now (sequence 0 and 64 zeros when empty). */
  Ledger.Head stored(Connection c) throws SQLException {
    try {
      Record r = t.dsl(c).select(SEQ, HASH).from(t.events).where(TARGET.eq(t.target)).orderBy(SEQ.desc()).limit(1)
          .fetchOne();
      return r == null ? new Ledger.Head(0, GENESIS) : new Ledger.Head(r.get(SEQ), r.get(HASH));
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** The stored hash of this target's event {@code seq}, if there is one. */
  Optional<String> storedHash(Connection c, long seq) throws SQLException {
    try {
      return t.dsl(c).select(HASH).from(t.events).where(TARGET.eq(t.target).and(SEQ.eq(seq))).fetchOptional(HASH);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }
}
