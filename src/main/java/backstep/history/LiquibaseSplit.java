package backstep.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * How Liquibase 4.x cuts the text of a {@code sql} or {@code sqlFile} change (or a formatted SQL changeset) into the
 * statements it sends, written from its documented behaviour and checked against the real Liquibase in
 * {@code LiquibaseSplitTest}. Liquibase's tokenizer knows quoted strings and identifiers and {@code --} and
 * {@code /* *}{@code /} comments, but not PostgreSQL's dollar quotes; it splits on {@code ;} (or the
 * {@code endDelimiter}), and on {@code GO} or {@code /} at the start of a line, except between a {@code BEGIN} and its
 * {@code END} (counted word by word, so an {@code END IF} closes a {@code BEGIN} too). The importer uses it to know
 * where Liquibase splits, then writes text Backstep's own splitter reads the same way.
 */
final class LiquibaseSplit {
  private static final Set<String> NOT_A_BLOCK = Set.of("transaction", "trans", "tran", "dialog", "conversation",
      "distributed");
  private static final Set<String> NOT_A_BLOCK_END = Set.of("transaction", "trans", "tran");

  private LiquibaseSplit() {}

  /**
   * The statements Liquibase sends for {@code sql}: each trimmed, without its delimiter, comments kept unless
   * {@code stripComments}. With {@code split} false the whole text is one statement.
   *
   * @param endDelimiter the change's {@code endDelimiter}, or null for Liquibase's default
   */
  static List<String> statements(String sql, boolean stripComments, boolean split, String endDelimiter) {
    String text = sql.strip().replace("\r", "");
    List<String> tokens = merge(tokens(text, stripComments), endDelimiter);
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String previous = null;
    boolean afterDelimiter = false;
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String piece = tokens.get(i);
      String next = nextWord(tokens, i + 1);
      if (piece.equalsIgnoreCase("BEGIN") && !NOT_A_BLOCK.contains(next)) {
        depth++;
      }
      if (piece.equalsIgnoreCase("END") && depth > 0 && !NOT_A_BLOCK_END.contains(next)) {
        depth--;
      }
      if (depth == 0 && split && isDelimiter(piece, previous, endDelimiter)) {
        add(out, current);
        current.setLength(0);
        afterDelimiter = true;
      } else {
        boolean blank = piece.isBlank();
        if ((!afterDelimiter || !blank) && (current.length() > 0 || !blank)) {
          current.append(piece);
        }
        afterDelimiter = false;
      }
      previous = piece;
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder current) {
    String s = current.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }

  private static String nextWord(List<String> tokens, int from) {
    for (int j = from; j < tokens.size(); j++) {
      if (!tokens.get(j).isBlank()) {
        return tokens.get(j).strip().toLowerCase(Locale.ROOT);
      }
    }
    return "";
  }

  private static boolean isDelimiter(String piece, String previous, String endDelimiter) {
    if (endDelimiter == null) {
      return ";".equals(piece) || (("go".equalsIgnoreCase(piece) || "/".equals(piece))
          && (previous == null || previous.endsWith("\n")));
    }
    if (endDelimiter.length() == 1) {
      if ("/".equals(endDelimiter) && previous != null && !previous.endsWith("\n")) {
        return false;
      }
      return piece.equalsIgnoreCase(endDelimiter);
    }
    if (piece.equalsIgnoreCase(endDelimiter)) {
      return true;
    }
    try {
      // Liquibase reads a longer delimiter as a regular expression here (so "\nGO" matches a GO line)
      return (previous + piece).toLowerCase(Locale.ROOT).matches("[\\s\n\r]*" + endDelimiter.toLowerCase(Locale.ROOT));
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** Joins consecutive tokens that spell a delimiter longer than one token ({@code //}, {@code $$}). */
  private static List<String> merge(List<String> tokens, String endDelimiter) {
    if (endDelimiter == null) {
      return tokens;
    }
    List<String> out = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (String t : tokens) {
      if (pending.isEmpty()) {
        if (endDelimiter.startsWith(t)) {
          pending.add(t);
        } else {
          out.add(t);
        }
        continue;
      }
      String joined = String.join("", pending) + t;
      if (endDelimiter.equals(joined)) {
        out.add(joined);
        pending.clear();
      } else if (endDelimiter.startsWith(joined)) {
        pending.add(t);
      } else {
        out.addAll(pending);
        out.add(t);
        pending.clear();
      }
    }
    out.addAll(pending);
    return out;
  }

  /**
   * Liquibase's tokens: blank runs, comments (dropped when stripping), quoted strings and identifiers, words
   * (letters, digits, {@code $ _ @ #}, dotted names), numbers, and any other single character.
   */
  static List<String> tokens(String s, boolean stripComments) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int end = tokenEnd(s, i);
      boolean comment = s.startsWith("--", i) || s.startsWith("/*", i) && end > i + 2;
      if (!(comment && stripComments)) {
        out.add(s.substring(i, end));
      }
      i = end;
    }
    return out;
  }

  private static int tokenEnd(String s, int i) {
    char c = s.charAt(i);
    if (blank(c)) {
      int j = i;
      while (j < s.length() && blank(s.charAt(j))) {
        j++;
      }
      return j;
    }
    if (s.startsWith("--", i)) {
      int nl = indexOfLineBreak(s, i);
      return nl < 0 ? s.length() : nl;
    }
    if (s.startsWith("/*", i)) {
      int close = s.indexOf("*/", i + 2);
      return close < 0 ? i + 1 : close + 2;
    }
    int prefix = stringPrefix(s, i);
    if (prefix >= 0) {
      int close = quoted(s, i + prefix, s.charAt(i + prefix));
      if (close > 0) {
        return close;
      }
    }
    if (c == '`' || c == '[') {
      int close = s.indexOf(c == '`' ? '`' : ']', i + 1);
      int nl = indexOfLineBreak(s, i);
      boolean ok = close > i + 1 && (nl < 0 || close < nl) && !(c == '[' && Character.isDigit(s.charAt(i + 1)));
      if (ok) {
        return close + 1;
      }
    }
    if (wordStart(c)) {
      int j = i;
      while (j < s.length() && (wordStart(s.charAt(j)) || Character.isDigit(s.charAt(j)) || dottedName(s, j))) {
        j++;
      }
      return j;
    }
    if (Character.isDigit(c)) {
      int j = i;
      while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
        j++;
      }
      return j;
    }
    return i + 1;
  }

  /** The length of a string prefix ({@code E}, {@code N}, {@code _utf8}…) before a quote at {@code i}, or -1. */
  private static int stringPrefix(String s, int i) {
    char c = s.charAt(i);
    if (c == '\'' || c == '"') {
      return 0;
    }
    for (String p : List.of("_utf8", "RB", "U", "E", "N", "R", "B")) {
      if (s.startsWith(p, i) && i + p.length() < s.length() && (s.charAt(i + p.length()) == '\''
          || s.charAt(i + p.length()) == '"') && (i == 0 || !wordStart(s.charAt(i - 1)))) {
        return p.length();
      }
    }
    return -1;
  }

  /** The end of a quoted string opened by {@code q} at {@code i} (doubled quotes and backslashes escape), or -1. */
  private static int quoted(String s, int i, char q) {
    for (int j = i + 1; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == q) {
        if (j + 1 < s.length() && s.charAt(j + 1) == q) {
          j++;
        } else {
          return j + 1;
        }
      }
    }
    return -1;
  }

  private static boolean dottedName(String s, int j) {
    return s.charAt(j) == '.' && j + 1 < s.length() && wordStart(s.charAt(j + 1)) && j > 0
        && (wordStart(s.charAt(j - 1)) || Character.isDigit(s.charAt(j - 1)));
  }

  private static boolean wordStart(char c) {
    return Character.isLetter(c) || c == '$' || c == '_' || c == '@' || c == '#';
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.isSpaceChar(c) || c == '\u0085'
        || c == '\u180e' || c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff';
  }

  private static int indexOfLineBreak(String s, int from) {
    for (int j = from; j < s.length(); j++) {
      if (s.charAt(j) == '\n' || s.charAt(j) == '\r') {
        return j;
      }
    }
    return -1;
  }
}
