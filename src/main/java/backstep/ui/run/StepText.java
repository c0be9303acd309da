package backstep.ui.run;

import backstep.playbook.DialectFamily;
import backstep.playbook.FlagStep;
import backstep.playbook.GateStep;
import backstep.playbook.Guards;
import backstep.playbook.ManualStep;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import backstep.playbook.Verify;
import java.util.List;

/** A step as text for the detail pane and the dialogs: forward, rollback, guards and verify, for one SQL family. */
final class StepText {
  private StepText() {}

  static String forward(Step step, DialectFamily f) {
    if (step instanceof SqlStep s) {
      return orNone(s.forward().display(f), f);
    }
    if (step instanceof ManualStep m) {
      return "Manual: " + m.instruction().strip();
    }
    if (step instanceof FlagStep g) {
      return "Set flag " + g.flag() + " = " + g.value() + "\n  in " + g.table() + " (" + g.keyColumn() + " → "
          + g.valueColumn() + ")";
    }
    if (step instanceof backstep.playbook.ObserveStep o) {
      return "Observe for " + o.duration().toMillis() / 1000.0 + " s while the guards watch"
          + (o.minSamples() > 0 ? " (at least " + o.minSamples() + " samples)" : "");
    }
    GateStep g = (GateStep) step;
    return "Gate: " + g.prompt().strip() + (g.approval() ? "\n(needs approval by a second person)" : "");
  }

  static String rollback(Step step, DialectFamily f) {
    if (step instanceof SqlStep s) {
      return orNone(s.rollback().display(f), f);
    }
    if (step instanceof ManualStep m) {
      return m.rollbackInstruction().isBlank() ? "Nothing to undo by hand."
          : "Manual: " + m.rollbackInstruction().strip();
    }
    if (step instanceof FlagStep g) {
      return "Restore " + g.flag() + " to the value found before the step\n  (delete the row if there was none)";
    }
    return step instanceof backstep.playbook.ObserveStep ? "Nothing to undo: an observe step only watches."
        : "Nothing to undo: a gate only records a decision.";
  }

  private static String orNone(String sql, DialectFamily f) {
    return sql.isBlank() ? "(no " + f.key() + " variant)" : sql;
  }

  static String guards(Step step, DialectFamily f, boolean transactionalDdl) {
    if (!(step instanceof SqlStep s)) {
      return step instanceof ManualStep ? "Ticked in a dialog; who and when go to the ledger."
          : step instanceof GateStep ? "Decided in a dialog; the decision goes to the ledger."
          : step instanceof backstep.playbook.ObserveStep ? "The playbook's guards decide: pass, pause (a dialog) or "
              + "roll back; the samples' summary goes to the ledger."
          : "Runs in one transaction with its ledger rows.";
    }
    Guards g = s.guards();
    String runs = s.runsInOneTransaction(f, transactionalDdl) ? "one transaction with its verify and ledger rows"
        : "statement by statement, each committed and recorded";
    return "lock " + g.lockTimeout().toMillis() + " ms × " + g.retries() + " retries (backoff "
        + g.backoff().toMillis() + "–" + g.maxBackoff().toMillis() + " ms)"
        + (g.statementTimeout().isZero() ? "" : " · statement " + seconds(g.statementTimeout().toMillis()))
        + (g.maxAffectedRows() > 0 ? " · max " + g.maxAffectedRows() + " rows" : "")
        + (g.batchSize() > 0 ? " · batches of " + g.batchSize() : "") + "\nRuns " + runs + ".";
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  static String verify(Step step, DialectFamily f) {
    if (!(step instanceof SqlStep s)) {
      return step instanceof FlagStep g ? g.flag() + " = " + g.value() : "";
    }
    StringBuilder b = new StringBuilder();
    append(b, "applied", s.verify(), f);
    append(b, "undone", s.verifyRollback(), f);
    return b.toString().stripTrailing();
  }

  private static void append(StringBuilder b, String label, List<Verify> list, DialectFamily f) {
    for (Verify v : list) {
      var st = v.sql().statements(f);
      String sql = st.isEmpty() ? "-- (no " + f.key() + " variant)" : st.get(0).sql().strip() + ";";
      b.append("-- ").append(label).append(": ").append(v.description().isBlank() ? "" : v.description() + " — ")
          .append("expect ").append(v.expect().describe()).append('\n').append(sql).append('\n');
    }
  }
}
