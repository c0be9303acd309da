package backstep.lint;

import backstep.playbook.DialectFamily;
import backstep.playbook.SqlStep;
import java.util.ArrayList;
import java.util.List;

/**
 * One sql step read for one dialect, with the playbook's timeline around it; what every rule is given.
 *
 * @param forward the step's forward statements at their positions in the timeline
 * @param rollback the step's rollback statements (they are not part of the forward timeline)
 */
record StepContext(SqlStep step, DialectFamily family, Timeline timeline, List<Timeline.Entry> forward,
    List<Parsed> rollback, List<Finding> out) {

  boolean postgres() {
    return family == DialectFamily.POSTGRESQL;
  }

  /** The position of the step's first statement: what its rollback sees as "before". */
  int start() {
    return forward.isEmpty() ? 0 : forward.get(0).ordinal();
  }

  /** Whether the table held data before this playbook ran (no earlier statement created it). */
  boolean existing(String table, int ordinal) {
    return !timeline.createdBefore(table, ordinal);
  }

  /** Whether this playbook created the table, in an earlier step or in this step's forward. */
  boolean createdByPlaybook(String table) {
    int end = forward.isEmpty() ? 0 : forward.get(forward.size() - 1).ordinal() + 1;
    return timeline.createdBefore(table, end);
  }

  boolean oneTransaction() {
    return step.runsInOneTransaction(family, postgres());
  }

  List<Action> rollbackActions() {
    List<Action> all = new ArrayList<>();
    rollback.forEach(p -> all.addAll(p.actions()));
    return all;
  }

  void report(Rule rule, Parsed at, String message) {
    out.add(new Finding(rule, step.id(), family, at.stmt().line(), at.shown(), message));
  }

  void reportStep(Rule rule, String message) {
    out.add(new Finding(rule, step.id(), family, step.line(), "", message));
  }
}
