package backstep.engine;

import backstep.playbook.DialectFamily;
import backstep.playbook.SqlSplitter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object names a step's SQL mentions, read with patterns rather than a parser: every name after a keyword that
 * introduces a table, view, sequence, routine or index target ({@code TABLE}, {@code INTO}, {@code UPDATE},
 * {@code FROM}, {@code JOIN}, {@code ON}, {@code REFERENCES}, {@code VIEW}, {@code FUNCTION}, {@code TO} …). It
 * over-reads on purpose (a column after {@code ON a.id} is one more name to look up, found absent, and ignored): the
 * names only scope the catalog reads that record a step's effect, and the full fingerprints before the run and after
 * its rollback see everything whatever the scope. {@link #dmlTargets} are the tables whose rows the SQL changes.
 */
final class SqlNames {
  private static final String NAME = "((?:\"[^\"]+\"|`[^`]+`|[\\p{L}_][\\p{L}\\p{N}_$]*)"
      + "(?:\\s*\\.\\s*(?:\"[^\"]+\"|`[^`]+`|[\\p{L}_][\\p{L}\\p{N}_$]*))*)";
  private static final String SKIP = "(?:(?:IF\\s+(?:NOT\\s+)?EXISTS|ONLY|CONCURRENTLY|TEMPORARY|TEMP|UNLOGGED"
      + "|OR\\s+REPLACE|MATERIALIZED|TABLE|LOW_PRIORITY|IGNORE|QUICK|DELAYED)\\s+)*";
  private static final Pattern MENTION = Pattern.compile("\\b(?:TABLE|INTO|UPDATE|FROM|JOIN|ON|REFERENCES|VIEW"
      + "|SEQUENCE|FUNCTION|PROCEDURE|TRIGGER|INDEX|TRUNCATE|TO|EXISTS|RENAME|KEY|CALL|OWNED\\s+BY)\\s+"
      + SKIP + NAME, Pattern.CASE_INSENSITIVE);
  private static final Pattern DML = Pattern.compile("\\b(?:INSERT\\s+(?:IGNORE\\s+)?INTO|REPLACE\\s+INTO"
      + "|UPDATE(?:\\s+IGNORE)?|DELETE\\s+(?:\\w+\\s+)?FROM|MERGE\\s+INTO|TRUNCATE(?:\\s+TABLE)?|COPY)\\s+(?:ONLY\\s+)?"
      + NAME, Pattern.CASE_INSENSITIVE);
  private static final Pattern DML_STATEMENT = Pattern.compile("\\s*\\(?\\s*(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE"
      + "|REPLACE|WITH|COPY)\\b", Pattern.CASE_INSENSITIVE);
  /** DDL whose effect the catalog snapshot can see: tables, columns, keys, indexes, views, sequences, routines. */
  private static final Pattern OBSERVABLE_DDL = Pattern.compile("\\b(?:CREATE|ALTER|DROP|RENAME)\\s+(?:OR\\s+REPLACE"
      + "\\s+)?(?:UNIQUE\\s+)?(?:TEMPORARY\\s+|UNLOGGED\\s+|MATERIALIZED\\s+)?(?:TABLE|INDEX|VIEW|SEQUENCE|FUNCTION"
      + "|PROCEDURE|TRIGGER)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern ANY_DDL = Pattern.compile("^\\s*(?:CREATE|ALTER|DROP|RENAME|COMMENT|GRANT|REVOKE)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Set<String> NOT_NAMES = Set.of("select", "set", "values", "where", "not", "exists", "table",
      "default", "delete", "update", "cascade", "restrict", "null", "true", "false", "each", "row", "statement",
      "lateral", "conflict", "duplicate", "with", "using", "begin", "end", "as", "if", "only", "public");

  private SqlNames() {}

  /** Every name {@code sql} mentions, as written and lower-cased (the catalog's spelling of an unquoted name). */
  static Set<String> mentioned(String sql, DialectFamily family) {
    return collect(MENTION, sql, family);
  }

  /**
   * The tables whose rows the statement {@code sql} changes: only a statement that is itself data manipulation
   * counts (the DML inside a routine or trigger body runs later, when the application calls it).
   */
  static Set<String> dmlTargets(String sql, DialectFamily family) {
    return DML_STATEMENT.matcher(plain(sql, family)).lookingAt() ? collect(DML, sql, family) : Set.of();
  }

  /** Whether {@code sql} changes the schema in a way a catalog snapshot records. */
  static boolean observableDdl(String sql, DialectFamily family) {
    return OBSERVABLE_DDL.matcher(plain(sql, family)).find();
  }

  /** Whether {@code sql} has any statement that is not plain data manipulation. */
  static boolean anyDdl(String sql, DialectFamily family) {
    return ANY_DDL.matcher(plain(sql, family)).find();
  }

  private static Set<String> collect(Pattern p, String sql, DialectFamily family) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = p.matcher(plain(sql, family));
    while (m.find()) {
      String qualified = m.group(1);
      String last = qualified.substring(qualified.lastIndexOf('.') + 1).trim();
      boolean quoted = last.startsWith("\"") || last.startsWith("`");
      String name = quoted ? last.substring(1, last.length() - 1) : last;
      if (!quoted && NOT_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      out.add(name);
      if (!quoted) {
        out.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static String plain(String sql, DialectFamily family) {
    try {
      return SqlSplitter.withoutComments(sql, family);
    } catch (IllegalArgumentException e) {
      return sql;
    }
  }
}
