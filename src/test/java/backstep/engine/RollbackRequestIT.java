package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.testing.Approve;
import backstep.testing.Await;
import backstep.testing.HeldTable;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A person's ROLL BACK while a run is under way: a step waiting on another session's lock is cancelled at once (not
 * after its lock timeout), no further step starts, and what the run applied is rolled back in the same session and
 * proven, with who asked and when in the ledger. The blocking session is left alone.
 */
class RollbackRequestIT {
  private static Playbook playbook(ScratchDb.Kind kind) throws Exception {
    return new PlaybookLoader(null).parse(Path.of("request.yaml"), HeldTable.notesThenColumn(kind));
  }

  private static long sessionId(Connection c, ScratchDb.Kind kind) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(
        kind == ScratchDb.Kind.POSTGRES ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether session {@code id} waits on a lock now (a row lock or, on MariaDB, a table's metadata lock). */
  private static boolean waitsOnALock(ScratchDb db, long id) throws SQLException {
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        db.kind() == ScratchDb.Kind.POSTGRES
            ? "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = " + id
            : "SELECT STATE LIKE 'Waiting for%lock' FROM information_schema.PROCESSLIST WHERE ID = " + id)) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private static int count(ScratchDb db, String table, String column) throws SQLException {
    String schema = db.kind() == ScratchDb.Kind.POSTGRES ? "current_schema()" : "DATABASE()";
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = " + schema + " AND table_name = '"
            + table + "'" + (column == null ? "" : " AND column_name = '" + column + "'"))) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aStepWaitingOnALockIsCancelledAndTheRunRolledBackWithProof(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      Connection blocker = HeldTable.hold(scratch);
      long blockerId = sessionId(blocker, kind);
      AtomicLong work = new AtomicLong();
      RunListener l = new RunListener() {
        @Override
        public void workSession(long id) {
          work.set(id);
        }
      };
      RollbackRequest asked = new RollbackRequest();
      Engine engine = new Engine(Clock.systemUTC(), d -> { }, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open(); blocker) {
        CompletableFuture<RunResult> run = engine.apply(db, playbook(kind),
            RunOptions.defaults().withRollbackRequest(asked), new Approve("ana", null), l);
        Await.until("the step waits on the blocker's lock", Duration.ofSeconds(60),
            () -> work.get() != 0 && waitsOnALock(scratch, work.get()));
        Instant at = Instant.now();
        asked.request("ana", at);
        // the step's lock timeout is 120 s: a result well before it means the wait was cancelled, not timed out
        RunResult r = run.get(60, TimeUnit.SECONDS);
        assertEquals(RunState.ROLLED_BACK, r.state(), () -> String.valueOf(r));
        assertEquals(Proof.Verdict.PROVEN, r.proof().verdict(), () -> r.proof().describe());
        assertEquals(StepState.ROLLED_BACK, r.steps().get(0).state(), "the notes table was undone");
        assertEquals(StepState.FAILED, r.steps().get(1).state(), "the waiting step was cancelled");
        assertTrue(r.steps().get(1).error().contains("ana asked to roll back"), r.steps().get(1).error());
        assertEquals(StepState.PENDING, r.steps().get(2).state(), "no step started after the request");
        try (Connection c = db.connection()) {
          List<EventRecord> events = new Ledger(db).events(c, r.runId());
          EventRecord started = events.stream().filter(e -> e.type().equals("ROLLBACK_STARTED")).findFirst()
              .orElseThrow(() -> new AssertionError("no ROLLBACK_STARTED in " + events));
          assertTrue(started.detail().contains("\"requested_by\":\"ana\"")
              && started.detail().contains("\"requested_at\":\"" + at + "\""), started.detail());
        }
        assertEquals(0, count(scratch, "order_note", null), "the notes table is gone");
        assertEquals(1, count(scratch, "t", null), "t has no column c");
        assertTrue(blocker.isValid(5), "the blocking session is left alone");
        assertEquals(blockerId, sessionId(blocker, kind));
      }
    }
  }

  /**
   * A request made while a step waits out a lock retry's backoff ends the wait at once: the step is not retried, and
   * the run is rolled back long before the backoff would have ended (a real sleeper, a 120 s backoff).
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aRequestDuringARetrysBackoffEndsTheWaitAtOnce(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      Connection blocker = HeldTable.hold(scratch);
      RollbackRequest asked = new RollbackRequest();
      java.util.concurrent.CountDownLatch retrying = new java.util.concurrent.CountDownLatch(1);
      RunListener l = new RunListener() {
        @Override
        public void retrying(String stepId, int attempt, int of, Duration wait, String reason) {
          retrying.countDown();
        }
      };
      Playbook pb = new PlaybookLoader(null).parse(Path.of("backoff.yaml"), """
          id: column-behind-a-lock
          title: A column behind a lock, retried after a long backoff
          intent: test
          steps:
            - id: add
              kind: sql
              title: Add a column to t
              forward: ALTER TABLE t ADD COLUMN c INT
              rollback: ALTER TABLE t DROP COLUMN c
              guards: {lock_timeout: 1s, retries: 3, backoff: 120s, max_backoff: 120s}
          """);
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open(); blocker) {
        CompletableFuture<RunResult> run = engine.apply(db, pb, RunOptions.defaults().withRollbackRequest(asked),
            new Approve("ana", null), l);
        assertTrue(retrying.await(60, TimeUnit.SECONDS), "the step's first attempt timed out and waits to retry");
        asked.request("ana", Instant.now());
        // the backoff is 120 s: a result well before it means the wait ended with the request
        RunResult r = run.get(60, TimeUnit.SECONDS);
        assertEquals(StepState.FAILED, r.steps().get(0).state(), () -> String.valueOf(r));
        assertTrue(r.steps().get(0).error().contains("ana asked to roll back"), r.steps().get(0).error());
        assertEquals(RunState.ROLLED_BACK, r.state(), () -> String.valueOf(r));
        assertEquals(Proof.Verdict.PROVEN, r.proof().verdict(), () -> r.proof().describe());
        assertEquals(1, count(scratch, "t", null), "t has no column c");
        assertTrue(blocker.isValid(5), "the blocking session is left alone");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aRequestBetweenStepsStartsNoOtherStep(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      scratch.exec("CREATE TABLE t (id INT PRIMARY KEY)");
      RollbackRequest asked = new RollbackRequest();
      RunListener l = new RunListener() {
        @Override
        public void stepFinished(StepResult result, Direction direction) {
          if (result.id().equals("notes") && direction == Direction.FORWARD) {
            asked.request("bo", Instant.now());
          }
        }
      };
      Engine engine = new Engine(Clock.systemUTC(), d -> { }, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open()) {
        RunResult r = Engine.join(engine.apply(db, playbook(kind), RunOptions.defaults().withRollbackRequest(asked),
            new Approve("bo", null), l));
        assertEquals(RunState.ROLLED_BACK, r.state(), () -> String.valueOf(r));
        assertEquals(Proof.Verdict.PROVEN, r.proof().verdict(), () -> r.proof().describe());
        assertEquals(StepState.PENDING, r.steps().get(1).state(), "the column step never started");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("rolled back at the operator's request")),
            () -> String.valueOf(r.notes()));
        backstep.ledger.LedgerReader reader = new backstep.ledger.LedgerReader(db);
        String md = backstep.report.ChangeReports.summary(reader.run(r.changeId()), reader.verifyChain(),
            backstep.report.ChangeReports.Format.MD);
        assertTrue(md.contains("rollback asked by bo during the run"), md);
        assertTrue(!md.contains("automatic:"), "a person's rollback is not automatic: " + md);
      }
      assertEquals(0, count(scratch, "order_note", null));
      assertEquals(1, count(scratch, "t", null));
    }
  }
}
