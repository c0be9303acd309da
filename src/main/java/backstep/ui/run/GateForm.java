package backstep.ui.run;

import java.util.Optional;

/**
 * The rules of a decision dialog, without the toolkit: a gate that needs approval needs a second person's name,
 * different from the operator's; a production target needs its name typed exactly.
 */
record GateForm(String operator, boolean approvalNeeded, boolean production, String targetName) {
  /** What is still missing before the decision can be given, or empty when it can. */
  Optional<String> missing(String approver, String typedTarget) {
    String a = approver == null ? "" : approver.trim();
    if (approvalNeeded && a.isEmpty()) {
      return Optional.of("Approval needs a second person: enter the approver's name");
    }
    if (approvalNeeded && a.equalsIgnoreCase(operator == null ? "" : operator.trim())) {
      return Optional.of("The approver must be someone other than the operator (" + operator + ")");
    }
    if (production && !targetName.equals(typedTarget == null ? "" : typedTarget.trim())) {
      return Optional.of("Type the target's name, " + targetName + ", to confirm a change to PRODUCTION");
    }
    return Optional.empty();
  }
}
