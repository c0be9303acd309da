package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.DemoSchema;
import backstep.engine.Engine;
import backstep.engine.Sleeper;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.testing.Approve;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The console's way: no auto-operator; a person sees the alert and presses "roll back" on the session from
 * another thread. The decision is theirs, the attempt is not automatic, and it still scores in full.
 */
class DrillSessionIT {
  /**
   * Runs {@code drill} on a seeded scratch PostgreSQL as the console does: ana presses "roll back" on the session
   * from another thread, {@code after} the first alert whose text contains {@code alert}.
   */
  private static DrillResult rolledBackByAna(Drill drill, String alert, long after) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      try (Connection c = scratch.connect()) {
        DemoSchema.seed(c, org.jooq.SQLDialect.POSTGRES, false);
      }
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      AtomicReference<DrillSession> session = new AtomicReference<>();
      CompletableFuture<Void> pressed = new CompletableFuture<>();
      DrillListener console = new DrillListener() {
        @Override
        public void alert(TimelineEvent e) {
          if (e.text().contains(alert) && pressed.complete(null)) {
            // the console's button handler, on its own thread
            CompletableFuture.runAsync(() -> session.get().rollback("ana"),
                CompletableFuture.delayedExecutor(after, TimeUnit.MILLISECONDS));
          }
        }
      };
      try (Database db = scratch.open()) {
        DrillSession s = new DrillRunner(engine, Clock.systemUTC()).start(drill,
            new PlaybookLoader(null).load(drill.playbook()), db,
            new DrillRunner.Options("ana", new Approve("ana", null), false, null), console);
        session.set(s);
        return s.result().get(120, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aPersonDecidesThroughTheSession() throws Exception {
    DrillResult r = rolledBackByAna(new DrillLoader().load(Path.of("drills/failed-backfill.yaml")), "failed", 500);
    assertFalse(r.automatic());
    assertEquals(RunState.ROLLED_BACK, r.finalState(), r.timeline()::toString);
    assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEvent.Kind.DECISION
        && e.source().equals("ana")), r.timeline()::toString);
    assertTrue(r.timeline().stream().noneMatch(e -> e.source().equals(AutoOperator.NAME)), r.timeline()::toString);
    assertTrue(r.passed(), () -> r.score().toString());
    assertEquals(0, r.lostWrites().lost());
  }

  /**
   * ROLL BACK decided while the change's ALTER waits on the drill's lock fault (held 60 s here, the step retrying its
   * 200 ms lock timeout up to 20 times): the change stops at once — the step does not retry to its limit — and is
   * rolled back in the same run, the step's failure naming who asked.
   */
  @Test
  void aRollBackDecidedWhileTheStepWaitsOnALockStopsTheChangeAtOnce(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("lock-pileup-long.yaml");
    java.nio.file.Files.writeString(file, java.nio.file.Files.readString(Path.of("drills/lock-pileup.yaml"))
        .replace("duration: 3s", "duration: 60s")
        .replace("playbook: playbooks/", "playbook: " + Path.of("drills/playbooks").toAbsolutePath() + "/"));
    DrillResult r = rolledBackByAna(new DrillLoader().load(file), "retry", 0);
    assertEquals(RunState.ROLLED_BACK, r.finalState(), r.timeline()::toString);
    assertTrue(r.timeline().stream().anyMatch(e -> e.text().contains("add-column")
        && e.text().contains("ana asked to roll back")), r.timeline()::toString);
    assertTrue(r.timeline().stream().noneMatch(e -> e.text().contains("gave up after")), r.timeline()::toString);
    assertTrue(r.timeline().stream().noneMatch(e -> e.text().contains("retry 20/")), r.timeline()::toString);
  }
}
