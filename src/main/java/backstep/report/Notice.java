package backstep.report;

import backstep.playbook.Playbook;
import java.util.List;

/**
 * The pre-change notice for stakeholders, as data: what changes and why, who owns it, what it touches, when, each
 * step with what it changes and likely locks, the way back, where people decide, and how success is measured.
 * Built from a playbook and a target without connecting to anything.
 */
public record Notice(
    String playbookId,
    int version,
    String title,
    String sha256,
    String source,
    String target,
    String environment,
    String dialect,
    String window,
    List<String> owners,
    String intent,
    String minimumViableChange,
    List<Playbook.BlastRadius> blastRadius,
    List<Step> steps,
    List<String> rollbackPlan,
    String remediation,
    List<DecisionPoint> decisionPoints,
    List<String> successCriteria,
    Playbook.Expected expected,
    List<Check> checks) {

  /** One step: what it changes (statements with their likely locks), how it runs and its guards. */
  public record Step(int number, String id, String kind, String title, String intent, String runs,
      List<Change> changes, String guards, String undo) {}

  /** One forward statement (or action) and what it is likely to lock. */
  public record Change(String what, int line, String locks) {}

  /** Where the run waits for a person, or a rule decides for one. */
  public record DecisionPoint(String when, String kind, String what) {}

  /** A measured check and when it is evaluated. */
  public record Check(String name, String measures, String phases, String expect, String onFail) {}
}
