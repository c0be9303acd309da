package backstep.ledger;

import static backstep.ledger.LedgerColumns.ACTOR;
import static backstep.ledger.LedgerColumns.ATTEMPTS;
import static backstep.ledger.LedgerColumns.DETAIL;
import static backstep.ledger.LedgerColumns.ENDED_AT;
import static backstep.ledger.LedgerColumns.ERROR;
import static backstep.ledger.LedgerColumns.KIND;
import static backstep.ledger.LedgerColumns.RB_DONE;
import static backstep.ledger.LedgerColumns.ROWS;
import static backstep.ledger.LedgerColumns.RUN_ID;
import static backstep.ledger.LedgerColumns.STARTED_AT;
import static backstep.ledger.LedgerColumns.STEP_ID;
import static backstep.ledger.LedgerColumns.STEP_INDEX;
import static backstep.ledger.LedgerColumns.STMT_DONE;
import static backstep.ledger.LedgerColumns.STMT_TOTAL;
import static backstep.ledger.LedgerColumns.local;
import static backstep.ledger.LedgerColumns.translated;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * Writes a step's row with its event (and the fingerprints that go with it): on PostgreSQL as one statement
 * ({@link StepEnd}), sent or as text to go with the step's {@code COMMIT}; on MariaDB as one compound statement
 * ({@link MySqlStepWrites}); on MySQL one after the other.
 */
final class StepWrites {
  private final LedgerTables t;
  private final EventChain chain;

  StepWrites(LedgerTables t, EventChain chain) {
    this.t = t;
    this.chain = chain;
  }

  /** Inserts or updates a step's row: one statement ({@code ON CONFLICT} / {@code ON DUPLICATE KEY UPDATE}). */
  void upsert(Connection c, StepRecord s) throws SQLException {
    try {
      upsert(t.dsl(c), s).execute();
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * One round trip instead of UPDATE-then-INSERT: same row, same columns updated on conflict (jOOQ writes it as
   * {@code ON DUPLICATE KEY UPDATE} on MySQL/MariaDB, whose step table has no unique key but its primary key).
   */
  private Query upsert(DSLContext d, StepRecord s) {
    return d.insertInto(t.steps)
        .set(RUN_ID, s.runId()).set(STEP_INDEX, s.index()).set(STEP_ID, s.stepId()).set(KIND, s.kind())
        .set(StateColumns.STEP, s.state()).set(STMT_TOTAL, s.statementsTotal()).set(STMT_DONE, s.statementsDone())
        .set(RB_DONE, s.rollbackDone()).set(ROWS, s.rowsAffected()).set(ATTEMPTS, s.attempts())
        .set(ACTOR, s.actor()).set(STARTED_AT, local(s.startedAt())).set(ENDED_AT, local(s.endedAt()))
        .set(DETAIL, s.detail()).set(ERROR, s.error())
        .onConflict(RUN_ID, STEP_INDEX).doUpdate()
        .set(StateColumns.STEP, s.state()).set(STMT_TOTAL, s.statementsTotal()).set(STMT_DONE, s.statementsDone())
        .set(RB_DONE, s.rollbackDone()).set(ROWS, s.rowsAffected()).set(ATTEMPTS, s.attempts())
        .set(ACTOR, s.actor()).set(STARTED_AT, local(s.startedAt())).set(ENDED_AT, local(s.endedAt()))
        .set(DETAIL, s.detail()).set(ERROR, s.error());
  }

  /** {@link Ledger#finishStep}: one statement on PostgreSQL and on MariaDB, one after the other on MySQL. */
  EventRecord finish(Connection c, List<String> ahead, List<FingerprintStore.Row> fingerprints, StepRecord s,
      EventType type, String actor, String detail, Instant at) throws SQLException {
    if (t.dialect() == Dialect.POSTGRES) {
      EventRecord event = chain.next(s.runId(), type, s.stepId(), actor, detail, at);
      StepEnd.write(c, ahead, fingerprints, s, t.target, event);
      return chain.appended(event);
    }
    if (!ahead.isEmpty()) {
      try (var st = c.createStatement()) {
        for (String sql : ahead) {
          st.execute(sql);
        }
      }
    }
    if (t.dialect() == Dialect.MARIADB) {
      EventRecord event = chain.next(s.runId(), type, s.stepId(), actor, detail, at);
      MySqlStepWrites.write(c, fingerprints, s, t.target, event);
      return chain.appended(event);
    }
    try {
      for (FingerprintStore.Row f : fingerprints) {
        FingerprintStore.upsert(t.dsl(c), false, f).execute();
      }
    } catch (DataAccessException e) {
      throw translated(e);
    }
    upsert(c, s);
    return chain.append(c, s.runId(), type, s.stepId(), actor, detail, at);
  }

  /** {@link Ledger#finishStepText}: the statement as text; the chain moves on to the step's event now. */
  Ledger.StepEndText finishText(List<String> ahead, List<FingerprintStore.Row> fingerprints, StepRecord s,
      EventType type, String actor, String detail, Instant at) throws SQLException {
    if (t.dialect() != Dialect.POSTGRES || !t.colocated) {
      throw new IllegalStateException("a step's end as text is for a ledger in a PostgreSQL target");
    }
    EventRecord event = chain.next(s.runId(), type, s.stepId(), actor, detail, at);
    String sql = StepEnd.text(ahead, fingerprints, s, t.target, event);
    chain.appended(event);
    return new Ledger.StepEndText(sql, "SELECT count(*) FROM backstep.event WHERE target = "
        + StepEnd.literal(t.target) + " AND seq = " + event.seq() + " AND hash = " + StepEnd.literal(event.hash()));
  }

  /** {@link Ledger#stepWithEvent}: {@link #finish} where that is one statement (MariaDB), else row by row. */
  EventRecord withEvent(Connection c, List<FingerprintStore.Row> fingerprints, StepRecord s, EventType type,
      String actor, String detail, Instant at) throws SQLException {
    if (rowAndEventTogether()) {
      return finish(c, List.of(), fingerprints, s, type, actor, detail, at);
    }
    FingerprintStore store = new FingerprintStore(t.db);
    for (FingerprintStore.Row f : fingerprints) {
      store.save(c, f);
    }
    upsert(c, s);
    return chain.append(c, s.runId(), type, s.stepId(), actor, detail, at);
  }

  /** Whether {@link #finish} writes a step's row and its event in one statement on every connection (MariaDB). */
  boolean rowAndEventTogether() {
    return t.dialect() == Dialect.MARIADB;
  }
}
