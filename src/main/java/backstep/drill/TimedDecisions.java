package backstep.drill;

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

/**
 * Puts a drill's gates on its timeline: when the engine asks (the change waits from here) and what the team — or,
 * headless, the auto-operator's stand-in — answered, and after how long. The wait is wall-clock time of the drill,
 * so a gate after the incident delays the rollback/continue decision like any other hesitation; the gate's answer
 * itself is not that decision. A rejected gate stops the run as the engine always does; the reason the engine
 * keeps in the ledger ({@code GATE_DECIDED}) carries the wait.
 */
record TimedDecisions(Decisions next, DrillSession session, Clock clock) implements Decisions {
  @Override
  public Decision confirmRun(Playbook p, TargetSpec t, Direction d, String summary) {
    return next.confirmRun(p, t, d, summary);
  }

  @Override
  public Decision confirmRun(Playbook p, TargetSpec t, Direction d, String summary,
      java.util.Set<backstep.db.RunGate> gates) {
    return next.confirmRun(p, t, d, summary, gates);
  }

  @Override
  public Decision gate(Playbook p, GateStep step, TargetSpec t) {
    Instant asked = session.record(TimelineEvent.Kind.GATE, "engine", "gate '" + step.id() + "' waits for the "
        + "team: " + step.prompt()).at();
    Decision d = next.gate(p, step, t);
    String waited = Scoring.secs(Duration.between(asked, clock.instant()));
    String who = d.actor() == null ? "the operator" : d.actor();
    session.record(TimelineEvent.Kind.GATE, who, "gate '" + step.id() + "' " + (d.approved() ? "approved" : "rejected")
        + (d.approver() == null ? "" : " (approver " + d.approver() + ")") + " after " + waited
        + (d.reason() == null || d.reason().isBlank() ? "" : ": " + d.reason()));
    String reason = (d.reason() == null || d.reason().isBlank() ? "" : d.reason() + "; ") + "answered in the drill "
        + "after " + waited;
    return new Decision(d.approved(), d.actor(), d.approver(), reason);
  }

  @Override
  public Decision manual(Playbook p, ManualStep step, Direction d) {
    return next.manual(p, step, d);
  }
}
