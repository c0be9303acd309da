package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.TargetSpec;
import backstep.engine.Decision;
import backstep.engine.Decisions;
import backstep.engine.Direction;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A drill's gates are on its timeline: asked, then answered with the wait (the team's think time at the gate), and
 * the engine's reason carries the wait; the answer is passed through unchanged (a rejection stays a rejection) and
 * is not a rollback/continue decision.
 */
class TimedDecisionsTest {
  /** A clock the fake team moves forward while it "thinks". */
  private static final class Manual extends Clock {
    Instant now = Instant.parse("2026-11-24T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static Decisions team(Manual clock, boolean approve) {
    return new Decisions() {
      @Override
      public Decision confirmRun(Playbook p, TargetSpec t, Direction d, String summary) {
        return new Decision(true, "ana", null, null);
      }

      @Override
      public Decision gate(Playbook p, GateStep step, TargetSpec t) {
        clock.now = clock.now.plus(Duration.ofMillis(4200));
        return approve ? new Decision(true, "ana", null, "approved in drill mode")
            : Decision.declined("ana", "rejected in drill mode");
      }

      @Override
      public Decision manual(Playbook p, ManualStep step, Direction d) {
        return new Decision(true, "ana", null, null);
      }
    };
  }

  @Test
  void aGateIsAskedAndAnsweredOnTheTimelineWithItsWait() {
    Manual clock = new Manual();
    DrillSession s = new DrillSession(clock, new DrillListener() { });
    GateStep gate = new GateStep("confirm", "Confirm", null, "Go on?", false, 1);
    Decision d = new TimedDecisions(team(clock, true), s, clock).gate(null, gate, null);
    assertTrue(d.approved());
    assertEquals("approved in drill mode; answered in the drill after 4.2 s", d.reason());
    List<TimelineEvent> t = s.timeline();
    assertEquals(List.of(TimelineEvent.Kind.GATE, TimelineEvent.Kind.GATE), t.stream().map(TimelineEvent::kind)
        .toList());
    assertEquals("gate 'confirm' waits for the team: Go on?", t.get(0).text());
    assertEquals("gate 'confirm' approved after 4.2 s: approved in drill mode", t.get(1).text());
    assertEquals("ana", t.get(1).source());
    assertNull(s.choice(), "a gate's answer is not the rollback/continue decision");
  }

  @Test
  void aRejectedGateStaysRejected() {
    Manual clock = new Manual();
    DrillSession s = new DrillSession(clock, new DrillListener() { });
    Decision d = new TimedDecisions(team(clock, false), s, clock).gate(null, new GateStep("confirm", "Confirm",
        null, "Go on?", false, 1), null);
    assertFalse(d.approved());
    assertTrue(s.timeline().get(1).text().startsWith("gate 'confirm' rejected after 4.2 s"), s.timeline()::toString);
  }
}
