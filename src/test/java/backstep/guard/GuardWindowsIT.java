package backstep.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.engine.Direction;
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
import backstep.testing.Knob;
import backstep.testing.Pace;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guard windows on both families against a canary whose latency the test sets (a knob row the canary sleeps by):
 * a noisy sustained regression — slow, with a fast sample every third tick — rolls the run back; one slow sample
 * is recorded as transient and the run goes on. Regression: issue 16, a guard that reset on one fast sample read a
 * noisy regression as a series of transient spikes.
 */
class GuardWindowsIT {
  private static Playbook playbook(int soakSeconds) throws Exception {
    return new PlaybookLoader(null).parse(Path.of("windows.yaml"), """
        id: windows
        title: A change watched by a median guard
        intent: test guard windows
        telemetry: {interval: 200ms, baseline: 1s}
        %sguards:
          - metric: canary_ms
            above: 3x baseline
            window: 1s
            action: rollback
        steps:
        %s  - id: soak
            kind: sql
            title: Soak
            forward:
              postgresql: SELECT pg_sleep(%d)
              mysql: SELECT SLEEP(%d)
            rollback: SELECT 1
        """.formatted(Knob.CANARY, Knob.ADD_COLUMN_STEP, soakSeconds, soakSeconds));
  }

  /**
   * Sets the canary's delay to {@code delayMs(tick)} every 100 ms for 60 ticks (then none) once the soak step runs:
   * the delay over time is the load the guards' windows are tested against. A paced driver ({@link Pace}, at a fixed
   * rate as the guards' sampler itself runs), closed with the run; a failed update fails the test.
   */
  private static final class KnobDriver implements RunListener, AutoCloseable {
    private final ScratchDb scratch;
    private final IntFunction<Integer> delayMs;
    private final AtomicReference<Connection> conn = new AtomicReference<>();
    private volatile Pace pace;

    KnobDriver(ScratchDb scratch, IntFunction<Integer> delayMs) {
      this.scratch = scratch;
      this.delayMs = delayMs;
    }

    @Override
    public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
      if (stepId.equals("soak") && direction == Direction.FORWARD) {
        pace = Pace.atFixedRate("knob", Duration.ofMillis(100), this::tick);
      }
    }

    private boolean tick(int n) throws SQLException {
      if (conn.get() == null) {
        conn.set(scratch.connect());
      }
      try (Statement st = conn.get().createStatement()) {
        st.execute("UPDATE knob SET delay_s = " + (n < 60 ? delayMs.apply(n) / 1000.0 : 0));
      }
      return n < 60;
    }

    /** Stops the knob; fails if an update failed or the soak never started it. */
    @Override
    public void close() throws Exception {
      Pace p = pace;
      assertNotNull(p, "the soak step never started");
      p.close();
      Connection c = conn.get();
      if (c != null) {
        c.close();
      }
      p.done().getNow(0); // a failed update's exception, if any
    }
  }

  private static RunResult run(ScratchDb scratch, Playbook pb, IntFunction<Integer> delayMs) throws Exception {
    Knob.create(scratch);
    Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
    try (Database db = scratch.open(); KnobDriver knob = new KnobDriver(scratch, delayMs)) {
      return Engine.join(engine.apply(db, pb, RunOptions.defaults(), new Approve("ana", null), knob));
    }
  }

  private static List<EventRecord> events(ScratchDb scratch, String runId) throws Exception {
    try (Database db = scratch.open(); Connection c = db.connection()) {
      return new Ledger(db).events(c, runId);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aNoisySustainedRegressionRollsBack(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      // 120 ms (four times the 30 ms threshold: 3 × the 10 ms floor), but every third 100 ms tick fast
      RunResult r = run(scratch, playbook(20), tick -> tick % 3 == 2 ? 0 : 120);
      assertEquals(RunState.ROLLED_BACK, r.state(), () -> String.valueOf(r));
      List<EventRecord> ev = events(scratch, r.runId());
      EventRecord action = ev.stream().filter(e -> e.type().equals("GUARD_ACTION")).findFirst().orElseThrow();
      assertTrue(action.detail().contains("\"verdict\":\"p50 of "), action.detail());
      assertTrue(action.detail().contains("\"baseline\":10.0"), "the floor: " + action.detail());
      assertTrue(ev.stream().noneMatch(e -> e.detail().contains("\"kind\":\"TRANSIENT\"")),
          "a fast sample did not end the breach: " + ev);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void oneSlowSampleIsTransient(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      // 150 ms for 200 ms (one, at most two samples of a 1 s window), then quiet
      RunResult r = run(scratch, playbook(3), tick -> tick >= 3 && tick < 5 ? 150 : 0);
      assertEquals(RunState.APPLIED, r.state(), () -> String.valueOf(r));
      List<EventRecord> ev = events(scratch, r.runId());
      assertTrue(ev.stream().anyMatch(e -> e.type().equals("GUARD") && e.detail().contains("\"kind\":\"TRANSIENT\"")),
          ev::toString);
      assertTrue(ev.stream().noneMatch(e -> e.type().equals("GUARD_ACTION")), ev::toString);
    }
  }
}
