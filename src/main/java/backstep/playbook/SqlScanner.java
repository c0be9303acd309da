package backstep.playbook;

import java.util.Locale;
import java.util.Objects;

/**
 * The lexical view of one SQL text that {@link SqlSplitter} and {@link BodyDepth} share: where a comment, a quoted
 * token or a word that starts at an index ends, the next index that is neither blank nor comment, and the line of an
 * index. Quoting follows the dialect family: PostgreSQL has {@code E'…'} escape strings, {@code "…"} identifiers,
 * nested block comments and dollar quotes; MySQL/MariaDB has backslash escapes in {@code '…'} and {@code "…"} strings,
 * {@code `…`} identifiers, {@code #} comments and executable comments.
 */
final class SqlScanner {
  private final String s;
  private final boolean mysql;
  private int lineCursor;
  private int lineAtCursor = 1;

  SqlScanner(String sql, DialectFamily family) {
    this.s = Objects.requireNonNull(sql, "sql");
    this.mysql = Objects.requireNonNull(family, "family") == DialectFamily.MYSQL;
  }

  String text() {
    return s;
  }

  boolean mysql() {
    return mysql;
  }

  int length() {
    return s.length();
  }

  char charAt(int i) {
    return i >= 0 && i < s.length() ? s.charAt(i) : '\0';
  }

  /** The end of the comment starting at {@code i}, or -1 if none starts there. */
  int commentEnd(int i) {
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
  boolean executableComment(int i) {
    return mysql && (s.startsWith("/*!", i) || s.startsWith("/*M!", i));
  }

  /** The index of the line break ending the line of {@code i}, or the text's length on the last line. */
  int lineEnd(int i) {
    int nl = s.indexOf('\n', i);
    return nl < 0 ? s.length() : nl;
  }

  /** Whether only blanks stand between the start of the line of {@code i} and {@code i}. */
  boolean firstOnLine(int i) {
    for (int j = i - 1; j >= 0 && s.charAt(j) != '\n'; j--) {
      if (!Character.isWhitespace(s.charAt(j))) {
        return false;
      }
    }
    return true;
  }

  /** The end of the quoted token starting at {@code i}, or {@code i + 1} for any other character. */
  int tokenEnd(int i) {
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

  /** The end of the word (a keyword or unquoted identifier) starting at {@code i}, or -1 if none starts there. */
  int wordEnd(int i) {
    char c = charAt(i);
    if (!(Character.isLetter(c) || c == '_') || isIdentChar(charAt(i - 1))) {
      return -1;
    }
    int j = i + 1;
    while (j < s.length() && isIdentChar(s.charAt(j))) {
      j++;
    }
    return j;
  }

  /** The word starting at {@code i} in upper case, or "" if none starts there. */
  String word(int i) {
    int end = wordEnd(i);
    return end < 0 ? "" : s.substring(i, end).toUpperCase(Locale.ROOT);
  }

  /** The first index at or after {@code i} that is neither whitespace nor inside a comment SQL does not run. */
  int skipBlank(int i) {
    int j = i;
    while (j < s.length()) {
      if (Character.isWhitespace(s.charAt(j))) {
        j++;
        continue;
      }
      int end = commentEnd(j);
      if (end < 0 || executableComment(j)) {
        return j;
      }
      j = end;
    }
    return j;
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

  IllegalArgumentException unterminated(String what, int i) {
    return error("unterminated " + what + " starting", i);
  }

  /** An error whose message ends "at line N", N being the line of {@code i}. */
  IllegalArgumentException error(String what, int i) {
    return new IllegalArgumentException(what + " at line " + lineAt(i));
  }

  /** The 1-based line of index {@code i}; counts incrementally since lookups mostly move forward. */
  int lineAt(int i) {
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
