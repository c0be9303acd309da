package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Run and step states cross the ledger as enums: written by name into the {@code state} columns and read straight
 * back into {@link RunState} and {@link StepState} (regression: they crossed as strings and were parsed back about
 * twenty times, and a comparison with a misspelt name compiled).
 */
class LedgerStatesIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void statesAreWrittenByNameAndReadBackAsEnums(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open(); Connection c = db.connection()) {
      Ledger ledger = new Ledger(db);
      ledger.ensureSchema(c);
      ledger.loadHead(c);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      RunRecord run = new RunRecord("run-states", "CHG-states", "t", "pb", 1, "0".repeat(64), "pb.yaml",
          db.dialect().name(), RunState.ROLLING_BACK, "ana", "ana", "host", 7, null, now, now, null, null);
      ledger.insertRun(c, run, "id: pb");
      ledger.append(c, run.runId(), EventType.RUN_STARTED, null, "ana", "{}", now);
      ledger.upsertStep(c, new StepRecord(run.runId(), 0, "s1", "sql", StepState.ROLLBACK_FAILED, 1, 1, 0, 0, 1,
          "ana", now, null, null, "boom"));

      assertEquals(RunState.ROLLING_BACK, ledger.run(c, "CHG-states").orElseThrow().state());
      assertEquals(StepState.ROLLBACK_FAILED, ledger.steps(c, run.runId()).get(0).state());
      assertEquals(List.of("run-states"), ledger.runsInStates(c, RunState.unsettled()).stream()
          .map(RunRecord::runId).toList());
      assertTrue(ledger.runsInStates(c, EnumSet.of(RunState.APPLIED, RunState.ROLLED_BACK)).isEmpty());

      String runs = kind == ScratchDb.Kind.POSTGRES ? "backstep.run" : "backstep_run";
      String steps = kind == ScratchDb.Kind.POSTGRES ? "backstep.step_exec" : "backstep_step_exec";
      assertEquals("ROLLING_BACK", text(c, "SELECT state FROM " + runs), "stored by name, as older ledgers hold it");
      assertEquals("ROLLBACK_FAILED", text(c, "SELECT state FROM " + steps));

      ledger.updateRun(c, run.withState(RunState.ROLLED_BACK, now, null).ended(now));
      assertEquals(RunState.ROLLED_BACK, ledger.run(c, "run-states").orElseThrow().state());
      c.createStatement().execute("UPDATE " + runs + " SET state = 'PAUSED'");
      assertEquals(RunState.PAUSED, ledger.runs(c, null, 10).get(0).state(), "a row written as text reads back");
    }
  }

  private static String text(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }
}
