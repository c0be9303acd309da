package backstep.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.testing.Approve;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Automatic rollback when the database says so: a breach sustained for its window rolls the run back with the
 * evidence in the ledger; a spike shorter than the window is recorded as transient and the run goes on.
 */
class GuardsIT {
  private static Playbook playbook(String slowStep) throws Exception {
    return new PlaybookLoader(null).parse(Path.of("guarded.yaml"), """
        id: guarded
        title: A change watched by a canary guard
        intent: test guards
        telemetry: {interval: 200ms, baseline: 600ms}
        canary: SELECT * FROM customers WHERE id = 1
        guards:
          - metric: canary_ms
            aggregate: latest
            above: 120
            window: 1s
            action: rollback
        steps:
          - id: add-col
            kind: sql
            title: Add a column to another table
            forward: ALTER TABLE other ADD COLUMN c INT
            rollback: ALTER TABLE other DROP COLUMN c
            verify:
              - sql: >
                  SELECT count(*) FROM information_schema.columns
                  WHERE table_schema = '${schema}' AND table_name = 'other' AND column_name = 'c'
                expect: 1
          - id: slow
            kind: sql
            title: Slow step
            forward:
              postgresql: |
        %s
            rollback:
              postgresql: SELECT 1
            verify:
              - sql: SELECT count(*) FROM pg_class WHERE relname = 'never_there'
                expect: 1
        """.formatted(slowStep.indent(10).stripTrailing()));
  }

  private static List<EventRecord> events(Database db, String runId) throws SQLException {
    try (Connection c = db.connection()) {
      return new Ledger(db).events(c, runId);
    }
  }

  @Test
  void aSustainedCanaryBreachCancelsTheStepAndRollsBackWithEvidence() throws Exception {
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      scratch.exec("CREATE TABLE customers (id INT PRIMARY KEY)", "INSERT INTO customers VALUES (1)",
          "CREATE TABLE other (id INT PRIMARY KEY)");
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open()) {
        Playbook pb = playbook("""
            LOCK TABLE customers IN ACCESS EXCLUSIVE MODE;
            SELECT pg_sleep(30);""");
        long t0 = System.nanoTime();
        RunResult r = Engine.join(engine.apply(db, pb, RunOptions.defaults(), new Approve("ana", null),
            new RunListener() { }));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(RunState.ROLLED_BACK, r.state(), () -> String.valueOf(r));
        assertTrue(ms < 15_000, "the 30 s step was cancelled, took " + ms + " ms");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("rolled back automatically")), r.notes()::toString);
        List<EventRecord> ev = events(db, r.runId());
        EventRecord action = ev.stream().filter(e -> e.type().equals("GUARD_ACTION")).findFirst().orElseThrow();
        assertTrue(action.detail().contains("\"metric\":\"canary_ms\""), action.detail());
        assertTrue(action.detail().contains("\"window_ms\":1000"), action.detail());
        assertTrue(action.detail().contains("\"values\":["), action.detail());
        assertTrue(action.detail().contains("\"threshold\":120"), action.detail());
        assertTrue(ev.stream().anyMatch(e -> e.type().equals("STEP_ROLLED_BACK") && "add-col".equals(e.stepId())),
            "the applied step was undone");
        assertTrue(ev.stream().anyMatch(e -> e.type().equals("RUN_ROLLED_BACK")));
      }
      try (Connection c = scratch.connect(); var rs = c.createStatement().executeQuery(
          "SELECT count(*) FROM information_schema.columns WHERE table_name = 'other'")) {
        rs.next();
        assertEquals(1, rs.getInt(1), "column c was rolled back");
      }
    }
  }

  @Test
  void aTransientSpikeIsRecordedAndIgnored() throws Exception {
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      scratch.exec("CREATE TABLE customers (id INT PRIMARY KEY)", "INSERT INTO customers VALUES (1)",
          "CREATE TABLE other (id INT PRIMARY KEY)");
      Connection spike = scratch.connect();
      spike.setAutoCommit(false);
      RunListener releaseOnBreach = new RunListener() {
        @Override
        public void guard(String description) {
          if (description.startsWith("guard breach")) {
            try {
              spike.commit();
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        }

        @Override
        public void stepStarted(int index, int total, String stepId, String title,
            backstep.engine.Direction direction) {
          if (stepId.equals("slow")) {
            try {
              spike.createStatement().execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE");
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        }
      };
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open(); spike) {
        RunResult r = Engine.join(engine.apply(db, playbook("SELECT pg_sleep(2.5);"), RunOptions.defaults(),
            new Approve("ana", null), releaseOnBreach));
        List<EventRecord> ev = events(db, r.runId());
        assertTrue(ev.stream().anyMatch(e -> e.type().equals("GUARD") && e.detail().contains("\"kind\":\"BREACH\"")),
            ev::toString);
        assertTrue(ev.stream().anyMatch(e -> e.type().equals("GUARD")
            && e.detail().contains("\"kind\":\"TRANSIENT\"")), ev::toString);
        assertTrue(ev.stream().noneMatch(e -> e.type().equals("GUARD_ACTION")), ev::toString);
        assertEquals(RunState.FAILED, r.state(), "the slow step's verify fails by design; no guard acted: " + r);
        assertTrue(r.error().contains("verify did not pass"), r.error());
      }
    }
  }
}
