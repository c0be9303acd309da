package backstep.report;

import backstep.db.PolicyRule;
import backstep.db.TargetSpec;
import backstep.playbook.CheckSpec;
import backstep.playbook.DialectFamily;
import backstep.playbook.FlagStep;
import backstep.playbook.GateStep;
import backstep.playbook.GuardRule;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.SnapshotStep;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.playbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds a {@link Notice} from a playbook, the target it is planned for and the change window. */
final class NoticeReader {
  private NoticeReader() {}

  static Notice read(Playbook pb, TargetSpec target, DialectFamily family, String window) {
    List<Notice.Step> steps = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      steps.add(step(i + 1, pb.steps().get(i), family));
    }
    return new Notice(pb.id(), pb.version(), pb.title(), pb.sha256(),
        pb.source() == null ? null : pb.source().toString(), target.name(), target.environment().key(),
        family.key(), window, pb.owners(), pb.intent(), pb.minimumViableChange(), pb.blastRadius(), steps,
        rollbackPlan(pb, family), pb.remediation(), decisionPoints(pb, target), pb.successCriteria(),
        pb.expected(), pb.checks().stream().map(NoticeReader::check).toList());
  }

  private static Notice.Step step(int n, Step s, DialectFamily f) {
    List<Notice.Change> changes = new ArrayList<>();
    String runs = null;
    String guards = null;
    String undo;
    if (s instanceof SqlStep sql) {
      for (SqlText.Stmt st : sql.forward().statements(f)) {
        changes.add(new Notice.Change(st.sql().strip(), st.line(), LockHints.of(st.sql(), f)));
      }
      runs = sql.runsInOneTransaction(f, f == DialectFamily.POSTGRESQL)
          ? "in one transaction with its verify and ledger rows" : "statement by statement, each committed";
      guards = sql.guards().describe();
      undo = sql.rollback().display(f);
    } else if (s instanceof FlagStep flag) {
      changes.add(new Notice.Change("set " + flag.table() + "." + flag.flag() + " to " + flag.value(), flag.line(),
          "one row of " + flag.table()));
      undo = "restore the value found before the flip";
    } else if (s instanceof SnapshotStep snap) {
      changes.add(new Notice.Change("copy " + (snap.columns().isEmpty() ? "all columns" : String.join(", ",
          snap.key()) + ", " + String.join(", ", snap.columns())) + " of " + snap.table()
          + (snap.where() == null ? "" : " where " + snap.where()) + " into a recovery table", snap.line(),
          "reads " + snap.table() + " (no write locks)"));
      undo = "nothing: the recovery point is kept until `backstep recovery drop`";
    } else if (s instanceof ManualStep m) {
      changes.add(new Notice.Change(m.instruction().strip(), m.line(), "none (done by a person)"));
      undo = m.rollbackInstruction().isBlank() ? "nothing to do" : m.rollbackInstruction().strip();
    } else if (s instanceof backstep.playbook.ObserveStep o) {
      changes.add(new Notice.Change(o.describe(), o.line(), "none (watches only)"));
      undo = "nothing to undo";
    } else {
      GateStep g = (GateStep) s;
      changes.add(new Notice.Change(g.prompt(), g.line(), "none (a decision)"));
      undo = "passes on the way back";
    }
    return new Notice.Step(n, s.id(), s.kind(), s.title(), s.intent() == null ? "" : s.intent().strip(), runs,
        changes, guards, undo);
  }

  private static List<String> rollbackPlan(Playbook pb, DialectFamily f) {
    List<String> out = new ArrayList<>();
    for (int i = pb.steps().size() - 1; i >= 0; i--) {
      Step s = pb.steps().get(i);
      String what;
      if (s instanceof SqlStep sql) {
        what = "run " + sql.rollback().statements(f).stream().map(x -> x.sql().strip().replaceAll("\\s+", " "))
            .collect(Collectors.joining("; ")) + " and prove it with "
            + (sql.verifyRollback().isEmpty() ? "verify no longer passing" : "verify_rollback");
      } else if (s instanceof FlagStep flag) {
        what = "set " + flag.flag() + " back to the value it had";
      } else if (s instanceof ManualStep m) {
        what = m.rollbackInstruction().isBlank() ? "nothing to do" : "operator: " + m.rollbackInstruction().strip();
      } else if (s instanceof SnapshotStep) {
        what = "keep the recovery point (later steps' rollback restored from it)";
      } else {
        what = "passes";
      }
      out.add("step " + (i + 1) + " " + s.id() + ": " + what);
    }
    return out;
  }

  private static List<Notice.DecisionPoint> decisionPoints(Playbook pb, TargetSpec target) {
    List<Notice.DecisionPoint> out = new ArrayList<>();
    PolicyRule rule = target.policy();
    out.add(new Notice.DecisionPoint("before the first step", "run confirmation", rule.describe(false)));
    for (int i = 0; i < pb.steps().size(); i++) {
      Step s = pb.steps().get(i);
      String where = "step " + (i + 1) + " " + s.id();
      if (s instanceof GateStep g) {
        out.add(new Notice.DecisionPoint(where, "gate", g.prompt() + (g.approval()
            ? " — a second person (not the operator) approves" : " — the operator confirms")));
      } else if (s instanceof ManualStep m) {
        out.add(new Notice.DecisionPoint(where, "manual step", "the operator ticks: " + m.instruction().strip()));
      }
    }
    List<GuardRule> guards = pb.monitoring().withDefaultsFor(target.environment().key()).guards();
    boolean defaults = pb.monitoring().guards().isEmpty() && !guards.isEmpty();
    for (GuardRule g : guards) {
      out.add(new Notice.DecisionPoint("while the run is watched", defaults ? "guard (" + target.environment().key()
          + " default)" : "guard", g.describe()));
    }
    for (CheckSpec c : pb.checks()) {
      if (c.in(CheckSpec.Phase.BEFORE) || c.rollbackOnFail()) {
        out.add(new Notice.DecisionPoint(c.in(CheckSpec.Phase.BEFORE) ? "preflight" : "when the check runs",
            "check", c.name() + " failing " + (c.rollbackOnFail() ? "rolls the run back at once" : "stops the run")));
      }
    }
    out.add(new Notice.DecisionPoint("to roll back", "run confirmation", rule.describe(true)));
    return out;
  }

  private static Notice.Check check(CheckSpec c) {
    String measures = switch (c.kind()) {
      case ROW_COUNT -> "row count of " + c.table();
      case CHECKSUM -> "checksum of " + c.table();
      case DUPLICATES -> "duplicate " + c.table() + "(" + String.join(", ", c.columns()) + ")";
      case NULLS -> "NULLs in " + c.table() + "." + String.join(", ", c.columns());
      case ORPHANS -> c.refTable() == null ? "orphans over every foreign key"
          : "orphans " + c.table() + "(" + String.join(", ", c.columns()) + ") → " + c.refTable() + "("
              + String.join(", ", c.refColumns()) + ")";
      case SQL -> "custom query";
    };
    String phases = c.when().stream().sorted().map(CheckSpec.Phase::key).collect(Collectors.joining(", "));
    return new Notice.Check(c.name(), measures, phases, c.sameAsBefore() ? "same as before the change"
        : c.expect().describe(), c.rollbackOnFail() ? "roll back" : "stop");
  }
}
