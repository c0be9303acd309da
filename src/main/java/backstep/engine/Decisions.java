package backstep.engine;

import backstep.db.TargetSpec;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;

/** How the engine asks people: the CLI answers from flags or a prompt, the console from dialogs. */
public interface Decisions {
  /** Confirm a whole apply or rollback on a target that is not the sandbox (production: type the target name). */
  Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary);

  /**
   * Confirm a whole apply, resume or rollback under the target's policy: {@code gates} are what it requires
   * (never empty here). An implementation that does not know policies answers as {@link #confirmRun(Playbook,
   * TargetSpec, Direction, String)} does; the engine still refuses a decision without a required approver or
   * reason.
   */
  default Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary,
      java.util.Set<backstep.db.RunGate> gates) {
    return confirmRun(playbook, target, direction, summary);
  }

  /** A gate step; with {@code approval} the decision needs an approver other than the operator. */
  Decision gate(Playbook playbook, GateStep step, TargetSpec target);

  /** A manual checklist item (its rollback instruction when {@code direction} is ROLLBACK). */
  Decision manual(Playbook playbook, ManualStep step, Direction direction);
}
