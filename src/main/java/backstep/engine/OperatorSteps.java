package backstep.engine;

import backstep.ledger.EventType;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.state.StepState;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The steps a person settles: gates (confirmed, and approved by a second person where the gate asks for it) and
 * manual steps (ticked on the way forward or back). Asks the run's {@link Decisions}, records GATE_DECIDED or
 * MANUAL_TICKED and the step's row on the control connection (commits at once); never touches the work connection.
 */
final class OperatorSteps {
  private final RunSession s;
  private final Decisions decisions;
  private final Playbook playbook;

  OperatorSteps(RunSession s, Decisions decisions, Playbook playbook) {
    this.s = s;
    this.decisions = decisions;
    this.playbook = playbook;
  }

  StepWalk.Outcome gate(StepExec e, GateStep g) throws SQLException {
    s.listener().gateWaiting(g.id(), g.prompt(), g.approval());
    Decision d = decisions.gate(playbook, g, s.db().spec());
    String refusal = refusal(d, g);
    boolean approved = d.approved() && refusal == null;
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("decision", approved ? "approved" : "declined");
    detail.put("prompt", g.prompt());
    if (d.approver() != null) {
      detail.put("approver", d.approver());
    }
    if (d.reason() != null) {
      detail.put("reason", d.reason());
    }
    if (refusal != null) {
      detail.put("refused", refusal);
    }
    e.actor = d.actor() == null ? s.run().operator() : d.actor();
    s.event(s.control(), EventType.GATE_DECIDED, g.id(), e.actor, detail);
    if (!approved) {
      e.state = StepState.PENDING;
      e.note(refusal != null ? refusal : "not confirmed" + (d.reason() == null ? "" : ": " + d.reason()));
      s.saveStep(e);
      s.note("stopped at gate '" + g.id() + "': " + e.note());
      return StepWalk.Outcome.STOP;
    }
    e.detail.putAll(detail);
    e.detail.remove("note");
    e.state = StepState.APPLIED;
    e.endedAt = s.clock().instant();
    s.saveStep(e);
    return StepWalk.Outcome.DONE;
  }

  /** Why an approval given at a gate that needs a second person does not count; null when it does. */
  private String refusal(Decision d, GateStep g) {
    if (!d.approved() || !g.approval()) {
      return null;
    }
    if (d.approver() == null || d.approver().isBlank()) {
      return "this gate needs approval by a second person (--approver)";
    }
    if (d.approver().equalsIgnoreCase(s.run().operator())) {
      return "the approver must be someone other than the operator (" + s.run().operator() + ")";
    }
    return null;
  }

  StepWalk.Outcome observe(StepExec e, backstep.playbook.ObserveStep o) throws SQLException, StepFailure {
    return new ObserveRunner(s, decisions, playbook).observe(e, o);
  }

  StepWalk.Outcome manual(StepExec e, ManualStep m, Direction dir) throws SQLException {
    Decision d = decisions.manual(playbook, m, dir);
    e.actor = d.actor() == null ? s.run().operator() : d.actor();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("direction", dir.name());
    detail.put("instruction", dir == Direction.FORWARD ? m.instruction() : m.rollbackInstruction());
    detail.put("done", d.approved());
    if (d.reason() != null) {
      detail.put("reason", d.reason());
    }
    s.event(s.control(), EventType.MANUAL_TICKED, m.id(), e.actor, detail);
    if (!d.approved()) {
      e.note("not ticked" + (d.reason() == null ? "" : ": " + d.reason()));
      s.saveStep(e);
      s.note("stopped at manual step '" + m.id() + "' until it is done");
      return StepWalk.Outcome.STOP;
    }
    e.state = dir == Direction.FORWARD ? StepState.APPLIED : StepState.ROLLED_BACK;
    e.endedAt = s.clock().instant();
    e.detail.put("ticked_by", e.actor);
    e.detail.put("ticked_at", e.endedAt.toString());
    s.saveStep(e);
    return StepWalk.Outcome.DONE;
  }
}
