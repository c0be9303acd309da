package backstep.testing;

import backstep.db.TargetSpec;
import backstep.engine.Decision;
import backstep.engine.Decisions;
import backstep.engine.Direction;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;

/** Decisions that approve everything, as a named operator with an optional approver. */
public record Approve(String operator, String approver) implements Decisions {
  @Override
  public Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary) {
    return new Decision(true, operator, approver, "test");
  }

  @Override
  public Decision gate(Playbook playbook, GateStep step, TargetSpec target) {
    return new Decision(true, operator, approver, "test");
  }

  @Override
  public Decision manual(Playbook playbook, ManualStep step, Direction direction) {
    return new Decision(true, operator, null, "test");
  }
}
