package backstep.playbook;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a block of SQL into statements on top-level semicolons. A hand-written scanner ({@link SqlScanner}) skips
 * quoted strings and identifiers, comments and PostgreSQL dollar-quoted bodies, so that semicolons inside them do not
 * end a statement. Semicolons inside a compound body do not end one either
 * ({@link BodyDepth}): the {@code BEGIN … END} body of a MySQL/MariaDB procedure, function, trigger or event, with its
 * nested {@code BEGIN … END}, {@code IF … END IF}, {@code CASE … END CASE}, {@code LOOP}, {@code WHILE},
 * {@code REPEAT} blocks and labels, MariaDB's {@code BEGIN NOT ATOMIC … END}, and PostgreSQL's SQL-standard
 * {@code BEGIN ATOMIC … END} function and procedure bodies. The transaction statements {@code BEGIN},
 * {@code START TRANSACTION} and {@code END} are ordinary statements.
 *
 * <p>For MySQL/MariaDB the mysql client's {@code DELIMITER} command is understood as that client understands it: a
 * line whose first word is {@code DELIMITER}, between statements, sets the text that ends statements from then on
 * (the first blank-separated or quoted word after it; the rest of the line is ignored); {@code DELIMITER ;} sets it
 * back. While the delimiter is not {@code ;}, statements end only at the delimiter and keep any {@code ;} in them.
 * The {@code DELIMITER} lines are not statements. In PostgreSQL text {@code DELIMITER} is not a command.
 */
public final class SqlSplitter {

  /**
   * One statement: its trimmed text without the terminating {@code ;} (or delimiter), and the 1-based line of the
   * input on which it starts (its first character that is neither blank nor part of a comment).
   */
  public record Statement(String sql, int line) {}

  private static final String SEMICOLON = ";";

  private final SqlScanner sc;
  private final String s;

  private SqlSplitter(String sql, DialectFamily family) {
    this.sc = new SqlScanner(sql, family);
    this.s = sql;
  }

  /**
   * Splits {@code sql} into statements. Statements that are empty or hold only comments are dropped;
   * comments inside a statement are kept as written, comments before it are not part of it.
   *
   * @throws IllegalArgumentException if a string, quoted identifier, block comment or dollar-quoted
   *     string is not terminated, or a {@code DELIMITER} command has no usable delimiter; the message names the
   *     line where it starts
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
      int end = sc.commentEnd(pos);
      if (end < 0) {
        end = sc.tokenEnd(pos);
        out.append(s, pos, end);
      } else if (sc.executableComment(pos)) {
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
    BodyDepth body = new BodyDepth(sc);
    String delimiter = SEMICOLON;
    int start = -1;
    int pos = 0;
    while (pos < s.length()) {
      String changed = start < 0 ? delimiterCommand(pos) : null;
      if (changed != null) {
        delimiter = changed;
        pos = sc.lineEnd(pos);
        continue;
      }
      boolean semicolons = delimiter.equals(SEMICOLON);
      if (s.startsWith(delimiter, pos) && !(semicolons && body.inside())) {
        emit(out, start, pos);
        start = -1;
        body.reset();
        pos += delimiter.length();
        continue;
      }
      char c = s.charAt(pos);
      int end = sc.commentEnd(pos);
      boolean content = end < 0 || sc.executableComment(pos);
      if (end < 0) {
        int word = semicolons ? sc.wordEnd(pos) : -1;
        end = word < 0 ? sc.tokenEnd(pos) : word;
        if (semicolons && !Character.isWhitespace(c)) {
          body.token(pos, end);
        }
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
      out.add(new Statement(s.substring(start, end).strip(), sc.lineAt(start)));
    }
  }

  /**
   * The new delimiter if a mysql client {@code DELIMITER} command starts at {@code i}, else null. Like the client:
   * MySQL family only, first word of its line, case-insensitive; the argument is the next word up to a blank, or a
   * quoted word; no backslash.
   */
  private String delimiterCommand(int i) {
    int word = sc.wordEnd(i);
    if (!sc.mysql() || word != i + "DELIMITER".length() || !sc.word(i).equals("DELIMITER") || !sc.firstOnLine(i)) {
      return null;
    }
    int from = word;
    while (from < s.length() && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    int lineEnd = sc.lineEnd(i);
    String arg;
    char q = sc.charAt(from);
    if (from < lineEnd && (q == '\'' || q == '"' || q == '`')) {
      int close = s.indexOf(q, from + 1);
      if (close < 0 || close > lineEnd) {
        throw sc.error("DELIMITER with an unterminated quote", i);
      }
      arg = s.substring(from + 1, close);
    } else {
      int to = from;
      while (to < lineEnd && !Character.isWhitespace(s.charAt(to))) {
        to++;
      }
      arg = s.substring(from, to);
    }
    if (arg.isEmpty()) {
      throw sc.error("DELIMITER without a delimiter", i);
    }
    if (arg.indexOf('\\') >= 0) {
      throw sc.error("DELIMITER cannot contain a backslash", i);
    }
    return arg;
  }
}
