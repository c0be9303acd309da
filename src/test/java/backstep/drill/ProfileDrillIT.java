package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.DemoSchema;
import backstep.engine.Engine;
import backstep.engine.Sleeper;
import backstep.playbook.PlaybookLoader;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The sample drill whose workload is a captured traffic profile ({@code workload: profile:}) runs headless end to
 * end: the profile's statements are replayed at its speed-up (inserts with fresh keys and existing customers, updates
 * and reads of existing rows), the drill scores in full, and the debrief says the replay journals no writes.
 */
class ProfileDrillIT {
  @Test
  void aDrillReplaysACapturedProfileAndScores() throws Exception {
    Drill drill = new DrillLoader().load(Path.of("drills", "replayed-traffic.yaml"));
    assertTrue(drill.workload().profile() != null);
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      try (Connection c = scratch.connect()) {
        DemoSchema.seed(c, org.jooq.SQLDialect.POSTGRES, false);
      }
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      try (Database db = scratch.open()) {
        DrillResult r = new DrillRunner(engine, Clock.systemUTC()).run(drill,
            new PlaybookLoader(null).load(drill.playbook()), db, new DrillRunner.Options("ana",
                DrillRunner.Options.headless("ana").decisions(), true, null), null);
        String why = String.join("\n", r.timeline().stream().map(e -> e.at() + " " + e.kind() + " " + e.source()
            + ": " + e.text()).toList()) + "\n" + r.score() + "\n" + r.workload();
        assertEquals(backstep.state.RunState.APPLIED, r.finalState(), why);
        assertTrue(r.passed(), why);
        assertTrue(r.timeline().stream().anyMatch(e -> e.text().contains("replaying the profile of shop-staging at "
            + "1.5×")), why);
        assertTrue(r.workload().operations() > 100, why);
        assertTrue(r.workload().writes() > 0 && r.workload().reads() > 0, why);
        assertEquals(0, r.workload().errors(), why);
        assertTrue(r.lostWrites().method().contains("journals no writes"), r.lostWrites()::toString);
      }
    }
  }
}
