package backstep.lint;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.SqlSplitter;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.playbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SQL that bypasses foreign-key enforcement: PostgreSQL's {@code session_replication_role = replica} and disabling
 * all triggers or the internal {@code RI_ConstraintTrigger_…} ones, MySQL/MariaDB's {@code foreign_key_checks = 0}.
 * Rows written meanwhile are never checked, so a validated foreign key no longer proves there are no orphans. Rule
 * BS014 reports it; the engine asks {@link #find} before trusting a constraint instead of scanning, whatever the
 * playbook's {@code lint: ignore} says. Read from the parsed statement where JSqlParser reads it, otherwise from its
 * text without comments.
 */
public final class ForeignKeyBypass {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final String PG_ROLE = "session_replication_role";
  private static final String MYSQL_CHECKS = "foreign_key_checks";
  private static final Set<String> MYSQL_OFF = Set.of("0", "off", "false");
  private static final Pattern PG_SET = Pattern.compile("^\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?\"?" + PG_ROLE
      + "\"?\\s*(?:=|TO)\\s*['\"]?(replica)['\"]?\\s*$", FLAGS);
  private static final Pattern SET_CONFIG = Pattern.compile("\\bset_config\\s*\\(\\s*'" + PG_ROLE
      + "'\\s*,\\s*'replica'\\s*,", FLAGS);
  private static final Pattern PG_DISABLE = Pattern.compile("^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
      + "(?:ONLY\\s+)?([\\w.\"]+).*?\\bDISABLE\\s+TRIGGER\\s+(ALL\\b|\"?RI_ConstraintTrigger\\w*\"?)", FLAGS);
  private static final Pattern DO_BLOCK = Pattern.compile(
      "^\\s*DO\\s+(?:LANGUAGE\\s+\\w+\\s+)?\\$(\\w*)\\$(.*)\\$\\1\\$", FLAGS);
  private static final Pattern BLOCK_WORDS = Pattern.compile("^(?:.*\\b(?:BEGIN|THEN|ELSE|LOOP)\\s+)?", FLAGS);
  private static final Pattern MYSQL_SET = Pattern.compile("(?:^\\s*SET\\s+(?:STATEMENT\\s+)?|,)\\s*"
      + "(?:(?:GLOBAL|SESSION|LOCAL|PERSIST|PERSIST_ONLY)\\s+)?(?:@@(?:\\w+\\.)?)?[`\"]?" + MYSQL_CHECKS
      + "[`\"]?\\s*:?=\\s*['\"]?(0|off|false)['\"]?\\s*(?=,|$|\\bFOR\\b)", FLAGS);
  private static final Pattern EXECUTABLE_COMMENT = Pattern.compile("/\\*M?!");
  private static final Pattern PG_QUOTED = Pattern.compile("'(?:[^']|'')*'");
  private static final Pattern MYSQL_QUOTED = Pattern.compile("'(?:[^'\\\\]|''|\\\\.)*'");

  private ForeignKeyBypass() {}

  /**
   * What one statement does to bypass foreign-key enforcement on {@code family}, in a few words; empty when it
   * does not. Setting it back ({@code origin}, {@code DEFAULT}, {@code 1}, ENABLE TRIGGER) is not a bypass.
   */
  public static Optional<String> describe(String statementSql, DialectFamily family) {
    return describe(StatementReader.read(new SqlText.Stmt(statementSql, 0)), family);
  }

  /**
   * Every bypass in the playbook's forward and rollback SQL for {@code family}, as
   * {@code step <id> <forward|rollback>: <description>}, in step order. Independent of {@code lint: ignore}.
   */
  public static List<String> find(Playbook playbook, DialectFamily family) {
    List<String> out = new ArrayList<>();
    for (Step s : playbook.steps()) {
      if (s instanceof SqlStep step) {
        find(step, "forward", step.forward(), family, out);
        find(step, "rollback", step.rollback(), family, out);
      }
    }
    return List.copyOf(out);
  }

  private static void find(SqlStep step, String part, SqlText sql, DialectFamily family, List<String> out) {
    for (SqlText.Stmt st : sql.statements(family)) {
      describe(StatementReader.read(st), family).ifPresent(d -> out.add("step " + step.id() + " " + part + ": " + d));
    }
  }

  /** BS014 on every forward and rollback statement of the step. */
  static void check(StepContext c) {
    Stream.concat(c.forward().stream().map(Timeline.Entry::parsed), c.rollback().stream())
        .forEach(p -> describe(p, c.family()).ifPresent(d -> c.report(Rule.BS014, p, d)));
  }

  static Optional<String> describe(Parsed p, DialectFamily family) {
    boolean postgres = family == DialectFamily.POSTGRESQL;
    String code = code(p.stmt().sql(), family);
    Optional<String> found = p.parsed() && !EXECUTABLE_COMMENT.matcher(p.stmt().sql()).find()
        ? fromActions(p.actions(), postgres) : fromText(code, postgres);
    if (found.isPresent() || !postgres) {
      return found;
    }
    if (SET_CONFIG.matcher(code).find()) {
      return Optional.of(setting(PG_ROLE, "replica") + " through set_config()");
    }
    Matcher block = DO_BLOCK.matcher(code);
    return block.find() ? Stream.of(code(block.group(2), family).split(";"))
        .map(piece -> fromText(BLOCK_WORDS.matcher(piece).replaceFirst(""), true)).flatMap(Optional::stream)
        .findFirst().map(d -> d + " in a DO block") : Optional.empty();
  }

  private static Optional<String> fromActions(List<Action> actions, boolean postgres) {
    for (Action a : actions) {
      if (a instanceof Action.Setting s && bypasses(s.name(), s.value().replaceAll("^\"|\"$", ""), postgres)) {
        return Optional.of(setting(s.name(), s.value()));
      }
      if (a instanceof Action.DisableTrigger d && postgres
          && (d.trigger().equals("ALL") || d.trigger().startsWith("ri_constrainttrigger"))) {
        return Optional.of(disabled(d.table(), d.trigger()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fromText(String code, boolean postgres) {
    if (!postgres) {
      Matcher m = MYSQL_SET.matcher(code);
      return m.find() ? Optional.of(setting(MYSQL_CHECKS, m.group(1))) : Optional.empty();
    }
    Matcher set = PG_SET.matcher(code);
    if (set.find()) {
      return Optional.of(setting(PG_ROLE, set.group(1)));
    }
    Matcher off = PG_DISABLE.matcher(code);
    return off.find() ? Optional.of(disabled(Names.table(off.group(1)),
        off.group(2).equalsIgnoreCase("ALL") ? "ALL" : Names.plain(off.group(2)))) : Optional.empty();
  }

  private static boolean bypasses(String name, String value, boolean postgres) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return postgres ? name.equals(PG_ROLE) && v.equals("replica") : name.equals(MYSQL_CHECKS) && MYSQL_OFF.contains(v);
  }

  private static String setting(String name, String value) {
    return "sets " + name + " to " + value + (name.equals(PG_ROLE) ? ": no trigger fires, foreign-key checks included"
        : ": rows are written without foreign-key checks");
  }

  private static String disabled(String table, String trigger) {
    return trigger.equals("ALL") ? "disables every trigger on " + table + ", foreign-key checks included"
        : "disables foreign-key trigger " + trigger + " on " + table;
  }

  /** The statement without comments and with quoted text of more than one word emptied, so prose never matches. */
  private static String code(String sql, DialectFamily family) {
    String bare;
    try {
      bare = SqlSplitter.withoutComments(sql, family);
    } catch (IllegalArgumentException e) {
      bare = sql;
    }
    Pattern quoted = family == DialectFamily.MYSQL ? MYSQL_QUOTED : PG_QUOTED;
    return quoted.matcher(bare).replaceAll(m -> m.group().matches("'\\w*'") ? Matcher.quoteReplacement(m.group())
        : "''");
  }
}
