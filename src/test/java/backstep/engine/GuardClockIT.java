package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 7): {@code Watch} built its {@code GuardMonitor} on the system clock instead of
 * the engine's injected one, so guard windows and the times in guard events did not follow the clock a test, a drill
 * or a replay gives the engine. With an engine clock ten years ahead, every guard event's time is ten years ahead.
 */
class GuardClockIT {
  private static final Duration AHEAD = Duration.ofDays(3653);

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void guardEventsTakeTheirTimeFromTheEnginesClock(ScratchDb.Kind kind) throws Exception {
    Playbook pb = new PlaybookLoader(null).parse(Path.of("clocked.yaml"), """
        id: clocked
        title: Guard times follow the engine's clock
        intent: test the injected clock
        telemetry: {interval: 200ms, baseline: 400ms}
        guards:
          - metric: active_connections
            above: 0
            window: 400ms
            action: alert
        steps:
          - id: soak
            kind: observe
            title: Soak while the guard alerts
            duration: 2s
            min_samples: 3
        """);
    Clock ahead = Clock.offset(Clock.systemUTC(), AHEAD);
    Engine engine = new Engine(ahead, Sleeper.REAL, Executors.newSingleThreadExecutor());
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open()) {
      Instant before = Instant.now();
      RunResult r = Engine.join(engine.apply(db, pb, RunOptions.defaults(), new Approve("ana", null),
          new RunListener() { }));
      assertEquals(RunState.APPLIED, r.state(), r::toString);
      List<EventRecord> guards;
      try (Connection c = db.connection()) {
        guards = new Ledger(db).events(c, r.runId()).stream().filter(e -> e.type().equals("GUARD")).toList();
      }
      assertFalse(guards.isEmpty(), "the always-breached guard alerted");
      for (EventRecord g : guards) {
        String at = g.detail().replaceAll(".*\"at\":\"([^\"]+)\".*", "$1");
        Instant when = Instant.parse(at);
        assertTrue(when.isAfter(before.plus(AHEAD).minusSeconds(60)), "guard time from the engine's clock: " + at);
      }
    }
  }
}
