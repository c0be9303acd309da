package backstep.lint;

import backstep.playbook.DialectFamily;
import java.util.List;
import java.util.Locale;

/**
 * Changes that are unsafe for the code and the data around them: BS009 (renames), BS010 (several DDL statements in
 * one MySQL/MariaDB step), BS012 (a backfill UPDATE in one statement).
 */
final class ChangeCheck implements Check {
  @Override
  public void check(StepContext c) {
    for (Timeline.Entry e : c.forward()) {
      for (Action.Rename r : e.parsed().all(Action.Rename.class)) {
        if (c.existing(r.table(), e.ordinal())) {
          c.report(Rule.BS009, e.parsed(), "renames " + r.kind().name().toLowerCase(Locale.ROOT) + " "
              + (r.kind() == Action.RenameKind.COLUMN ? r.table() + "." : "") + r.from() + " to " + r.to()
              + ": code still using the old name fails at once");
        }
      }
      for (Action.Update u : e.parsed().all(Action.Update.class)) {
        if (c.existing(u.table(), e.ordinal()) && !e.parsed().stmt().batched()
            && c.step().guards().maxAffectedRows() <= 0) {
          c.report(Rule.BS012, e.parsed(), "updates " + u.table() + " in one statement (no ${batch_size}, no "
              + "guards.max_affected_rows): every matching row stays locked until it commits");
        }
      }
    }
    if (c.family() == DialectFamily.MYSQL) {
      List<Parsed> ddl = c.forward().stream().map(Timeline.Entry::parsed).filter(Parsed::ddl).toList();
      if (ddl.size() > 1) {
        c.report(Rule.BS010, ddl.get(1), ddl.size() + " DDL statements in one step: each commits on its own, so a "
            + "failure part way leaves the step half-done");
      }
    }
  }
}
