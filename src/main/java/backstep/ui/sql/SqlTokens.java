package backstep.ui.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A small SQL lexer for highlighting, shared by PostgreSQL and MySQL/MariaDB text: keywords, strings, quoted names,
 * comments, numbers and Backstep's placeholders ({@code ${schema}}, {@code :batch}). It never fails: anything it
 * does not know is plain text. No JavaFX.
 */
public final class SqlTokens {
  /** What a run of characters is; {@link #style()} is its CSS class. */
  public enum Kind {
    KEYWORD, STRING, QUOTED, COMMENT, NUMBER, PLACEHOLDER, PLAIN;

    public String style() {
      return "sql-" + name().toLowerCase(Locale.ROOT);
    }
  }

  /** Characters {@code [start, end)} of the text are {@code kind}. */
  public record Token(Kind kind, int start, int end) {}

  private static final Set<String> KEYWORDS = Set.of(("ADD ALL ALTER ANALYZE AND ANY AS ASC BEGIN BETWEEN BIGINT "
      + "BOOLEAN BY CASCADE CASE CAST CHAR CHARACTER CHECK COLLATE COLUMN COMMENT COMMIT CONCURRENTLY CONSTRAINT "
      + "COUNT CREATE CROSS DATABASE DATE DEFAULT DEFERRABLE DELETE DESC DISTINCT DO DROP ELSE END ENGINE ENUM "
      + "EXCEPT EXECUTE EXISTS EXTENSION FALSE FOR FOREIGN FROM FULL FUNCTION GENERATED GRANT GROUP HAVING IF "
      + "IN INDEX INNER INSERT INT INTEGER INTERSECT INTERVAL INTO IS JOIN KEY KILL LANGUAGE LEFT LIKE LIMIT LOCK "
      + "MODIFY NOT NOTHING NULL NUMERIC OF OFFSET ON ONLY OR ORDER OUTER OVER PARTITION PRIMARY PROCEDURE QUERY "
      + "REFERENCES RENAME REPLACE RESTRICT RETURNING RETURNS REVOKE RIGHT ROLLBACK ROW ROWS SCHEMA SELECT "
      + "SEQUENCE SERIAL SET SMALLINT TABLE TEMPORARY TEXT THEN TIMESTAMP TIMESTAMPTZ TO TRANSACTION TRIGGER TRUE "
      + "TRUNCATE TYPE UNION UNIQUE UPDATE USING UUID VALUES VARCHAR VIEW WHEN WHERE WITH WITHOUT")
      .split(" "));

  private SqlTokens() {}

  /** Every token of {@code text}, in order, covering it without gaps (plain runs included). */
  public static List<Token> of(String text) {
    List<Token> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    int plain = 0;
    while (i < n) {
      int end = -1;
      Kind kind = null;
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : '\0';
      if (c == '-' && next == '-' || c == '#' && next == ' ') {
        end = until(text, i, "\n", false);
        kind = Kind.COMMENT;
      } else if (c == '/' && next == '*') {
        end = until(text, i + 2, "*/", true);
        kind = Kind.COMMENT;
      } else if (c == '\'') {
        end = quoted(text, i, '\'');
        kind = Kind.STRING;
      } else if (c == '"' || c == '`') {
        end = quoted(text, i, c);
        kind = Kind.QUOTED;
      } else if (c == '$' && next == '{') {
        end = until(text, i, "}", true);
        kind = Kind.PLACEHOLDER;
      } else if (c == ':' && Character.isLetter(next) && (i == 0 || text.charAt(i - 1) != ':')) {
        end = word(text, i + 1);
        kind = Kind.PLACEHOLDER;
      } else if (Character.isDigit(c) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
        end = number(text, i);
        kind = Kind.NUMBER;
      } else if (Character.isLetter(c) || c == '_') {
        end = word(text, i);
        if (KEYWORDS.contains(text.substring(i, end).toUpperCase(Locale.ROOT))) {
          kind = Kind.KEYWORD;
        }
      }
      if (kind == null) {
        i = end > i ? end : i + 1;
        continue;
      }
      if (plain < i) {
        out.add(new Token(Kind.PLAIN, plain, i));
      }
      out.add(new Token(kind, i, end));
      i = end;
      plain = end;
    }
    if (plain < n) {
      out.add(new Token(Kind.PLAIN, plain, n));
    }
    return out;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static int word(String t, int i) {
    int j = i;
    while (j < t.length() && isWordChar(t.charAt(j))) {
      j++;
    }
    return j;
  }

  private static int number(String t, int i) {
    int j = i;
    while (j < t.length() && (Character.isDigit(t.charAt(j)) || t.charAt(j) == '.')) {
      j++;
    }
    return j;
  }

  /** The end of a run starting at {@code i} that closes at {@code close} (included or not), or the text's end. */
  private static int until(String t, int i, String close, boolean include) {
    int k = t.indexOf(close, i);
    return k < 0 ? t.length() : include ? k + close.length() : k;
  }

  /** A quoted run; a doubled quote (and, in strings, a backslash) escapes. Unclosed: to the text's end. */
  private static int quoted(String t, int i, char q) {
    int j = i + 1;
    while (j < t.length()) {
      char c = t.charAt(j);
      if (c == '\\' && q == '\'' && j + 1 < t.length()) {
        j += 2;
      } else if (c == q && j + 1 < t.length() && t.charAt(j + 1) == q) {
        j += 2;
      } else if (c == q) {
        return j + 1;
      } else {
        j++;
      }
    }
    return t.length();
  }
}
