package backstep.ledger;

import static backstep.ledger.LedgerColumns.APPROVER;
import static backstep.ledger.LedgerColumns.CHANGE_ID;
import static backstep.ledger.LedgerColumns.DIALECT;
import static backstep.ledger.LedgerColumns.ENDED_AT;
import static backstep.ledger.LedgerColumns.ERROR;
import static backstep.ledger.LedgerColumns.HOST;
import static backstep.ledger.LedgerColumns.OPERATOR;
import static backstep.ledger.LedgerColumns.OS_USER;
import static backstep.ledger.LedgerColumns.PID;
import static backstep.ledger.LedgerColumns.PLAYBOOK_ID;
import static backstep.ledger.LedgerColumns.PLAYBOOK_PATH;
import static backstep.ledger.LedgerColumns.PLAYBOOK_SHA;
import static backstep.ledger.LedgerColumns.PLAYBOOK_TEXT;
import static backstep.ledger.LedgerColumns.PLAYBOOK_VERSION;
import static backstep.ledger.LedgerColumns.RUN_ID;
import static backstep.ledger.LedgerColumns.RUN_SEQ;
import static backstep.ledger.LedgerColumns.STARTED_AT;
import static backstep.ledger.LedgerColumns.TARGET;
import static backstep.ledger.LedgerColumns.UPDATED_AT;
import static backstep.ledger.LedgerColumns.local;
import static backstep.ledger.LedgerColumns.translated;

import backstep.db.Dialect;
import backstep.ledger.Ledger.FingerprintEvent;
import backstep.ledger.Ledger.Head;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.jooq.exception.DataAccessException;

/**
 * Writes a run's rows with their events: a new run, its state changes (with the chain head recorded in its row) and
 * its fingerprint. On PostgreSQL with the tag columns each set is one statement ({@link RunRows}); elsewhere one row
 * after the other, and the caller makes them one transaction.
 */
final class RunWrites {
  private final LedgerTables t;
  private final EventChain chain;

  RunWrites(LedgerTables t, EventChain chain) {
    this.t = t;
    this.chain = chain;
  }

  /** A new run's row, numbered with the sequence of the RUN_STARTED event appended right after it. */
  void insertRun(Connection c, RunRecord r, String playbookText) throws SQLException {
    try {
      RunTagColumns.set(t.dsl(c).insertInto(t.runs)
          .set(RUN_ID, r.runId()).set(RUN_SEQ, chain.lastSeq() + 1).set(CHANGE_ID, r.changeId())
          .set(TARGET, r.target())
          .set(PLAYBOOK_ID, r.playbookId()).set(PLAYBOOK_VERSION, r.playbookVersion())
          .set(PLAYBOOK_SHA, r.playbookSha256()).set(PLAYBOOK_PATH, r.playbookPath()).set(PLAYBOOK_TEXT, playbookText)
          .set(DIALECT, r.dialect()).set(StateColumns.RUN, r.state()).set(OPERATOR, r.operator())
          .set(OS_USER, r.osUser()).set(HOST, r.host()).set(PID, r.pid()).set(APPROVER, r.approver())
          .set(STARTED_AT, local(r.startedAt())).set(UPDATED_AT, local(r.updatedAt()))
          .set(ENDED_AT, local(r.endedAt())).set(ERROR, r.error()).set(RunTagColumns.DB_IDENTITY, t.identity()),
          r.tags())
          .execute();
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** {@link Ledger#runRowsInOneStatement}: a ledger on PostgreSQL whose run table has the tag columns. */
  boolean inOneStatement(Connection c) throws SQLException {
    if (t.dialect() != Dialect.POSTGRES) {
      return false;
    }
    return t.tagColumns(c);
  }

  EventRecord start(Connection c, RunRecord r, String playbookText, String actor, String detail, Instant at,
      FingerprintEvent fingerprint) throws SQLException {
    if (!inOneStatement(c)) {
      insertRun(c, r, playbookText);
      EventRecord started = chain.append(c, r.runId(), EventType.RUN_STARTED, null, actor, detail, at);
      if (fingerprint != null) {
        fingerprint(c, fingerprint.row(), fingerprint.actor(), fingerprint.detail(), fingerprint.at());
      }
      return started;
    }
    EventRecord event = chain.next(r.runId(), EventType.RUN_STARTED, null, actor, detail, at);
    if (fingerprint == null) {
      RunRows.started(c, r, playbookText, t.identity(), t.target, event, null, null);
      return chain.appended(event);
    }
    Head before = chain.head();
    chain.appended(event); // the FINGERPRINT event links to it
    EventRecord fingerprinted = chain.next(r.runId(), EventType.FINGERPRINT, null, fingerprint.actor(),
        fingerprint.detail(), fingerprint.at());
    chain.reset(before);
    RunRows.started(c, r, playbookText, t.identity(), t.target, event, fingerprint.row(), fingerprinted);
    chain.appended(event);
    chain.appended(fingerprinted);
    return event;
  }

  EventRecord state(Connection c, RunRecord r, EventType type, String actor, String detail, Instant at)
      throws SQLException {
    if (!inOneStatement(c)) {
      update(c, r);
      EventRecord e = chain.append(c, r.runId(), type, null, actor, detail, at);
      recordHead(c, r.runId());
      return e;
    }
    EventRecord event = chain.next(r.runId(), type, null, actor, detail, at);
    RunRows.state(c, r, t.target, event);
    return chain.appended(event);
  }

  EventRecord fingerprint(Connection c, FingerprintStore.Row f, String actor, String detail, Instant at)
      throws SQLException {
    if (!inOneStatement(c)) {
      new FingerprintStore(t.targetDb).save(c, f.runId(), f.label(), f.body(), f.at());
      return chain.append(c, f.runId(), EventType.FINGERPRINT, null, actor, detail, at);
    }
    EventRecord event = chain.next(f.runId(), EventType.FINGERPRINT, null, actor, detail, at);
    RunRows.fingerprint(c, f, t.target, event);
    return chain.appended(event);
  }

  /** Updates a run's state, who holds it now (pid/host of a resuming process) and its error. */
  void update(Connection c, RunRecord r) throws SQLException {
    try {
      t.dsl(c).update(t.runs)
          .set(StateColumns.RUN, r.state()).set(UPDATED_AT, local(r.updatedAt())).set(ENDED_AT, local(r.endedAt()))
          .set(ERROR, r.error()).set(PID, r.pid()).set(HOST, r.host()).set(APPROVER, r.approver())
          .set(OPERATOR, r.operator())
          .where(RUN_ID.eq(r.runId()))
          .execute();
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** The chain head in the run's row, under this target's name (where the run table has the head columns). */
  void recordHead(Connection c, String runId) throws SQLException {
    try {
      Head head = chain.head();
      if (t.tagColumns(c) && head.seq() > 0) {
        t.dsl(c).update(t.runs).set(RunTagColumns.HEAD_SEQ, head.seq()).set(RunTagColumns.HEAD_HASH, head.hash())
            .where(RUN_ID.eq(runId).and(TARGET.eq(t.target))).execute(); // the head of this name's chain
      }
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }
}
