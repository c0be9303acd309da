package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pile-up guard: a step blocked by another session's lock gives up its lock wait quickly instead of queueing
 * traffic behind it, backs off, retries, and succeeds once the blocker ends — or gives up at the limit and leaves
 * the target untouched.
 */
class LockTimeoutRetryIT {
  private static Playbook playbook(int retries) throws Exception {
    return new PlaybookLoader(null).parse(Path.of("lock.yaml"), """
        id: add-col
        title: Add a column behind a lock
        intent: test
        steps:
          - id: add
            kind: sql
            title: Add column
            forward: ALTER TABLE t ADD COLUMN c INT
            rollback: ALTER TABLE t DROP COLUMN c
            verify:
              - sql: >
                  SELECT count(*) FROM information_schema.columns
                  WHERE table_schema = '${schema}' AND table_name = 't' AND column_name = 'c'
                expect: 1
            guards: {lock_timeout: 200ms, retries: %d, backoff: 50ms, max_backoff: 400ms}
        """.formatted(retries));
  }

  /** Holds a lock that conflicts with ALTER TABLE t until released. */
  private static Connection blocker(ScratchDb db) throws SQLException {
    Connection c = db.connect();
    c.setAutoCommit(false);
    c.createStatement().execute(db.kind() == ScratchDb.Kind.POSTGRES
        ? "LOCK TABLE t IN ACCESS SHARE MODE" : "SELECT * FROM t");
    return c;
  }

  private static int columns(ScratchDb db) throws SQLException {
    try (Connection c = db.connect(); var rs = c.createStatement().executeQuery(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND table_schema = "
            + (db.kind() == ScratchDb.Kind.POSTGRES ? "current_schema()" : "DATABASE()"))) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void retriesUntilTheBlockerEndsThenSucceeds(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      scratch.exec("CREATE TABLE t (id INT PRIMARY KEY)");
      Connection blocker = blocker(scratch);
      long blockerPid;
      try (var rs = blocker.createStatement().executeQuery(
          kind == ScratchDb.Kind.POSTGRES ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
        rs.next();
        blockerPid = rs.getLong(1);
      }
      List<Duration> waits = new ArrayList<>();
      RunListener releaseOnSecondRetry = new RunListener() {
        @Override
        public void retrying(String stepId, int attempt, int max, Duration wait, String reason) {
          if (attempt == 2) {
            try {
              blocker.commit();
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        }
      };
      Engine engine = new Engine(Clock.systemUTC(), waits::add, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open(); blocker) {
        RunResult r = Engine.join(engine.apply(db, playbook(5), RunOptions.defaults(), new Approve("ana", null),
            releaseOnSecondRetry));
        assertEquals(RunState.APPLIED, r.state(), () -> String.valueOf(r));
        assertEquals(3, r.steps().get(0).attempts(), "two lock timeouts, then success");
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100)), waits, "exponential backoff");
        try (Connection c = db.connection()) {
          List<EventRecord> events = new Ledger(db).events(c, r.runId());
          assertEquals(2, events.stream().filter(e -> e.type().equals("STEP_RETRY")).count());
          assertTrue(events.stream().anyMatch(e -> e.type().equals("STEP_RETRY") && e.detail().contains("lock")));
          assertTrue(events.stream().anyMatch(e -> e.type().equals("STEP_RETRY")
              && e.detail().contains("\"pid\":" + blockerPid)), "the blocking session is named: " + events);
        }
      }
      assertEquals(2, columns(scratch));
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void givesUpAtTheLimitAndLeavesTheTargetUntouched(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      scratch.exec("CREATE TABLE t (id INT PRIMARY KEY)");
      Connection blocker = blocker(scratch);
      Engine engine = new Engine(Clock.systemUTC(), d -> { }, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open()) {
        RunResult r = Engine.join(engine.apply(db, playbook(2), RunOptions.defaults(), new Approve("ana", null),
            new RunListener() { }));
        assertEquals(RunState.ABORTED, r.state(), "failed with nothing applied: " + r);
        assertTrue(r.error().contains("gave up after 3 attempts"), r.error());
        assertEquals(3, r.steps().get(0).attempts());
      }
      assertEquals(1, columns(scratch), "the table is untouched");
      blocker.close();
    }
  }
}
