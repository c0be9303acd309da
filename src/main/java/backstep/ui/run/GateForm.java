package backstep.ui.run;

import java.util.Optional;

/**
 * The rules of a decision dialog, without the toolkit: a gate (or a policy) that needs approval needs a second
 * person's name, different from the operator's; a production target (or a policy asking for a typed confirmation)
 * needs the target's name typed exactly; a policy asking for a reason needs one.
 */
record GateForm(String operator, boolean approvalNeeded, boolean typedNameNeeded, String targetName,
    boolean reasonNeeded) {
  GateForm(String operator, boolean approvalNeeded, boolean typedNameNeeded, String targetName) {
    this(operator, approvalNeeded, typedNameNeeded, targetName, false);
  }

  /** What is still missing before the decision can be given, or empty when it can. */
  Optional<String> missing(String approver, String typedTarget) {
    return missing(approver, typedTarget, null);
  }

  /** As {@link #missing(String, String)}, with the reason typed so far. */
  Optional<String> missing(String approver, String typedTarget, String reason) {
    String a = approver == null ? "" : approver.trim();
    if (approvalNeeded && a.isEmpty()) {
      return Optional.of("Approval needs a second person: enter the approver's name");
    }
    if (approvalNeeded && a.equalsIgnoreCase(operator == null ? "" : operator.trim())) {
      return Optional.of("The approver must be someone other than the operator (" + operator + ")");
    }
    if (typedNameNeeded && !targetName.equals(typedTarget == null ? "" : typedTarget.trim())) {
      return Optional.of("Type the target's name, " + targetName + ", to confirm this change");
    }
    if (reasonNeeded && (reason == null || reason.isBlank())) {
      return Optional.of("This target's policy needs a reason for the ledger");
    }
    return Optional.empty();
  }
}
