package backstep.playbook;

import java.util.Locale;
import java.util.Set;

/**
 * Follows one statement token by token and says whether a {@code ;} at the current point is inside a compound body
 * (so it does not end the statement). A heuristic over keywords, not a parser; only words outside parentheses count.
 *
 * <p>MySQL/MariaDB: in {@code CREATE [OR REPLACE] [DEFINER = …] [AGGREGATE] PROCEDURE | FUNCTION | TRIGGER | EVENT},
 * and in MariaDB's {@code BEGIN NOT ATOMIC}, these open a block: {@code BEGIN}, {@code LOOP}, {@code WHILE},
 * {@code CASE} (statement or expression: both close with one {@code END}), {@code REPEAT} unless it is the
 * {@code REPEAT(…)} function, MariaDB's {@code FOR x IN … DO}, and {@code IF} unless it is the {@code IF(a, b, c)}
 * function or the DDL clause {@code IF [NOT] EXISTS name}. {@code END} closes one, with the keyword after it
 * ({@code END IF}, {@code END LOOP}…) taken as part of it. A qualified name ({@code NEW.end}) is not a keyword, nor
 * is {@code begin} or {@code end} where a column of that name stands (after a comma, {@code =}, SET or SELECT). Any
 * other statement, including {@code BEGIN}, {@code BEGIN WORK} and {@code START TRANSACTION}, has no body.
 *
 * <p>PostgreSQL: in {@code CREATE [OR REPLACE] FUNCTION | PROCEDURE}, {@code BEGIN ATOMIC} opens the SQL-standard
 * body, {@code CASE} inside it opens and {@code END} closes. Bodies in dollar quotes are single tokens already, and
 * the transaction statements {@code BEGIN} and {@code END} open nothing.
 */
final class BodyDepth {
  private enum Kind { UNDECIDED, PLAIN, MYSQL_ROUTINE, PG_ROUTINE }

  private static final Set<String> MYSQL_ROUTINES = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");
  private static final Set<String> MYSQL_CREATE_OPTIONS = Set.of("OR", "REPLACE", "DEFINER", "AGGREGATE",
      "CURRENT_USER");
  private static final Set<String> MYSQL_OPENERS = Set.of("BEGIN", "CASE", "LOOP", "WHILE");
  private static final Set<String> END_SUFFIXES = Set.of("IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR");
  private static final Set<String> PG_ROUTINES = Set.of("FUNCTION", "PROCEDURE");
  private static final Set<String> COLUMN_BEFORE = Set.of(",", "=", "SET", "SELECT");

  private final SqlScanner sc;
  private Kind kind;
  private int depth;
  private int parens;
  private boolean afterEnd;
  private String previous;

  BodyDepth(SqlScanner scanner) {
    this.sc = scanner;
    reset();
  }

  /** Forgets the statement: the next token starts a new one. */
  void reset() {
    kind = null;
    depth = 0;
    parens = 0;
    afterEnd = false;
    previous = "";
  }

  /** Whether the statement is inside a body at this point. */
  boolean inside() {
    return depth > 0;
  }

  /**
   * Takes the next significant token: a word, a quoted token or one other character (comments are never passed).
   *
   * @param start the token's first index
   * @param end the index after it
   */
  void token(int start, int end) {
    if (kind == Kind.PLAIN) {
      return;
    }
    boolean endBefore = afterEnd;
    afterEnd = false;
    String before = previous;
    boolean word = sc.wordEnd(start) == end;
    previous = word || end - start == 1 ? sc.text().substring(start, end).toUpperCase(Locale.ROOT) : "";
    char c = sc.charAt(start);
    if (c == '(') {
      parens++;
    } else if (c == ')' && parens > 0) {
      parens--;
    }
    if (!word || parens > 0 || before.equals(".")) {
      return;
    }
    String w = previous;
    if (kind == null || kind == Kind.UNDECIDED) {
      decide(w, end, before);
    } else if (column(w, before, end)) {
      return;
    } else if (kind == Kind.MYSQL_ROUTINE && !(endBefore && END_SUFFIXES.contains(w))) {
      mysqlWord(w, end);
    } else if (kind == Kind.PG_ROUTINE) {
      pgWord(w, end);
    }
  }

