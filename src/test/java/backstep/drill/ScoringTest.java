package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Scoring against targets: times from the incident, each component judged, the verdict all of them. */
class ScoringTest {
  private static final Drill.Targets TARGETS = new Drill.Targets(Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), 0, 1.0, 1.0, Duration.ofSeconds(30));
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void aTeamWithinEveryTargetPasses() {
    DrillScore s = Scoring.score(TARGETS, new Scoring.Moments(T0, T0.plusSeconds(2), T0.plusSeconds(7),
        T0.plusSeconds(20)), 0, 1.0, true, "rolled back");
    assertEquals(Duration.ofSeconds(2), s.detect());
    assertEquals(Duration.ofSeconds(7), s.decide());
    assertEquals(Duration.ofSeconds(20), s.restore());
    assertTrue(s.passed(), s::toString);
    assertEquals(6, s.components().size());
  }

  @Test
  void oneLostWriteOrASlowDecisionFailsTheDrill() {
    DrillScore lost = Scoring.score(TARGETS, new Scoring.Moments(T0, T0.plusSeconds(2), T0.plusSeconds(7),
        T0.plusSeconds(20)), 1, 1.0, true, "rolled back");
    assertFalse(lost.passed());
    assertFalse(component(lost, "committed writes lost").passed());
    DrillScore slow = Scoring.score(TARGETS, new Scoring.Moments(T0, T0.plusSeconds(2), T0.plusSeconds(11),
        T0.plusSeconds(20)), 0, 1.0, true, "rolled back");
    assertFalse(slow.passed());
    assertEquals("11.0 s", component(slow, "time to decide").value());
  }

  @Test
  void whatNeverHappenedIsNeverWithinTarget() {
    DrillScore s = Scoring.score(TARGETS, new Scoring.Moments(T0, null, null, null), 0, 0.5, false, "no");
    assertNull(s.detect());
    assertEquals("never", component(s, "time to restore").value());
    assertFalse(component(s, "checklist adherence").passed());
    assertFalse(s.passed());
  }

  private static DrillScore.Component component(DrillScore s, String name) {
    return s.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }
}
