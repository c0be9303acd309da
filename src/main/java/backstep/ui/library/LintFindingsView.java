package backstep.ui.library;

import backstep.lint.Finding;
import backstep.lint.Severity;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lint findings for a valid playbook, as {@code backstep lint} prints them: rule, severity, step, line and what is
 * wrong, with the rule's safe alternative in a tooltip. The findings were found when the library read the file
 * (off the FX thread: JSqlParser parses every statement, and its first use loads about 130 classes).
 */
final class LintFindingsView extends VBox {
  LintFindingsView(PlaybookEntry e) {
    super(4);
    setId("playbook-lint");
    if (e.lintError() != null) {
      getChildren().add(hint("The linter could not read this playbook: " + e.lintError()));
      return;
    }
    List<Finding> findings = e.findings();
    if (findings.isEmpty()) {
      getChildren().add(hint("✔  No lint findings: nothing in this playbook's SQL breaks a lint rule "
          + "(docs/lint-rules.md)."));
      return;
    }
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    Label summary = hint(findings.size() + (findings.size() == 1 ? " finding" : " findings") + ", " + errors
        + (errors == 1 ? " error" : " errors") + " — the same as `backstep lint` prints.");
    getChildren().add(summary);
    for (Finding f : findings) {
      getChildren().add(row(f));
    }
  }

  private static HBox row(Finding f) {
    String sev = f.severity().word();
    Label id = new Label(f.rule().id());
    id.getStyleClass().addAll("lint-rule", "lint-" + sev);
    id.setMinWidth(Region.USE_PREF_SIZE);
    Label where = new Label("line " + f.line() + " · " + f.stepId()
        + (f.dialect() == null ? "" : " · " + f.dialect().key()));
    where.getStyleClass().add("problem-where");
    where.setMinWidth(Region.USE_PREF_SIZE);
    Label msg = new Label(f.message());
    msg.setWrapText(true);
    msg.setMinHeight(Region.USE_PREF_SIZE);
    HBox row = new HBox(10, id, where, msg);
    row.getStyleClass().addAll("problem-row", "lint-row");
    Tooltip.install(row, new Tooltip(f.rule().title() + "\n\nWhy: " + f.rule().explanation() + "\n\nInstead: "
        + f.rule().alternative()));
    return row;
  }

  private static Label hint(String s) {
    Label l = new Label(s);
    l.getStyleClass().add("hint");
    l.setWrapText(true);
    return l;
  }
}
