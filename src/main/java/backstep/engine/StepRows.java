package backstep.engine;

import backstep.db.Dialect;
import backstep.ledger.EventType;
import backstep.ledger.FingerprintStore;
import backstep.ledger.Ledger;
import backstep.playbook.Json;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import backstep.state.StepState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's ledger rows for the run's session: its progress on the control connection, its end in its own transaction
 * (or, with a central ledger, right after that commits), and the fingerprints that go with its start or its end.
 * What a step's transaction owed the ledger is dropped with it when it rolls back.
 */
final class StepRows {
  private final RunSession s;
  /** A step's ledger rows kept for its commit's round trip ({@link #finishStep} with commit); null: none. */
  private Ledger.StepEndText stepEnd;
  /** Fingerprints stored with the step's own rows ({@link #finishStep}), in its transaction. */
  private final List<FingerprintStore.Row> withStep = new ArrayList<>();
  /** Fingerprints stored with the step's start ({@link #progress}, MariaDB: {@link #storesWithStart}). */
  private final List<FingerprintStore.Row> withStart = new ArrayList<>();
  private final List<RunSession.LedgerWrite> pending = new ArrayList<>();

  StepRows(RunSession session) {
    this.s = session;
  }

  /** Saves a step's progress on the control connection (commits at once), with an optional event. */
  void progress(StepExec e, EventType type, Map<String, Object> detail) throws StepFailure {
    try {
      if (type == null) {
        s.saveStep(e);
      } else { // one round trip and one transaction on MariaDB (with the fingerprints stored with the step's
        // start); the row, then the event elsewhere
        List<FingerprintStore.Row> fingerprints = List.copyOf(withStart);
        withStart.clear();
        s.ledger().stepWithEvent(s.control(), fingerprints, e.record(s.run().runId()), type, e.actor,
            detail == null || detail.isEmpty() ? null : Json.compact(detail), s.clock().instant());
      }
    } catch (SQLException ex) {
      throw new StepFailure("cannot write the ledger: " + RunSession.dbMessage(ex), Dialect.isConnectionLost(ex));
    }
  }

  /** {@link RunSession#finishStep(Connection, StepExec, Direction, boolean)}. */
  void finishStep(Connection c, StepExec e, Direction dir, boolean withCommit) throws SQLException {
    e.state = dir == Direction.FORWARD ? StepState.APPLIED : StepState.ROLLED_BACK;
    e.endedAt = s.clock().instant();
    e.error = null;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("attempts", e.attempts);
    d.put("rows", e.rows);
    d.put("ms", Duration.between(e.startedAt, e.endedAt).toMillis());
    if (e.note() != null) {
      d.put("note", e.note());
    }
    if (!e.words(StepExec.EFFECT).isEmpty()) {
      d.put(StepExec.EFFECT, e.words(StepExec.EFFECT));
    }
    if (!e.deviations().isEmpty()) {
      d.put(StepExec.DEVIATIONS, e.deviations());
    }
    var rec = e.record(s.run().runId());
    EventType type = dir == Direction.FORWARD ? EventType.STEP_APPLIED : EventType.STEP_ROLLED_BACK;
    List<FingerprintStore.Row> fingerprints = List.copyOf(withStep);
    withStep.clear();
    Ledger ledger = s.ledger();
    recordInStep(c, conn -> {
      if (conn != s.control() || ledger.stepRowAndEventTogether()) { // in the step's own transaction: every row in
        // one round trip (PostgreSQL), with what the step's reads still owe the connection (their savepoints' way
        // back) ahead of them; on MariaDB on the control connection too, in one transaction
        List<String> ahead = conn == s.work() ? s.owed().take() : List.of();
        if (withCommit && conn == s.work() && s.dialect() == Dialect.POSTGRES && ledger.colocated()
            && !TestPause.asks("step-transaction")) {
          stepEnd = ledger.finishStepText(ahead, fingerprints, rec, type, e.actor, Json.compact(d),
              s.clock().instant());
          return;
        }
        ledger.finishStep(conn, ahead, fingerprints, rec, type, e.actor, Json.compact(d), s.clock().instant());
        return;
      }
      FingerprintStore store = new FingerprintStore(s.db());
      for (FingerprintStore.Row f : fingerprints) {
        store.save(conn, f);
      }
      ledger.upsertStep(conn, rec);
      TestPause.at("step-row-written", e.step.id());
      s.event(conn, type, e.step.id(), e.actor, d);
    });
  }

  /** The step's ledger rows {@link #finishStep} kept for the commit, now taken; null when it sent them. */
  Ledger.StepEndText takeStepEnd() {
    Ledger.StepEndText t = stepEnd;
    stepEnd = null;
    return t;
  }

  /**
   * Stores {@code f} with the step under way when it finishes: in its transaction, with its step row and event
   * (one round trip on PostgreSQL); dropped with them when the step's transaction rolls back.
   */
  void storeWithStep(FingerprintStore.Row f) {
    withStep.add(f);
  }

  /**
   * Whether {@code step}'s start is written as one statement and transaction with fingerprints in it, before its
   * first statement goes: a step that does not run in one transaction, with a ledger that writes a step row and its
   * event together (MariaDB, where every step runs statement by statement).
   */
  boolean storesWithStart(Step step) {
    return s.ledger().stepRowAndEventTogether() && !(step instanceof SqlStep q
        && q.runsInOneTransaction(s.dialect().family(), s.dialect().transactionalDdl()));
  }

  /** Stores {@code f} with the next step start {@link #progress} writes (see {@link #storesWithStart}). */
  void storeWithStart(FingerprintStore.Row f) {
    withStart.add(f);
  }

  /**
   * Records {@code write} as part of the step's transaction on {@code c}: in that transaction when the ledger lives
   * in the target, or — with a central ledger, which no target transaction can include — right after the step
   * commits ({@link #committed}). If the process dies in between, the step is applied but not recorded; resume's
   * verify-before-run then finds it applied and records it as such.
   */
  void recordInStep(Connection c, RunSession.LedgerWrite write) throws SQLException {
    if (c == s.work() && !s.ledger().colocated()) {
      pending.add(write);
    } else {
      write.run(c);
    }
  }

  /** The step's transaction committed: writes its deferred ledger rows (central ledger only). */
  void committed() throws StepFailure {
    try {
      for (RunSession.LedgerWrite w : pending) {
        w.run(s.control());
      }
    } catch (SQLException ex) {
      throw new StepFailure("the step committed but its ledger rows could not be written: "
          + RunSession.dbMessage(ex), Dialect.isConnectionLost(ex));
    } finally {
      pending.clear();
    }
  }

  /** The step's transaction rolled back: its deferred ledger rows are dropped with it. */
  void rolledBack() {
    stepEnd = null;
    pending.clear();
    withStep.clear();
    withStart.clear();
  }
}
