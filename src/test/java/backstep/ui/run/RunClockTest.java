package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Regression: the run clock started again at 00:00 on each resume. */
class RunClockTest {
  private static final Instant T0 = Instant.parse("2026-12-06T01:00:00Z");

  @Test
  void aResumeGoesOnFromWhatTheRunHadWorked() {
    RunClock c = new RunClock();
    c.start(T0, false);
    assertEquals(Duration.ofSeconds(12), c.elapsed(T0.plusSeconds(12)));
    assertEquals(Duration.ofSeconds(20), c.finished(T0.plusSeconds(20), Duration.ofMillis(19_800)));

    c.start(T0.plusSeconds(300), true); // paused for minutes, then resumed
    assertEquals(Duration.ofSeconds(25), c.elapsed(T0.plusSeconds(305)));
    assertEquals(Duration.ofSeconds(30), c.finished(T0.plusSeconds(310), Duration.ofSeconds(10)));

    c.start(T0.plusSeconds(400), false); // a new run starts from zero
    assertEquals(Duration.ofSeconds(3), c.elapsed(T0.plusSeconds(403)));
  }

  @Test
  void aResumeOfARunReadFromTheLedgerGoesOnFromItsRecordedTime() {
    RunClock c = new RunClock();
    c.recorded(Duration.ofSeconds(42));
    c.start(T0, true);
    assertEquals(Duration.ofSeconds(45), c.elapsed(T0.plusSeconds(3)));
  }
}
