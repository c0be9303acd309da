package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.testing.Approve;
import backstep.testing.Await;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 8, in-process): a check with {@code on_fail: rollback} runs on the run's work
 * connection; when that connection is lost during the check (the server ended the session), the check fails and asks
 * for a rollback — which ran on the dead connection and ended {@code ROLLBACK_FAILED}, the table left behind. The
 * automatic rollback now takes a fresh work connection whenever the old one is lost, statement in flight or not.
 */
class CheckLosesWorkIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aCheckThatLosesTheWorkConnectionIsRolledBackOnAFreshOne(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      // the check sleeps only once the gadgets table exists (its baseline before the run returns at once); the
      // test ends the session that has slept for a while (not the baseline's quick one), as a DBA's kill would
      Playbook pb = new PlaybookLoader(null).parse(Path.of("lose.yaml"), """
          id: lose-work
          title: A check that loses its connection
          intent: test the automatic rollback after the work connection is lost
          steps:
            - id: create
              kind: sql
              title: Create gadgets
              forward: CREATE TABLE gadgets (id INT PRIMARY KEY)
              rollback: DROP TABLE gadgets
          checks:
            - name: gadgets settle
              sql:
                postgresql: SELECT CASE WHEN to_regclass('gadgets') IS NULL THEN 0 ELSE (SELECT 0 FROM pg_sleep(60)) END
                mysql: >-
                  SELECT IF((SELECT count(*) FROM information_schema.tables
                  WHERE table_schema = DATABASE() AND table_name = 'gadgets') = 0, 0, SLEEP(60))
              expect: 0
              when: [after_forward]
              on_fail: rollback
          """);
      AtomicBoolean killed = new AtomicBoolean();
      AtomicReference<Throwable> notKilled = new AtomicReference<>();
      Thread killer = new Thread(() -> {
        try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
          Await.until("the check's session sleeping", Duration.ofSeconds(90), Duration.ofMillis(50), () -> {
            try (ResultSet rs = st.executeQuery(pg
                ? "SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()"
                  + " AND state = 'active' AND clock_timestamp() - query_start > interval '400 milliseconds'"
                : "SELECT id FROM information_schema.processlist WHERE info LIKE '%SLEEP(60)%'"
                  + " AND id <> CONNECTION_ID() AND time_ms > 400")) {
              if (!rs.next()) {
                return false;
              }
              long id = rs.getLong(1);
              rs.close();
              st.execute(pg ? "SELECT pg_terminate_backend(" + id + ")" : "KILL CONNECTION " + id);
              killed.set(true);
              return true;
            }
          });
        } catch (Exception | AssertionError e) {
          notKilled.set(e); // the assertion on killed below says so, with this and the run's result
        }
      });
      killer.setDaemon(true);
      killer.start();
      try (Database db = scratch.open()) {
        Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
        RunResult r = Engine.join(engine.apply(db, pb, RunOptions.defaults(), new Approve("ana", null),
            new RunListener() { }));
        killer.join(100_000);
        assertTrue(killed.get(), () -> "the check's session was ended: " + r + "; " + notKilled.get());
        assertEquals(RunState.ROLLED_BACK, r.state(), r::toString);
        assertTrue(r.proof() != null && r.proof().verdict() == Proof.Verdict.PROVEN, r::toString);
      }
      assertTrue(scratch.dump().stream().noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("gadgets")),
          "the table is gone");
    }
  }
}
