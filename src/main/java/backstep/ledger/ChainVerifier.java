package backstep.ledger;

import static backstep.ledger.LedgerColumns.CHANGE_ID;
import static backstep.ledger.LedgerColumns.RUN_SEQ;
import static backstep.ledger.LedgerColumns.TARGET;
import static backstep.ledger.LedgerColumns.translated;

import backstep.db.LedgerKey;
import backstep.ledger.Ledger.ChainCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * Recomputes this target's hash chain ({@link Ledger#verifyChain}): every event in sequence, linked to the one before
 * and unaltered (SHA-256, or HMAC with the key), then every run's recorded head still in the chain.
 */
final class ChainVerifier {
  private final LedgerTables t;
  private final LedgerQueries queries;
  /** The key of this target's chain, or null: keyed events are then counted as unchecked. */
  private final LedgerKey key;

  ChainVerifier(LedgerTables t, LedgerQueries queries, LedgerKey key) {
    this.t = t;
    this.queries = queries;
    this.key = key;
  }

  ChainCheck verify(Connection c) throws SQLException {
    ChainCheck chain = verifyLinks(c);
    if (!chain.intact()) {
      return chain;
    }
    try {
      if (!t.tagColumns(c)) {
        return chain;
      }
      Map<Long, String> hashes = new HashMap<>();
      for (EventRecord e : queries.events(c, null)) {
        hashes.put(e.seq(), e.hash());
      }
      for (Record r : t.dsl(c).select(CHANGE_ID, RunTagColumns.HEAD_SEQ, RunTagColumns.HEAD_HASH).from(t.runs)
          .where(TARGET.eq(t.target).and(RunTagColumns.HEAD_SEQ.isNotNull())).orderBy(RUN_SEQ).fetch()) {
        long seq = r.get(RunTagColumns.HEAD_SEQ);
        String hash = hashes.get(seq);
        if (hash == null || !hash.equals(r.get(RunTagColumns.HEAD_HASH))) {
          return chain.failed(seq, "the ledger was truncated or rewritten: run "
              + r.get(CHANGE_ID) + " recorded event " + seq + " as the chain's head, and it is "
              + (hash == null ? "missing" : "different"));
        }
      }
      return chain;
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  private ChainCheck verifyLinks(Connection c) throws SQLException {
    try {
      String prev = EventChain.GENESIS;
      long expectedSeq = 1;
      long n = 0;
      long keyed = 0;
      long unchecked = 0;
      for (EventRecord e : queries.events(c, null)) {
        n++;
        String problem = null;
        if (e.seq() != expectedSeq) {
          problem = "event " + expectedSeq + " is missing (next is " + e.seq() + ")";
        } else if (!e.prevHash().equals(prev)) {
          problem = "event " + e.seq() + " does not link to the event before it";
        } else if (e.keyId() == null && keyed > 0) {
          problem = "event " + e.seq() + " is not keyed although the events before it are: the chain was rewritten "
              + "without the key";
        } else if (e.keyId() != null) {
          keyed++;
          if (key == null) {
            unchecked++;
          } else if (!key.id().equals(e.keyId())) {
            problem = "event " + e.seq() + " is keyed with another key (id " + e.keyId() + ", the key given is "
                + key.id() + ")";
          }
        }
        if (problem == null && (e.keyId() == null || key != null)) {
          String h = EventChain.hash(e.keyId() == null ? null : key, prev, e.seq(), e.runId(), e.at(), e.type(),
              e.stepId(), e.actor(), e.detail());
          if (!h.equals(e.hash())) {
            problem = "event " + e.seq() + " was altered (" + (e.keyId() == null ? "hash" : "HMAC") + " mismatch)";
          }
        }
        if (problem != null) {
          return new ChainCheck(n, false, e.seq(), problem, keyed, unchecked);
        }
        prev = e.hash();
        expectedSeq++;
      }
      return new ChainCheck(n, true, 0, "", keyed, unchecked);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }
}
