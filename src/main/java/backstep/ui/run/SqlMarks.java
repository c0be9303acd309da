package backstep.ui.run;

import backstep.lint.Finding;
import backstep.playbook.DialectFamily;
import backstep.playbook.SqlText;
import backstep.ui.sql.LineMark;
import java.util.ArrayList;
import java.util.List;

/**
 * Lint findings placed on the line of the shown SQL they are about: a finding names the playbook line its statement
 * starts on, and {@link SqlText#display} puts each statement on a line of its own, so the statement's first line in
 * the pane is found by counting. A finding about the step as a whole (no statement) goes on the forward pane's first
 * line.
 */
final class SqlMarks {
  private SqlMarks() {}

  static List<LineMark> of(SqlText text, DialectFamily f, String stepId, List<Finding> findings, boolean forward) {
    List<LineMark> out = new ArrayList<>();
    if (findings == null || findings.isEmpty()) {
      return out;
    }
    List<SqlText.Stmt> stmts = text.statements(f);
    for (Finding x : findings) {
      if (!x.stepId().equals(stepId) || x.dialect() != null && x.dialect() != f) {
        continue;
      }
      int line = 1;
      int at = -1;
      for (SqlText.Stmt s : stmts) {
        if (s.line() == x.line() && !x.statement().isEmpty()) {
          at = line;
          break;
        }
        line += (int) s.sql().lines().count();
      }
      if (at < 0 && forward && x.statement().isEmpty()) {
        at = 1;
      }
      if (at > 0) {
        out.add(new LineMark(at, x.severity().word(), x.rule().id() + " " + x.message()));
      }
    }
    return out;
  }
}
