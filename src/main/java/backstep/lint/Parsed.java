package backstep.lint;

import backstep.playbook.SqlText;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One statement as the rules see it: what it does, or why the parser could not tell.
 *
 * @param error the parser's complaint, or null when the statement was read
 * @param algorithm MySQL's {@code ALGORITHM=} option of an ALTER TABLE, upper case, or empty
 * @param recoveryRefs snapshot steps the statement reads through {@code ${recovery.<id>}}
 */
record Parsed(SqlText.Stmt stmt, List<Action> actions, String error, String algorithm, List<String> recoveryRefs) {
  private static final Pattern DDL = Pattern.compile("^\\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final int SHOWN = 120;

  boolean parsed() {
    return error == null;
  }

  /** Whether it is DDL, judged by its first word (so also when the parser could not read it). */
  boolean ddl() {
    return DDL.matcher(stmt.sql()).find();
  }

  /** The statement on one line, shortened for messages. */
  String shown() {
    String one = stmt.sql().strip().replaceAll("\\s+", " ");
    return one.length() <= SHOWN ? one : one.substring(0, SHOWN - 1) + "…";
  }

  <T extends Action> List<T> all(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
