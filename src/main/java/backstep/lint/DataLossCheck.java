package backstep.lint;

import backstep.playbook.SnapshotStep;
import java.util.List;

/** BS001 (destructive statement without a recovery point) and BS003 (rollback cannot restore the data). */
final class DataLossCheck implements Check {
  /** What a statement destroys: a whole table's rows, or some columns of every row. */
  private record Loss(String table, List<String> columns, String words, boolean gone) {}

  @Override
  public void check(StepContext c) {
    for (Timeline.Entry e : c.forward()) {
      for (Action a : e.parsed().actions()) {
        Loss loss = loss(a);
        if (loss == null || !c.existing(loss.table(), e.ordinal())) {
          continue;
        }
        List<SnapshotStep> keeping = c.timeline().snapshotsKeeping(loss.table(), loss.columns(), e.ordinal());
        String what = loss.columns().isEmpty() ? "table " + loss.table() : loss.table() + "."
            + String.join(", " + loss.table() + ".", loss.columns());
        if (keeping.isEmpty()) {
          c.report(Rule.BS001, e.parsed(), loss.words() + " with no snapshot step before it keeping " + what);
        }
        if (loss.gone() && !restores(c, keeping)) {
          c.report(Rule.BS003, e.parsed(), loss.words() + "; the rollback does not restore " + what + " from a "
              + "recovery point" + (keeping.isEmpty() ? " (no snapshot step keeps it)"
              : " (snapshot step '" + keeping.get(0).id() + "' keeps it: read ${recovery." + keeping.get(0).id()
                  + "})"));
        }
      }
    }
  }

  private static boolean restores(StepContext c, List<SnapshotStep> keeping) {
    return c.rollback().stream().flatMap(p -> p.recoveryRefs().stream())
        .anyMatch(ref -> keeping.stream().anyMatch(s -> s.id().equals(ref)));
  }

  private static Loss loss(Action a) {
    if (a instanceof Action.DropTable d) {
      return new Loss(d.table(), List.of(), "drops table " + d.table(), true);
    }
    if (a instanceof Action.DropColumn d) {
      return new Loss(d.table(), List.of(d.column()), "drops column " + d.table() + "." + d.column(), true);
    }
    if (a instanceof Action.Truncate t) {
      return new Loss(t.table(), List.of(), "truncates " + t.table(), true);
    }
    if (a instanceof Action.Delete d && !d.where()) {
      return new Loss(d.table(), List.of(), "deletes every row of " + d.table() + " (no WHERE)", true);
    }
    if (a instanceof Action.Update u && !u.where()) {
      return new Loss(u.table(), u.columns(), "overwrites every row of " + u.table() + " (UPDATE without WHERE)",
          false);
    }
    return null;
  }
}
