package backstep.lint;

import java.util.Optional;

/**
 * PostgreSQL statements that hold a strong lock for as long as a table scan or build takes: BS004 (CREATE INDEX
 * without CONCURRENTLY), BS005 (constraints validated under the ADD's lock), BS006 (SET NOT NULL without a validated
 * CHECK).
 */
final class LockCheck implements Check {
  @Override
  public void check(StepContext c) {
    if (!c.postgres()) {
      return;
    }
    for (Timeline.Entry e : c.forward()) {
      for (Action a : e.parsed().actions()) {
        if (a instanceof Action.CreateIndex i) {
          index(c, e.parsed(), i, e.ordinal());
        } else if (a instanceof Action.AddConstraint k && c.existing(k.table(), e.ordinal())) {
          constraint(c, e, k);
        } else if (a instanceof Action.SetNotNull s && c.existing(s.table(), e.ordinal())
            && !c.timeline().notNullCheckValidBefore(s.table(), s.column(), e.ordinal())) {
          c.report(Rule.BS006, e.parsed(), "sets " + s.table() + "." + s.column()
              + " NOT NULL with no validated CHECK (" + s.column() + " IS NOT NULL) before it: a full scan under "
              + "ACCESS EXCLUSIVE");
        }
      }
    }
    for (Parsed p : c.rollback()) {
      p.all(Action.CreateIndex.class).forEach(i -> index(c, p, i, c.start()));
    }
  }

  private static void index(StepContext c, Parsed at, Action.CreateIndex i, int ordinal) {
    if (!i.concurrently() && !i.viaAlter() && c.existing(i.table(), ordinal)) {
      c.report(Rule.BS004, at, "builds index " + (i.name().isEmpty() ? "" : i.name() + " ") + "on existing table "
          + i.table() + " without CONCURRENTLY: writes to " + i.table() + " wait for the whole build");
    }
  }

  private static void constraint(StepContext c, Timeline.Entry e, Action.AddConstraint k) {
    boolean scans = k.kind() == Action.ConstraintKind.FOREIGN_KEY || k.kind() == Action.ConstraintKind.CHECK;
    if (!scans) {
      return;
    }
    String what = (k.kind() == Action.ConstraintKind.FOREIGN_KEY ? "foreign key " : "check ") + k.name();
    if (!k.notValid()) {
      c.report(Rule.BS005, e.parsed(), "adds " + what + " on " + k.table() + " without NOT VALID: every row is "
          + "checked while writes wait");
      return;
    }
    Optional<Timeline.Entry> validate = c.timeline().validatedAfter(k.name(), e.ordinal());
    if (validate.isEmpty()) {
      c.report(Rule.BS005, e.parsed(), "adds " + what + " on " + k.table() + " NOT VALID, but no later statement "
          + "runs VALIDATE CONSTRAINT " + k.name() + ": existing rows are never checked");
    } else if (validate.get().step() == e.step() && c.oneTransaction()) {
      c.report(Rule.BS005, validate.get().parsed(), "validates " + k.name() + " in the same transaction that added "
          + "it, so the scan runs under the ADD's lock; validate in a separate step");
    }
  }
}
