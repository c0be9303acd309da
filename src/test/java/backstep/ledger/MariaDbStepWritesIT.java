package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.state.StepState;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's ledger writes of a statement-by-statement step ({@link MySqlStepWrites}): they go on the control
 * connection, in autocommit, because MariaDB's DDL commits implicitly. A step row with its event — the step's start,
 * each statement's intent and its end, and the step's end with the fingerprint stored with it — is one statement
 * (counted by the server's {@code Questions}, so it cannot silently grow back: it was two to four), writes the rows
 * the writes one by one make, and is one transaction: a failed event leaves no step row behind.
 */
class MariaDbStepWritesIT {
  private static final Instant AT = Instant.parse("2026-12-06T19:00:00.123Z");

  @Test
  void aStepRowWithItsEventIsOneStatementAndTheRowsOneByOneWouldWrite() throws Exception {
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.MARIADB); Database db = scratch.open();
        Connection c = db.connection()) {
      Ledger ledger = new Ledger(db);
      ledger.ensureSchema(c);
      ledger.loadHead(c);
      FingerprintStore store = new FingerprintStore(db);
      ledger.upsertStep(c, step("one-by-one", StepState.RUNNING, null));
      ledger.append(c, "one-by-one", EventType.STEP_STARTED, "a", "tester", null, AT);
      store.save(c, "one-by-one", "step:b", "{\"tables\":[]}", AT);
      ledger.upsertStep(c, step("one-by-one", StepState.APPLIED, AT.plusMillis(40)));
      ledger.append(c, "one-by-one", EventType.STEP_APPLIED, "a", "tester", "{\"rows\":3}", AT.plusMillis(41));

      assertEquals(1, statements(c, () -> ledger.stepWithEvent(c, step("together", StepState.RUNNING, null),
          EventType.STEP_STARTED, "tester", null, AT)), "the step's start: its new row and its event");
      assertEquals(1, statements(c, () -> ledger.finishStep(c, List.of(),
          List.of(new FingerprintStore.Row("together", "step:b", "{\"tables\":[]}", AT)),
          step("together", StepState.APPLIED, AT.plusMillis(40)), EventType.STEP_APPLIED, "tester",
          "{\"rows\":3}", AT.plusMillis(41))), "the step's end: the fingerprint, the row updated, the event");

      assertTrue(c.getAutoCommit());
      assertEquals("0", value(c, "SELECT @@in_transaction"), "committed: no transaction left open");
      assertEquals(rows(ledger, store, c, "one-by-one"), rows(ledger, store, c, "together"));
      assertEquals(4, ledger.events(c, null).size());
      Ledger.ChainCheck chain = ledger.verifyChain(c);
      assertTrue(chain.intact(), chain.problem());
    }
  }

  @Test
  void aFailedEventLeavesNoStepRowAndTheChainWhereItWas() throws Exception {
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.MARIADB); Database db = scratch.open();
        Connection c = db.connection()) {
      Ledger ledger = new Ledger(db);
      ledger.ensureSchema(c);
      ledger.loadHead(c);
      try (Statement st = c.createStatement()) { // another writer took the next sequence number behind our back
        st.execute("INSERT INTO backstep_event (target, seq, run_id, at_ms, event_type, prev_hash, hash) VALUES ('"
            + scratch.name() + "', 1, 'other', 0, 'NOTE', '" + "0".repeat(64) + "', '" + "1".repeat(64) + "')");
      }
      SQLException e = assertThrows(SQLException.class, () -> ledger.stepWithEvent(c,
          step("together", StepState.RUNNING, null), EventType.STEP_STARTED, "tester", null, AT));
      assertEquals(1062, e.getErrorCode(), "the server's own error, raised again: " + e.getMessage());
      assertEquals(List.of(), ledger.steps(c, "together"), "rolled back with the event it came with");
      assertEquals(0, ledger.head().seq(), "the chain head did not move");
      assertTrue(c.getAutoCommit());
      assertEquals("0", value(c, "SELECT @@in_transaction"));
    }
  }

  private static StepRecord step(String run, StepState state, Instant ended) {
    return new StepRecord(run, 0, "a", "sql", state, 1, state == StepState.APPLIED ? 1 : 0, 0, 3, 1, "tester", AT,
        ended, "{\"verify\":[]}", null);
  }

  /** What the ledger holds of {@code run}'s step, fingerprint and events, with the run's id left out. */
  private static List<Object> rows(Ledger ledger, FingerprintStore store, Connection c, String run) throws Exception {
    StepRecord s = ledger.steps(c, run).get(0);
    return List.of(List.of(s.index(), s.stepId(), s.kind(), s.state(), s.statementsTotal(), s.statementsDone(),
            s.rollbackDone(), s.rowsAffected(), s.attempts(), s.actor(), s.startedAt(), s.endedAt(), s.detail(),
            String.valueOf(s.error())),
        store.load(c, run, "step:b").orElseThrow(),
        ledger.events(c, run).stream().map(e -> List.of(e.at(), e.type(), e.stepId(), e.actor(),
            String.valueOf(e.detail()), String.valueOf(e.keyId()))).toList());
  }

  interface Write {
    void run() throws SQLException;
  }

  /** The statements {@code write} sends on {@code c}, counted by the server. */
  private static long statements(Connection c, Write write) throws SQLException {
    long before = Long.parseLong(value(c, "SHOW SESSION STATUS LIKE 'Questions'", 2));
    write.run();
    return Long.parseLong(value(c, "SHOW SESSION STATUS LIKE 'Questions'", 2)) - before - 1; // counts itself
  }

  private static String value(Connection c, String sql) throws SQLException {
    return value(c, sql, 1);
  }

  private static String value(Connection c, String sql, int column) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(column);
    }
  }
}
