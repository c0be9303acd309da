package backstep.lint;

import backstep.playbook.DialectFamily;

/**
 * One rule firing on one statement of one step.
 *
 * @param dialect the SQL family the statement was read for; null when the same finding holds for every family
 *     the playbook covers (one text shared by all)
 * @param line the playbook line the statement starts on (the step's line when no statement is at fault)
 * @param statement the statement, on one line and shortened; empty when the finding is about the step
 * @param message what is wrong, in words, naming the table, column or object
 */
public record Finding(Rule rule, String stepId, DialectFamily dialect, int line, String statement,
    String message) {

  public Severity severity() {
    return rule.severity();
  }

  /** One line: {@code BS001 error step 'drop-note' [postgresql]: message — statement}. */
  public String oneLine() {
    return rule.id() + " " + severity().word() + " step '" + stepId + "'"
        + (dialect == null ? "" : " [" + dialect.key() + "]") + ": " + message
        + (statement.isEmpty() ? "" : " — " + statement);
  }

  Finding forAllDialects() {
    return new Finding(rule, stepId, null, line, statement, message);
  }
}
