package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.state.StepState;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A step's ledger rows written together at its end ({@link Ledger#finishStep}: one statement with bind values on
 * PostgreSQL, behind the savepoint's way back a step's read still owes) are the rows the writes one by one make: the
 * same step row over the one written when the step started, the same stored fingerprint, the same event in an intact
 * chain.
 */
class StepEndIT {
  private static final Instant AT = Instant.parse("2026-12-06T16:00:00.123Z");

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aStepsRowsWrittenTogetherAreTheRowsWrittenOneByOne(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open(); Connection c = db.connection()) {
      Ledger ledger = new Ledger(db);
      ledger.ensureSchema(c);
      ledger.loadHead(c);
      FingerprintStore store = new FingerprintStore(db);
      for (String run : List.of("one-by-one", "together")) {
        ledger.upsertStep(c, step(run, StepState.RUNNING, null, null)); // as a step starts: its row is there
      }
      store.save(c, "one-by-one", "step:b", "{\"tables\":[]}", AT);
      ledger.upsertStep(c, step("one-by-one", StepState.APPLIED, AT.plusMillis(40), null));
      ledger.append(c, "one-by-one", EventType.STEP_APPLIED, "a", "tester", "{\"rows\":3}", AT.plusMillis(41));

      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) { // a read the step's transaction must leave before it writes
        st.execute("SAVEPOINT backstep_read");
        if (kind == ScratchDb.Kind.POSTGRES) {
          st.execute("SET LOCAL transaction_read_only = on");
        }
      }
      ledger.finishStep(c, List.of("ROLLBACK TO SAVEPOINT backstep_read", "RELEASE SAVEPOINT backstep_read"),
          List.of(new FingerprintStore.Row("together", "step:b", "{\"tables\":[]}", AT)),
          step("together", StepState.APPLIED, AT.plusMillis(40), null), EventType.STEP_APPLIED, "tester",
          "{\"rows\":3}", AT.plusMillis(41));
      c.commit();
      c.setAutoCommit(true);

      assertEquals(rows(ledger, store, c, "one-by-one"), rows(ledger, store, c, "together"));
      assertEquals(2, ledger.events(c, null).size());
      Ledger.ChainCheck chain = ledger.verifyChain(c);
      assertTrue(chain.intact(), chain.problem());
    }
  }

  /**
   * PostgreSQL: the same rows written as text with the values in it ({@link Ledger#finishStepText}, the text a step's
   * commit takes in its round trip) are the rows the writes one by one make, whatever the values hold: quotes,
   * backslashes, a question mark, JDBC escape braces, dollar quotes, line breaks and characters beyond ASCII.
   */
  @org.junit.jupiter.api.Test
  void aStepsRowsWrittenAsTextAreTheRowsWrittenOneByOne() throws Exception {
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.POSTGRES); Database db = scratch.open();
        Connection c = db.connection()) {
      Ledger ledger = new Ledger(db);
      ledger.ensureSchema(c);
      ledger.loadHead(c);
      FingerprintStore store = new FingerprintStore(db);
      String body = "{\"tables\":[{\"name\":\"it's \\\\ a ? {fn now()} $$x$$ \\n täble\"}]}";
      String detail = "{\"note\":\"O'Brien \\\\ ? {d '2026-01-01'} $q$ \\n ✓\",\"rows\":3}";
      for (String run : List.of("one-by-one", "as-text")) {
        ledger.upsertStep(c, step(run, StepState.RUNNING, null, null));
      }
      store.save(c, "one-by-one", "step:b", body, AT);
      StepRecord done = new StepRecord("one-by-one", 0, "a", "sql", StepState.APPLIED, 1, 1, 0, 3, 1, "it's me", AT,
          AT.plusMillis(40), detail, "line one\nline 'two' \\ ?");
      ledger.upsertStep(c, done);
      ledger.append(c, "one-by-one", EventType.STEP_APPLIED, "a", "it's me", detail, AT.plusMillis(41));

      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SAVEPOINT backstep_read");
        st.execute("SET LOCAL transaction_read_only = on");
      }
      Ledger.StepEndText text = ledger.finishStepText(
          List.of("ROLLBACK TO SAVEPOINT backstep_read", "RELEASE SAVEPOINT backstep_read"),
          List.of(new FingerprintStore.Row("as-text", "step:b", body, AT)),
          new StepRecord("as-text", 0, "a", "sql", StepState.APPLIED, 1, 1, 0, 3, 1, "it's me", AT, AT.plusMillis(40),
              detail, "line one\nline 'two' \\ ?"),
          EventType.STEP_APPLIED, "it's me", detail, AT.plusMillis(41));
      try (Statement st = c.createStatement()) {
        st.execute(text.sql() + ";\nCOMMIT");
        try (java.sql.ResultSet r = st.executeQuery(text.written())) {
          r.next();
          assertEquals(1, r.getLong(1), "the written query finds the event");
        }
      }
      c.setAutoCommit(true);

      assertEquals(rows(ledger, store, c, "one-by-one"), rows(ledger, store, c, "as-text"));
      assertEquals(body, store.load(c, "as-text", "step:b").orElseThrow().body());
      Ledger.ChainCheck chain = ledger.verifyChain(c);
      assertTrue(chain.intact(), chain.problem());
    }
  }

  private static StepRecord step(String run, StepState state, Instant ended, String error) {
    return new StepRecord(run, 0, "a", "sql", state, 1, state == StepState.APPLIED ? 1 : 0, 0, 3, 1, "tester", AT,
        ended, "{\"verify\":[]}", error);
  }

  /** What the ledger holds of {@code run}'s step, fingerprint and event, with the run's id left out. */
  private static List<Object> rows(Ledger ledger, FingerprintStore store, Connection c, String run) throws Exception {
    StepRecord s = ledger.steps(c, run).get(0);
    EventRecord e = ledger.events(c, run).get(0);
    return List.of(List.of(s.index(), s.stepId(), s.kind(), s.state(), s.statementsTotal(), s.statementsDone(),
            s.rollbackDone(), s.rowsAffected(), s.attempts(), s.actor(), s.startedAt(), s.endedAt(), s.detail(),
            String.valueOf(s.error())),
        store.load(c, run, "step:b").orElseThrow(),
        List.of(e.at(), e.type(), e.stepId(), e.actor(), e.detail(), String.valueOf(e.keyId())));
  }
}
