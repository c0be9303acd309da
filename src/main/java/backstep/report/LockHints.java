package backstep.report;

import backstep.playbook.DialectFamily;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a statement is likely to lock, read from its text for a notice to stakeholders: the documented lock levels
 * of PostgreSQL and InnoDB for the common statement shapes. A hint, not an analysis: a statement it does not know
 * says so.
 */
final class LockHints {
  private record Rule(Pattern pattern, String postgres, String mysql) {}

  private static final String TABLE = "(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(?:ONLY\\s+)?([\\w.\"`]+)";
  private static final List<Rule> RULES = List.of(
      rule("^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\b.*?\\bON\\s+" + TABLE,
          "SHARE UPDATE EXCLUSIVE on %s: reads and writes go on while the index builds", null),
      rule("^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\b.*?\\bON\\s+" + TABLE,
          "SHARE on %s: writes wait until the index is built",
          "metadata lock on %s; InnoDB builds the index in place, writes go on"),
      rule("^DROP\\s+INDEX\\s+CONCURRENTLY\\b.*", "SHARE UPDATE EXCLUSIVE on the index's table", null),
      rule("^DROP\\s+INDEX\\b.*", "ACCESS EXCLUSIVE on the index's table, briefly", "metadata lock on the table"),
      rule("^ALTER\\s+TABLE\\s+" + TABLE + ".*\\bVALIDATE\\s+CONSTRAINT\\b.*",
          "SHARE UPDATE EXCLUSIVE on %s while it scans: reads and writes go on", null),
      rule("^ALTER\\s+TABLE\\s+" + TABLE + ".*\\bALGORITHM\\s*=\\s*(?:INPLACE|INSTANT)\\b.*\\bLOCK\\s*=\\s*NONE\\b.*",
          null, "metadata lock on %s at start and end only; reads and writes go on (online DDL)"),
      rule("^ALTER\\s+TABLE\\s+" + TABLE,
          "ACCESS EXCLUSIVE on %s: reads and writes wait (milliseconds for a catalog-only change, the whole scan "
              + "or rewrite otherwise)",
          "metadata lock on %s; without ALGORITHM/LOCK the server may copy the table and block writes"),
      rule("^(?:UPDATE)\\s+" + TABLE, "row locks on the rows it changes in %s (ROW EXCLUSIVE)",
          "row locks on the rows it changes in %s, and gaps it scans"),
      rule("^DELETE\\s+FROM\\s+" + TABLE, "row locks on the rows it deletes from %s (ROW EXCLUSIVE)",
          "row locks on the rows it deletes from %s, and gaps it scans"),
      rule("^INSERT\\s+INTO\\s+" + TABLE, "ROW EXCLUSIVE on %s (new rows only)", "locks on the new rows of %s"),
      rule("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?TRIGGER\\b.*?\\bON\\s+" + TABLE,
          "SHARE ROW EXCLUSIVE on %s, briefly: writes wait", "metadata lock on %s, briefly"),
      rule("^DROP\\s+TRIGGER\\b.*?(?:\\bON\\s+" + TABLE + ")?", "ACCESS EXCLUSIVE on the trigger's table, briefly",
          "metadata lock on the trigger's table, briefly"),
      rule("^(?:DROP|TRUNCATE)\\s+(?:TABLE\\s+)?" + TABLE, "ACCESS EXCLUSIVE on %s: reads and writes wait",
          "exclusive metadata lock on %s"),
      rule("^CREATE\\s+(?:TABLE|SCHEMA|VIEW|SEQUENCE|FUNCTION|OR\\s+REPLACE\\s+FUNCTION)\\b.*",
          "nothing existing applications use", "nothing existing applications use"),
      rule("^(?:SELECT|SET)\\b.*", "nothing", "nothing"));

  private LockHints() {}

  private static Rule rule(String regex, String postgres, String mysql) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL), postgres, mysql);
  }

  /** The likely lock of one statement on a family's databases. */
  static String of(String sql, DialectFamily family) {
    String s = sql.strip().replaceAll("^(--[^\\n]*\\n\\s*)+", "");
    for (Rule r : RULES) {
      String text = family == DialectFamily.POSTGRESQL ? r.postgres() : r.mysql();
      Matcher m = r.pattern().matcher(s);
      if (text != null && m.find()) {
        String table = m.groupCount() >= 1 && m.group(1) != null ? m.group(1).replace("\"", "").replace("`", "")
            : "the table";
        return String.format(Locale.ROOT, text.replace("%s", "%1$s"), table);
      }
    }
    return "not classified: read the statement";
  }
}
