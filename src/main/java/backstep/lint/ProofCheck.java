package backstep.lint;

import backstep.playbook.RollbackMode;
import backstep.playbook.SqlSplitter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BS017: a step without rollback ({@code rollback_mode: none}). BS016: a step without verify is proven by its
 * effect, which the engine measures on the schema (DDL) or on the
 * table its DML writes. A statement that may change data but names no table the SQL shows (CALL, DO, EXECUTE, a
 * data-changing WITH, or DML the parser cannot read) leaves nothing to measure.
 */
final class ProofCheck implements Check {
  /** First words of statements that may change data. */
  private static final Set<String> DATA = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "UPSERT", "CALL",
      "DO", "EXECUTE", "COPY", "LOAD", "HANDLER");
  private static final Pattern FIRST_WORD = Pattern.compile("^\\s*\\(*\\s*([A-Za-z]+)");
  private static final Pattern WITH_DML = Pattern.compile("\\b(INSERT|UPDATE|DELETE|MERGE)\\b",
      Pattern.CASE_INSENSITIVE);

  @Override
  public void check(StepContext c) {
    if (c.step().rollbackMode() == RollbackMode.NONE) {
      c.reportStep(Rule.BS017, "no rollback (rollback_mode: none): a rollback that reaches this step stops there "
          + "and fails");
    }
    if (!c.step().verify().isEmpty()) {
      return;
    }
    for (Timeline.Entry e : c.forward()) {
      Parsed p = e.parsed();
      boolean namesTable = p.actions().stream().anyMatch(a -> !a.table().isEmpty()
          && (a instanceof Action.Insert || a instanceof Action.Update || a instanceof Action.Delete
          || a instanceof Action.Truncate));
      String word = changesData(p, c);
      if (!namesTable && word != null) {
        c.report(Rule.BS016, p, word + " with no verify, and no table the engine could checksum can be read from "
            + "it: nothing proves that the step applied, or that rollback undid it");
      }
    }
  }

  /** The first word of a statement that may change data, or null. */
  private static String changesData(Parsed p, StepContext c) {
    String sql;
    try {
      sql = SqlSplitter.withoutComments(p.stmt().sql(), c.family());
    } catch (IllegalArgumentException e) {
      sql = p.stmt().sql();
    }
    Matcher m = FIRST_WORD.matcher(sql);
    if (!m.find()) {
      return null;
    }
    String word = m.group(1).toUpperCase(Locale.ROOT);
    if (DATA.contains(word)) {
      return word;
    }
    return word.equals("WITH") && WITH_DML.matcher(withoutQuotes(sql)).find() ? "WITH … (data-changing)" : null;
  }

  private static String withoutQuotes(String sql) {
    return sql.replaceAll("'(?:[^']|'')*'", "''");
  }
}
