package backstep.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a block of SQL into statements on top-level semicolons. A hand-written scanner that skips
 * over quoted strings and identifiers, comments and (PostgreSQL) dollar-quoted bodies, so that
 * semicolons inside them do not end a statement. There is no support for the mysql client's
 * DELIMITER command: a MySQL trigger or routine must be a single statement without inner semicolons
 * at top level (e.g. {@code FOR EACH ROW SET ...}).
 */
public final class SqlSplitter {

  /**
   * One statement: its trimmed text without the terminating {@code ;}, and the 1-based line of the
   * input on which it starts (its first character that is neither blank nor part of a comment).
   */
  public record Statement(String sql, int line) {}

  private final String s;
  private final boolean mysql;
  private int lineCursor;
  private int lineAtCursor = 1;

  private SqlSplitter(String sql, DialectFamily family) {
    this.s = Objects.requireNonNull(sql, "sql");
    this.mysql = Objects.requireNonNull(family, "family") == DialectFamily.MYSQL;
  }

  /**
   * Splits {@code sql} into statements. Statements that are empty or hold only comments are dropped;
   * comments inside a statement are kept as written, comments before it are not part of it.
   *
   * @throws IllegalArgumentException if a string, quoted identifier, block comment or dollar-quoted
   *     string is not terminated; the message names the line where it starts
   */
  public static List<Statement> split(String sql, DialectFamily family) {
    return new SqlSplitter(sql, family).run();
  }

  /**
   * True when {@code sql} holds no statement: only whitespace, comments and empty statements. Text
   * with an unterminated construct is not blank (split reports the error).
   */
  public static boolean isBlankOrComment(String sql, DialectFamily family) {
    try {
      return split(sql, family).isEmpty();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * {@code sql} with every comment replaced by a space, quoted text left as written; a MySQL/MariaDB executable
   * comment keeps its content (without the version number), since the server runs it.
   *
   * @throws IllegalArgumentException as {@link #split} does, on an unterminated construct
   */
  public static String withoutComments(String sql, DialectFamily family) {
    return new SqlSplitter(sql, family).code();
  }

  private String code() {
    StringBuilder out = new StringBuilder(s.length());
    int pos = 0;
    while (pos < s.length()) {
      int end = commentEnd(pos);
      if (end < 0) {
        end = tokenEnd(pos);
        out.append(s, pos, end);
      } else if (executableComment(pos)) {
        out.append(' ').append(s.substring(pos, end - 2).replaceFirst("^/\\*M?!\\d*", "")).append(' ');
      } else {
        out.append(' ');
      }
      pos = end;
    }
    return out.toString();
  }

  private List<Statement> run() {
    List<Statement> out = new ArrayList<>();
    int start = -1;
    int pos = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ';') {
        emit(out, start, pos);
        start = -1;
        pos++;
        continue;
      }
      int end = commentEnd(pos);
      boolean content = end < 0 || executableComment(pos);
      if (end < 0) {
        end = tokenEnd(pos);
      }
      if (content && start < 0 && !Character.isWhitespace(c)) {
        start = pos;
      }
      pos = end;
    }
    emit(out, start, s.length());
    return out;
  }

  private void emit(List<Statement> out, int start, int end) {
    if (start >= 0) {
      out.add(new Statement(s.substring(start, end).strip(), lineAt(start)));
    }
  }

  /** The end of the comment starting at {@code i}, or -1 if none starts there. */
  private int commentEnd(int i) {
    char c = s.charAt(i);
    char next = charAt(i + 1);
    if (c == '-' && next == '-' && (!mysql || i + 2 >= s.length() || s.charAt(i + 2) <= ' ')) {
      return lineEnd(i);
    }
    if (c == '#' && mysql) {
      return lineEnd(i);
    }
    if (c == '/' && next == '*') {
      int depth = 1;
      for (int j = i + 2; j < s.length(); j++) {
        if (!mysql && s.startsWith("/*", j)) {
          depth++;
          j++;
        } else if (s.startsWith("*/", j)) {
          j++;
          if (--depth == 0) {
            return j + 1;
          }
        }
      }
      throw unterminated("block comment", i);
    }
    return -1;
  }

  /** MySQL/MariaDB executable comments (opened by slash-star-bang) are SQL the server runs. */
  private boolean executableComment(int i) {
    return mysql && (s.startsWith("/*!", i) || s.startsWith("/*M!", i));
  }

  private int lineEnd(int i) {
    int nl = s.indexOf('\n', i);
    return nl < 0 ? s.length() : nl;
  }

  /** The end of the quoted token starting at {@code i}, or {@code i + 1} for any other character. */
  private int tokenEnd(int i) {
    char c = s.charAt(i);
    if (c == '\'') {
      boolean escapeString = !mysql && i > 0 && (charAt(i - 1) == 'E' || charAt(i - 1) == 'e')
          && (i < 2 || !isIdentChar(charAt(i - 2)));
      return quoteEnd(i, mysql || escapeString, "quoted string");
    }
    if (c == '"') {
      // in MySQL's default mode "..." is a string literal, with backslash escapes
      return quoteEnd(i, mysql, mysql ? "quoted string" : "quoted identifier");
    }
    if (c == '`' && mysql) {
      return quoteEnd(i, false, "quoted identifier");
    }
    if (c == '$' && !mysql) {
      return dollarQuoteEnd(i);
    }
    return i + 1;
  }

  private int quoteEnd(int i, boolean backslashEscapes, String what) {
    char quote = s.charAt(i);
    for (int j = i + 1; j < s.length(); j++) {
      char c = s.charAt(j);
      if (backslashEscapes && c == '\\') {
        j++;
      } else if (c == quote) {
        if (charAt(j + 1) != quote) {
          return j + 1;
        }
        j++; // doubled quote
      }
    }
    throw unterminated(what, i);
  }

  /**
   * {@code $$...$$} or {@code $tag$...$tag$}; a {@code $} that opens no such quote ({@code $1}, {@code a$b}) is plain.
   */
  private int dollarQuoteEnd(int i) {
    if (i > 0 && isIdentChar(s.charAt(i - 1))) {
      return i + 1;
    }
    int j = i + 1;
    if (Character.isLetter(charAt(j)) || charAt(j) == '_') {
      while (Character.isLetterOrDigit(charAt(j)) || charAt(j) == '_') {
        j++;
      }
    }
    if (charAt(j) != '$') {
      return i + 1;
    }
    String tag = s.substring(i, j + 1);
    int close = s.indexOf(tag, j + 1);
    if (close < 0) {
      throw unterminated("dollar-quoted string", i);
    }
    return close + tag.length();
  }

  private static boolean isIdentChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private char charAt(int i) {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private IllegalArgumentException unterminated(String what, int i) {
    return new IllegalArgumentException("unterminated " + what + " starting at line " + lineAt(i));
  }

  /** The 1-based line of index {@code i}; counts incrementally since lookups mostly move forward. */
  private int lineAt(int i) {
    if (i < lineCursor) {
      lineCursor = 0;
      lineAtCursor = 1;
    }
    for (; lineCursor < i; lineCursor++) {
      if (s.charAt(lineCursor) == '\n') {
        lineAtCursor++;
      }
    }
    return lineAtCursor;
  }
}
