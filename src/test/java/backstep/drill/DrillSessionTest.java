package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression: the drill scoreboard charged console lag to the team (Acknowledge clicked at T+10 s recorded at
 * T+13.6 s, Roll back at T+11.5 s recorded at T+19.4 s). A person's action is timed at the click the console passes
 * in, however late the session hears of it.
 */
class DrillSessionTest {
  private static final Instant T0 = Instant.parse("2026-12-06T01:00:00Z");

  /** A clock the slow console and engine move forward between the click and the session hearing of it. */
  private static final class Manual extends Clock {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void aDecisionIsTimedAtTheClickEvenWhenItArrivesLate() {
    Manual clock = new Manual();
    DrillSession s = new DrillSession(clock, new DrillListener() { });
    s.incident(T0.plusSeconds(3));
    Instant ackClick = T0.plusSeconds(10);
    Instant rollbackClick = T0.plusMillis(11_500);
    clock.now = T0.plusMillis(12_000);
    s.record(TimelineEvent.Kind.PHASE, "engine", "step 2 running"); // the drill went on meanwhile
    clock.now = T0.plusMillis(13_600); // the console was busy: the session hears of the clicks late
    s.acknowledge("ana", ackClick);
    clock.now = T0.plusMillis(19_400);
    s.rollback("ana", rollbackClick);

    assertEquals(ackClick, s.detectedAt());
    assertEquals(rollbackClick, s.decidedAt());
    List<TimelineEvent> t = s.timeline();
    assertEquals(List.of("operator acknowledged the incident", "decided to roll back", "step 2 running"),
        t.stream().map(TimelineEvent::text).toList(), "the timeline stays in the order things happened");
    assertEquals(List.of(ackClick, rollbackClick, T0.plusSeconds(12)), t.stream().map(TimelineEvent::at).toList());

    DrillScore score = Scoring.score(new Drill.Targets(Duration.ofSeconds(30), Duration.ofSeconds(15),
        Duration.ofSeconds(60), 0, 1.0, 2.0, Duration.ofSeconds(120)), new Scoring.Moments(s.incidentAt(),
        s.detectedAt(), s.decidedAt(), T0.plusSeconds(30)), 0, 1.0, true, "rolled back");
    assertEquals(Duration.ofMillis(8_500), score.decide(), "time to decide runs from the incident to the click");
  }

  @Test
  void withoutAClickInstantTheSessionTimesTheCallAsBefore() {
    Manual clock = new Manual();
    DrillSession s = new DrillSession(clock, new DrillListener() { });
    clock.now = T0.plusSeconds(7);
    s.proceed("ana");
    assertEquals(T0.plusSeconds(7), s.decidedAt());
  }
}
