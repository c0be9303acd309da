package backstep.engine;

import backstep.db.PolicyRule;
import backstep.db.RunGate;
import backstep.db.TargetSpec;
import backstep.playbook.Playbook;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run confirmation under the target's policy: asks {@link Decisions} for the gates the rule names, checks
 * what the engine can check (an approver other than the operator, a reason) and says for the ledger which rule
 * applied and who passed it.
 */
final class PolicyGates {
  private PolicyGates() {}

  /** The outcome: the decision (null when the rule asks nothing) and the rule that applied. */
  record Confirmed(Decision decision, PolicyRule rule, boolean rollback) {
    /** Fields for the run's RUN_STARTED / ROLLBACK_STARTED / RUN_RESUMED event. */
    Map<String, Object> ledgerDetail() {
      Map<String, Object> m = new LinkedHashMap<>();
      if (decision != null) {
        m.put("confirmed_by", decision.actor());
        if (decision.approver() != null && !decision.approver().isBlank()) {
          m.put("approver", decision.approver());
        }
        if (decision.reason() != null) {
          m.put("reason", decision.reason());
        }
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("rule", rule.name(rollback));
      p.put("gates", rule.keys(rollback));
      p.put("from", rule.origin());
      m.put("policy", p);
      return m;
    }
  }

  static Confirmed confirm(TargetSpec target, Playbook pb, Direction dir, Decisions d, int boundary)
      throws EngineException {
    boolean back = dir == Direction.ROLLBACK;
    PolicyRule rule = target.policy();
    Set<RunGate> gates = rule.gates(back);
    if (gates.isEmpty()) {
      return new Confirmed(null, rule, back);
    }
    String summary = (back ? "roll back " : "apply ") + "playbook '" + pb.id() + "' v" + pb.version()
        + (boundary >= 0 ? (back ? " down to step '" : " up to step '") + pb.steps().get(boundary).id() + "'" : "")
        + " on " + target.name() + " (" + target.environment().key().toUpperCase(Locale.ROOT) + ", "
        + target.safeUrl() + ")";
    Decision c = d.confirmRun(pb, target, dir, summary, gates);
    if (!c.approved()) {
      throw declined("not confirmed: " + summary + (c.reason() == null ? "" : " (" + c.reason() + ")"));
    }
    String under = "policy " + rule.name(back) + " (" + rule.origin() + ")";
    if (gates.contains(RunGate.SECOND_APPROVER)) {
      String executor = c.actor() == null ? "" : c.actor().trim();
      if (c.approver() == null || c.approver().isBlank()) {
        throw declined("a " + target.environment().key() + " " + (back ? "rollback" : "change")
            + " needs a second person's approval (--approver NAME) under " + under);
      }
      if (c.approver().trim().equalsIgnoreCase(executor)) {
        throw declined("the approver must be someone other than the operator (" + executor + ")");
      }
    }
    if (gates.contains(RunGate.REASON) && (c.reason() == null || c.reason().isBlank()
        || c.reason().equals("--yes"))) {
      throw declined(under + " needs a reason for the ledger (--reason TEXT)");
    }
    return new Confirmed(c, rule, back);
  }

  private static EngineException declined(String why) {
    return new EngineException(EngineException.DECLINED, why + "; nothing was changed");
  }
}
