package backstep.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the few PostgreSQL and MySQL forms JSqlParser 5.4 cannot read into forms it can, remembering what was
 * taken out, and recognises two statements outright. Everything here is listed in docs/lint-rules.md:
 * <ul>
 *   <li>placeholders: {@code ${batch_size}} → a number, {@code ${schema}} and {@code ${recovery.x}} → names;
 *   <li>{@code … NOT VALID} is removed and remembered ({@link #notValid});
 *   <li>MySQL {@code DROP FOREIGN KEY x} and {@code DROP CHECK x} → {@code DROP CONSTRAINT x};
 *   <li>{@code SET x TO y} → {@code SET x = y}; {@code ALTER COLUMN c SET DATA TYPE t} → {@code … TYPE t};
 *   <li>{@code DROP INDEX CONCURRENTLY [IF EXISTS]} → {@code DROP INDEX [IF EXISTS]}, remembering CONCURRENTLY;
 *   <li>a statement the parser rejects is read again with the words it takes as keywords and PostgreSQL and MySQL
 *       do not ({@code number}, {@code comment}, {@code uuid}, {@code window}) quoted where they name a column
 *       ({@link #quoteKeywords});
 *   <li>{@code LOCK TABLE[S] …}, MySQL {@code UNLOCK TABLES} and {@code REINDEX …} are recognised by pattern, not
 *       parsed.
 * </ul>
 */
final class Normaliser {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern NOT_VALID = Pattern.compile("\\s+NOT\\s+VALID\\s*$", FLAGS);
  private static final Pattern DROP_INDEX_CONC = Pattern.compile(
      "^(\\s*DROP\\s+INDEX\\s+)CONCURRENTLY\\s+(IF\\s+EXISTS\\s+)?", FLAGS);
  private static final Pattern DROP_FK = Pattern.compile("\\bDROP\\s+(FOREIGN\\s+KEY|CHECK)\\s+", FLAGS);
  private static final Pattern SET_TO = Pattern.compile("^(\\s*SET\\s+(?:LOCAL\\s+|SESSION\\s+)?[\\w.\"]+)\\s+TO\\s+",
      FLAGS);
  private static final Pattern SET_DATA_TYPE = Pattern.compile("\\bSET\\s+DATA\\s+TYPE\\b", FLAGS);
  private static final Pattern LOCK = Pattern.compile(
      "^\\s*LOCK\\s+(?:TABLES?\\s+)?(?:ONLY\\s+)?([\\w.\"`]+(?:\\s*,\\s*[\\w.\"`]+)*)", FLAGS);
  private static final Pattern UNLOCK = Pattern.compile("^\\s*UNLOCK\\s+TABLES?\\s*$", FLAGS);
  private static final Pattern REINDEX = Pattern.compile(
      "^\\s*REINDEX\\s+(?:\\([^)]*\\)\\s*)?(INDEX|TABLE|SCHEMA|DATABASE|SYSTEM)\\s+(CONCURRENTLY\\s+)?([\\w.\"`]+)",
      FLAGS);
  /** Words JSqlParser 5.4 reserves that PostgreSQL and MySQL let a column be called, not before {@code (}. */
  private static final Pattern KEYWORD_NAME = Pattern.compile("(?<![\\w\"`.])(number|comment|uuid|window)(?![\\w\"`(])",
      Pattern.CASE_INSENSITIVE);
  /** After these a word is a type, not a name: {@code ADD COLUMN id uuid}, {@code id uuid PRIMARY KEY}. */
  private static final Pattern TYPE_POSITION = Pattern.compile("(?:\\w|\"|`)\\s+$");
  private static final Pattern RECOVERY = Pattern.compile("\\$\\{recovery\\.([^}]*)}");

  /**
   * A statement ready for the parser.
   *
   * @param recognised actions already known without the parser (LOCK, REINDEX); empty when the parser must read it
   * @param recoveryRefs the snapshot steps the statement reads through {@code ${recovery.<id>}}
   */
  record Result(String sql, boolean notValid, boolean concurrently, List<Action> recognised,
      List<String> recoveryRefs) {}

  private Normaliser() {}

  static Result normalise(String raw) {
    List<String> refs = new ArrayList<>();
    Matcher r = RECOVERY.matcher(raw);
    while (r.find()) {
      refs.add(r.group(1));
    }
    String sql = r.replaceAll("backstep_recovery_point")
        .replace("${batch_size}", "1000").replace("${schema}", "backstep_schema").strip();
    Matcher lock = LOCK.matcher(sql);
    if (lock.find()) {
      List<Action> locks = new ArrayList<>();
      for (String t : lock.group(1).split(",")) {
        locks.add(new Action.Lock(Names.table(t)));
      }
      return new Result(sql, false, false, locks, refs);
    }
    if (UNLOCK.matcher(sql).matches()) {
      return new Result(sql, false, false, List.of(new Action.Other("", "UNLOCK TABLES")), refs);
    }
    Matcher reindex = REINDEX.matcher(sql);
    if (reindex.find()) {
      String target = reindex.group(1).toUpperCase(Locale.ROOT).equals("TABLE") ? Names.table(reindex.group(3)) : "";
      return new Result(sql, false, false, List.of(new Action.Reindex(target, reindex.group(2) != null)), refs);
    }
    boolean notValid = NOT_VALID.matcher(sql).find();
    sql = NOT_VALID.matcher(sql).replaceAll("");
    Matcher dic = DROP_INDEX_CONC.matcher(sql);
    boolean concurrently = dic.find();
    if (concurrently) {
      sql = dic.group(1) + (dic.group(2) == null ? "" : dic.group(2)) + sql.substring(dic.end());
    }
    sql = DROP_FK.matcher(sql).replaceAll("DROP CONSTRAINT ");
    sql = SET_TO.matcher(sql).replaceFirst("$1 = ");
    sql = SET_DATA_TYPE.matcher(sql).replaceAll("TYPE");
    return new Result(sql, notValid, concurrently, List.of(), refs);
  }

  /**
   * The statement with {@code number}, {@code comment}, {@code uuid} and {@code window} quoted where they are names
   * (outside string literals, not a function call, not a type right after a column's name); unchanged when there
   * are none. Used only for a second reading after the parser rejected the statement.
   */
  static String quoteKeywords(String sql) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      int quote = sql.indexOf('\'', i);
      int end = quote < 0 ? sql.length() : quote;
      Matcher m = KEYWORD_NAME.matcher(sql.substring(i, end));
      StringBuilder part = new StringBuilder();
      while (m.find()) {
        String before = out + sql.substring(i, i + m.start());
        boolean type = TYPE_POSITION.matcher(before).find() && !before.stripTrailing().toUpperCase(Locale.ROOT)
            .matches("(?s).*\\b(SELECT|SET|WHERE|AND|OR|BY|ON|COLUMN|DISTINCT|NOT|RETURNING|WHEN|THEN|ELSE)$");
        m.appendReplacement(part, type ? m.group(1) : "\"" + m.group(1) + "\"");
      }
      m.appendTail(part);
      out.append(part);
      if (quote < 0) {
        break;
      }
      int close = sql.indexOf('\'', quote + 1);
      while (close >= 0 && close + 1 < sql.length() && sql.charAt(close + 1) == '\'') {
        close = sql.indexOf('\'', close + 2);
      }
      close = close < 0 ? sql.length() - 1 : close;
      out.append(sql, quote, close + 1);
      i = close + 1;
    }
    return out.toString();
  }
}