  /**
   * Whether {@code w} is a column named begin or end rather than the keyword: after a comma, {@code =}, SET or
   * SELECT, or (begin) before a comma, {@code =}, {@code .} or {@code )}.
   */
  private boolean column(String w, String before, int end) {
    if (!w.equals("BEGIN") && !w.equals("END")) {
      return false;
    }
    return COLUMN_BEFORE.contains(before) || w.equals("BEGIN") && ",=.)".indexOf(sc.charAt(sc.skipBlank(end))) >= 0;
  }

  /** What kind of statement this is, from its first words. */
  private void decide(String w, int end, String before) {
    boolean mysql = sc.mysql();
    if (kind == null) {
      if (w.equals("CREATE")) {
        kind = Kind.UNDECIDED;
      } else if (mysql && w.equals("BEGIN") && nextWord(end).equals("NOT")
          && nextWord(afterNextWord(end)).equals("ATOMIC")) {
        kind = Kind.MYSQL_ROUTINE;
        depth = 1;
      } else {
        kind = Kind.PLAIN;
      }
    } else if (mysql) {
      if (!MYSQL_CREATE_OPTIONS.contains(w) && !before.equals("=") && !before.equals("@")) {
        kind = MYSQL_ROUTINES.contains(w) ? Kind.MYSQL_ROUTINE : Kind.PLAIN;
      }
    } else if (!w.equals("OR") && !w.equals("REPLACE")) {
      kind = PG_ROUTINES.contains(w) ? Kind.PG_ROUTINE : Kind.PLAIN;
    }
  }

  private void mysqlWord(String w, int end) {
    if (MYSQL_OPENERS.contains(w)
        || w.equals("REPEAT") && sc.charAt(sc.skipBlank(end)) != '('
        || w.equals("IF") && ifStatement(end)
        || w.equals("FOR") && nextWord(afterNextWord(end)).equals("IN")) {
      depth++;
    } else if (w.equals("END") && depth > 0) {
      depth--;
      afterEnd = true;
    }
  }

  private void pgWord(String w, int end) {
    if (w.equals("BEGIN") && depth == 0 && nextWord(end).equals("ATOMIC")) {
      depth = 1;
    } else if (w.equals("CASE") && depth > 0) {
      depth++;
    } else if (w.equals("END") && depth > 0) {
      depth--;
    }
  }

  /**
   * Whether the {@code IF} ending at {@code end} starts an IF statement: not {@code IF(a, b, c)} (a parenthesised
   * group with two commas at its top) and not {@code IF [NOT] EXISTS name} (a DDL clause; an IF statement's
   * {@code EXISTS} is followed by a subquery in parentheses).
   */
  private boolean ifStatement(int end) {
    int next = sc.skipBlank(end);
    if (sc.charAt(next) == '(') {
      return topLevelCommas(next) != 2;
    }
    if (sc.word(next).equals("NOT")) {
      next = sc.skipBlank(sc.wordEnd(next));
    }
    if (sc.word(next).equals("EXISTS")) {
      return sc.charAt(sc.skipBlank(sc.wordEnd(next))) == '(';
    }
    return true;
  }

  /** Commas at the top level of the parenthesised group opened at {@code open}. */
  private int topLevelCommas(int open) {
    int level = 0;
    int commas = 0;
    int i = open;
    while (i < sc.length()) {
      int comment = sc.commentEnd(i);
      if (comment >= 0) {
        i = comment;
        continue;
      }
      char c = sc.charAt(i);
      if (c == '(') {
        level++;
      } else if (c == ')' && --level == 0) {
        break;
      } else if (c == ',' && level == 1) {
        commas++;
      }
      i = sc.tokenEnd(i);
    }
    return commas;
  }

  /** The word after {@code from} (blanks and comments skipped), or "". */
  private String nextWord(int from) {
    return from < 0 ? "" : sc.word(sc.skipBlank(from));
  }

  /** The end of the word after {@code from}, or -1 if a word does not follow. */
  private int afterNextWord(int from) {
    return sc.wordEnd(sc.skipBlank(from));
  }
}
