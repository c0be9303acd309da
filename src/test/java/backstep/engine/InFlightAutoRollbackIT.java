package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.testing.Approve;
import backstep.testing.CuttingProxy;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 8, in-process): a guard rolls a run back in the same process while a statement
 * that commits by itself (PostgreSQL {@code CREATE INDEX CONCURRENTLY}, MariaDB DDL) is in flight and its connection
 * is lost — the guard's cancel never reached the server, which goes on and commits it. The automatic rollback ran on
 * the lost work connection and never asked the database what became of the statement. Now it decides from the
 * database, on a fresh work connection (waiting for the server to end the statement), as {@code resume} and
 * {@code rollback} do after a crash, and undoes what took effect: the run ends rolled back, proven, index gone.
 */
class InFlightAutoRollbackIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aGuardsRollbackDecidesALostStatementFromTheDatabase(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb scratch = ScratchDb.create(kind);
        CuttingProxy proxy = new CuttingProxy(pg ? 5432 : 3306, "orders_note_cut_idx")) {
      scratch.exec("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40))",
          "INSERT INTO orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      Playbook pb = new PlaybookLoader(null).parse(Path.of("cut.yaml"), """
          id: cut-index
          title: An index whose statement loses its connection
          intent: test the in-flight check of an automatic rollback
          telemetry: {interval: 200ms, baseline: 600ms}
          guards:
            - metric: lock_waiters
              aggregate: latest
              above: 0
              window: 600ms
              action: rollback
          steps:
            - id: index
              kind: sql
              title: Index the notes
              forward:
                postgresql: CREATE INDEX CONCURRENTLY orders_note_cut_idx ON orders (note)
                mysql: ALTER TABLE orders ADD INDEX orders_note_cut_idx (note)
              rollback:
                postgresql: DROP INDEX CONCURRENTLY IF EXISTS orders_note_cut_idx
                mysql: ALTER TABLE orders DROP INDEX orders_note_cut_idx
              guards: {lock_timeout: 60s, retries: 0}
          """);
      String url = scratch.url().replace(pg ? ":5432/" : ":3306/", ":" + proxy.port() + "/");
      try (Connection blocker = scratch.connect();
          Database db = Database.open(new TargetSpec(scratch.name(), url, scratch.user(), null,
              EnvironmentClass.SANDBOX), null, Path.of("target"), false)) {
        blocker.setAutoCommit(false);
        try (Statement st = blocker.createStatement()) {
          st.executeUpdate("UPDATE orders SET note = 'held' WHERE id = 1"); // the DDL waits behind this
        }
        // the server still runs the statement while the rollback asks about it: the blocker holds until the
        // rollback has found it running and waits for it to end (was a fixed 1.5 s after the cut)
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        Thread release = new Thread(() -> {
          try {
            if (proxy.cut.await(120, TimeUnit.SECONDS)) {
              asked.await(120, TimeUnit.SECONDS);
            }
            blocker.commit();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        release.start();
        Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
        RunResult r = Engine.join(engine.apply(db, pb, RunOptions.defaults(), new Approve("ana", null),
            new RunListener() {
              @Override
              public void note(String message) {
                if (message.contains("is still running in session")) {
                  asked.countDown();
                }
              }
            }));
        release.join(130_000);
        assertEquals(1, 1 - proxy.cut.getCount(), "the guard's cancel cut the statement's connection: " + r);
        assertEquals(0, asked.getCount(), "the rollback found the statement still running: " + r.notes());
        assertEquals(RunState.ROLLED_BACK, r.state(), r::toString);
        assertTrue(r.proof() != null && r.proof().verdict() == Proof.Verdict.PROVEN,
            r::toString);
        List<EventRecord> events;
        try (Connection c = db.connection()) {
          events = new Ledger(db).events(c, r.runId());
        }
        assertTrue(events.stream().anyMatch(e -> e.type().equals("STATEMENT_RECOVERED")
            && e.detail().contains("\"verdict\":\"TOOK_EFFECT\"")), events::toString);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("was in flight when its connection was lost: it "
            + "took effect")), r.notes()::toString);
      }
      assertTrue(scratch.dump().stream().noneMatch(l -> l.contains("orders_note_cut_idx")), "the index is gone");
    }
  }
}
