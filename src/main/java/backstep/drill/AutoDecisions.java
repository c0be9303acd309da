package backstep.drill;

import backstep.db.TargetSpec;
import backstep.engine.Decision;
import backstep.engine.Decisions;
import backstep.engine.Direction;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;

/** Headless drills: every confirmation, gate and manual step is answered yes, as the operator (recorded so). */
record AutoDecisions(String operator) implements Decisions {
  @Override
  public Decision confirmRun(Playbook p, TargetSpec t, Direction d, String summary) {
    return new Decision(true, operator, AutoOperator.NAME, "headless drill");
  }

  @Override
  public Decision gate(Playbook p, GateStep step, TargetSpec t) {
    return new Decision(true, operator, AutoOperator.NAME, "headless drill");
  }

  @Override
  public Decision manual(Playbook p, ManualStep step, Direction d) {
    return new Decision(true, operator, null, "headless drill");
  }
}
