package backstep.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SQL lexer for statement shapes: words (keywords and identifiers, quoted with {@code "} or a backtick),
 * string and number literals, placeholders ({@code $n} or {@code ?}) and operators, each with its offsets in the
 * text. Comments are dropped. It is enough to find literals, placeholders and the columns they meet; it is not a
 * parser.
 */
final class SqlTokens {
  enum Type { WORD, QUOTED, STRING, NUMBER, PARAM, OP }

  /** One token; {@code text} is the identifier without quotes for QUOTED. */
  record Token(Type type, String text, int start, int end) {
    boolean is(String word) {
      return (type == Type.WORD || type == Type.OP) && text.equalsIgnoreCase(word);
    }

    boolean identifier() {
      return type == Type.QUOTED || type == Type.WORD && !SqlWords.KEYWORDS.contains(text.toUpperCase(Locale.ROOT));
    }
  }

  private SqlTokens() {
  }

  static List<Token> of(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = lineEnd(sql, i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int e = sql.indexOf("*/", i + 2);
        i = e < 0 ? n : e + 2;
      } else if (c == '\'' || (c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        int s = i;
        i = quoted(sql, c == '\'' ? i : i + 1, '\'');
        out.add(new Token(Type.STRING, sql.substring(s, i), s, i));
      } else if (c == '"' || c == '`') {
        int s = i;
        i = quoted(sql, i, c);
        out.add(new Token(Type.QUOTED, sql.substring(s + 1, Math.max(s + 1, i - 1)), s, i));
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        int s = i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        out.add(new Token(Type.PARAM, sql.substring(s, i), s, i));
      } else if (c == '?') {
        out.add(new Token(Type.PARAM, "?", i, ++i));
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || exponentSign(sql, i))) {
          i++;
        }
        out.add(new Token(Type.NUMBER, sql.substring(s, i), s, i));
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        out.add(new Token(Type.WORD, sql.substring(s, i), s, i));
      } else {
        int s = i;
        String two = i + 1 < n ? sql.substring(i, i + 2) : "";
        i += switch (two) {
          case "<=", ">=", "<>", "!=", "::", "||" -> 2;
          default -> 1;
        };
        out.add(new Token(Type.OP, sql.substring(s, i), s, i));
      }
    }
    return out;
  }

  /** A sign right after a number's {@code e}: {@code 1e-5}. */
  private static boolean exponentSign(String sql, int i) {
    char c = sql.charAt(i);
    return (c == '+' || c == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E');
  }

  private static int lineEnd(String sql, int i) {
    int e = sql.indexOf('\n', i);
    return e < 0 ? sql.length() : e + 1;
  }

  /** The offset after the closing quote (a doubled quote, or a backslash-escaped one, stays inside). */
  private static int quoted(String sql, int open, char q) {
    int i = open + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && q == '\'') {
        i += 2;
      } else if (c == q) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }
}
