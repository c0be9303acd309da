package backstep.ledger;

import static backstep.ledger.LedgerColumns.ACTOR;
import static backstep.ledger.LedgerColumns.APPROVER;
import static backstep.ledger.LedgerColumns.AT;
import static backstep.ledger.LedgerColumns.ATTEMPTS;
import static backstep.ledger.LedgerColumns.CHANGE_ID;
import static backstep.ledger.LedgerColumns.DETAIL;
import static backstep.ledger.LedgerColumns.DIALECT;
import static backstep.ledger.LedgerColumns.ENDED_AT;
import static backstep.ledger.LedgerColumns.ERROR;
import static backstep.ledger.LedgerColumns.HASH;
import static backstep.ledger.LedgerColumns.HOST;
import static backstep.ledger.LedgerColumns.KIND;
import static backstep.ledger.LedgerColumns.OPERATOR;
import static backstep.ledger.LedgerColumns.OS_USER;
import static backstep.ledger.LedgerColumns.PID;
import static backstep.ledger.LedgerColumns.PLAYBOOK_ID;
import static backstep.ledger.LedgerColumns.PLAYBOOK_PATH;
import static backstep.ledger.LedgerColumns.PLAYBOOK_SHA;
import static backstep.ledger.LedgerColumns.PLAYBOOK_TEXT;
import static backstep.ledger.LedgerColumns.PLAYBOOK_VERSION;
import static backstep.ledger.LedgerColumns.PREV_HASH;
import static backstep.ledger.LedgerColumns.RB_DONE;
import static backstep.ledger.LedgerColumns.ROWS;
import static backstep.ledger.LedgerColumns.RUN_ID;
import static backstep.ledger.LedgerColumns.RUN_SEQ;
import static backstep.ledger.LedgerColumns.SEQ;
import static backstep.ledger.LedgerColumns.STARTED_AT;
import static backstep.ledger.LedgerColumns.STEP_ID;
import static backstep.ledger.LedgerColumns.STEP_INDEX;
import static backstep.ledger.LedgerColumns.STMT_DONE;
import static backstep.ledger.LedgerColumns.STMT_TOTAL;
import static backstep.ledger.LedgerColumns.TARGET;
import static backstep.ledger.LedgerColumns.TYPE;
import static backstep.ledger.LedgerColumns.UPDATED_AT;
import static backstep.ledger.LedgerColumns.instant;
import static backstep.ledger.LedgerColumns.nz;
import static backstep.ledger.LedgerColumns.translated;

import backstep.state.RunState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Reads the ledger's rows: this database's runs, a run's steps and playbook text, and events in order. */
final class LedgerQueries {
  private final LedgerTables t;

  LedgerQueries(LedgerTables t) {
    this.t = t;
  }

  Optional<RunRecord> run(Connection c, String runIdOrChangeId) throws SQLException {
    try {
      return t.dsl(c).select(t.runFields(c)).from(t.runs)
          .where(t.mine(c).and(RUN_ID.eq(runIdOrChangeId).or(CHANGE_ID.eq(runIdOrChangeId))))
          .orderBy(RUN_SEQ.desc()).limit(1)
          .fetchOptional().map(LedgerQueries::toRun);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  String playbookText(Connection c, String runId) throws SQLException {
    try {
      return t.dsl(c).select(PLAYBOOK_TEXT).from(t.runs).where(RUN_ID.eq(runId)).fetchOne(PLAYBOOK_TEXT);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  List<RunRecord> runs(Connection c, String playbookId, int limit) throws SQLException {
    try {
      var q = t.dsl(c).select(t.runFields(c)).from(t.runs);
      var where = t.mine(c).and(playbookId == null ? DSL.noCondition() : PLAYBOOK_ID.eq(playbookId));
      return q.where(where).orderBy(RUN_SEQ.desc()).limit(limit).fetch().map(LedgerQueries::toRun);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  List<RunRecord> runsInStates(Connection c, Collection<RunState> states) throws SQLException {
    try {
      return t.dsl(c).select(t.runFields(c)).from(t.runs).where(t.mine(c).and(StateColumns.RUN.in(states)))
          .orderBy(RUN_SEQ)
          .fetch().map(LedgerQueries::toRun);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  List<StepRecord> steps(Connection c, String runId) throws SQLException {
    try {
      return t.dsl(c).select(RUN_ID, STEP_INDEX, STEP_ID, KIND, StateColumns.STEP, STMT_TOTAL, STMT_DONE, RB_DONE,
              ROWS, ATTEMPTS, ACTOR, STARTED_AT, ENDED_AT, DETAIL, ERROR)
          .from(t.steps).where(RUN_ID.eq(runId)).orderBy(STEP_INDEX)
          .fetch(r -> new StepRecord(r.get(RUN_ID), r.get(STEP_INDEX), r.get(STEP_ID), r.get(KIND),
              r.get(StateColumns.STEP), nz(r.get(STMT_TOTAL)), nz(r.get(STMT_DONE)), nz(r.get(RB_DONE)),
              r.get(ROWS) == null ? 0 : r.get(ROWS), nz(r.get(ATTEMPTS)), r.get(ACTOR), instant(r.get(STARTED_AT)),
              instant(r.get(ENDED_AT)), r.get(DETAIL), r.get(ERROR)));
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** Events of a run (or all events when {@code runId} is null), in order. */
  List<EventRecord> events(Connection c, String runId) throws SQLException {
    try {
      // A run's events, under whichever name of the database recorded them (run ids are unique); all events: this
      // name's chain, in order.
      var where = runId == null ? TARGET.eq(t.target) : RUN_ID.eq(runId);
      Field<String> keyId = t.keyIdField(c);
      return t.dsl(c).select(SEQ, RUN_ID, AT, TYPE, STEP_ID, ACTOR, DETAIL, PREV_HASH, HASH, keyId).from(t.events)
          .where(where).orderBy(runId == null ? List.of(SEQ.asc()) : List.of(AT.asc(), TARGET.asc(), SEQ.asc()))
          .fetch(r -> new EventRecord(r.get(SEQ), r.get(RUN_ID), instant(r.get(AT)), r.get(TYPE), r.get(STEP_ID),
              r.get(ACTOR), r.get(DETAIL), r.get(PREV_HASH), r.get(HASH), r.get(keyId)));
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  private static RunRecord toRun(Record r) {
    return new RunRecord(r.get(RUN_ID), r.get(CHANGE_ID), r.get(TARGET), r.get(PLAYBOOK_ID),
        nz(r.get(PLAYBOOK_VERSION)), r.get(PLAYBOOK_SHA), r.get(PLAYBOOK_PATH), r.get(DIALECT), r.get(StateColumns.RUN),
        r.get(OPERATOR), r.get(OS_USER), r.get(HOST), r.get(PID) == null ? 0 : r.get(PID), r.get(APPROVER),
        instant(r.get(STARTED_AT)), instant(r.get(UPDATED_AT)), instant(r.get(ENDED_AT)), r.get(ERROR),
        RunTagColumns.read(r));
  }
}
