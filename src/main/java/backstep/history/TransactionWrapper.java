package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.SqlSplitter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code BEGIN; … COMMIT;} a migration tool's script wraps itself in (Sqitch writes one into every script it
 * creates; a verify script ends in {@code ROLLBACK;}). Backstep runs each step in a transaction of its own, so the
 * wrapper is cut off — but only when it wraps the whole script: the first statement opens a transaction, the last
 * ends it, and none in between does either. Everything else, comments included, stays as written.
 */
final class TransactionWrapper {
  /** The text without the wrapper, and why a wrapper that was seen had to stay (empty when none stays). */
  record Result(String text, boolean cut, Optional<String> kept) {}

  private static final Set<String> OPEN = Set.of("BEGIN", "BEGIN WORK", "BEGIN TRANSACTION", "START TRANSACTION");
  private static final Set<String> COMMIT = Set.of("COMMIT", "COMMIT WORK", "COMMIT TRANSACTION");
  private static final Set<String> PG_COMMIT = Set.of("END", "END WORK", "END TRANSACTION");
  private static final Set<String> ROLLBACK = Set.of("ROLLBACK", "ROLLBACK WORK", "ROLLBACK TRANSACTION");
  private static final Set<String> PG_ROLLBACK = Set.of("ABORT", "ABORT WORK", "ABORT TRANSACTION");

  private TransactionWrapper() {}

  /**
   * Cuts the wrapper off {@code text}.
   *
   * @param verify a verify script, whose wrapper may end in {@code ROLLBACK} as well as {@code COMMIT}
   * @throws IllegalArgumentException as {@link SqlSplitter#split} does, on an unterminated string or comment
   */
  static Result strip(String text, DialectFamily family, boolean verify) {
    List<SqlSplitter.Statement> st = SqlSplitter.split(text, family);
    if (st.isEmpty()) {
      return new Result(text, false, Optional.empty());
    }
    SqlSplitter.Statement first = st.get(0);
    SqlSplitter.Statement last = st.get(st.size() - 1);
    boolean opens = OPEN.contains(words(first.sql()));
    boolean closes = st.size() > 1 && (isCommit(last.sql(), family) || (verify && isRollback(last.sql(), family)));
    if (!opens && !closes) {
      return new Result(text, false, Optional.empty());
    }
    Optional<SqlSplitter.Statement> inner = st.subList(1, st.size() - 1).stream()
        .filter(s -> isControl(s.sql(), family)).findFirst();
    if (!opens || !closes || inner.isPresent()) {
      String which = !opens ? words(last.sql()) + " at line " + last.line() + " ends a transaction the script "
          + "does not open first" : !closes ? words(first.sql()) + " at line " + first.line() + " opens a "
          + "transaction the last statement does not end" : words(inner.get().sql()) + " at line "
          + inner.get().line() + " ends or opens a transaction inside the script";
      return new Result(text, false, Optional.of("keeps its transaction statements (" + which + "): Backstep runs "
          + "the step in a transaction of its own, so check what they do there"));
    }
    String out = cut(cut(text, last), first).stripTrailing().replaceFirst("^(\\s*\\n)+", "");
    return new Result(out.isEmpty() ? out : out + "\n", true, Optional.empty());
  }

  private static boolean isCommit(String sql, DialectFamily f) {
    String w = words(sql);
    return COMMIT.contains(w) || (f == DialectFamily.POSTGRESQL && PG_COMMIT.contains(w));
  }

  private static boolean isRollback(String sql, DialectFamily f) {
    String w = words(sql);
    return ROLLBACK.contains(w) || (f == DialectFamily.POSTGRESQL && PG_ROLLBACK.contains(w));
  }

  private static boolean isControl(String sql, DialectFamily f) {
    return OPEN.contains(words(sql)) || isCommit(sql, f) || isRollback(sql, f);
  }

  private static String words(String sql) {
    return sql.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
  }

  /**
   * {@code text} without statement {@code s} and the {@code ;} after it; its line goes too when nothing else is
   * left on it.
   */
  private static String cut(String text, SqlSplitter.Statement s) {
    int lineStart = 0;
    for (int l = 1; l < s.line(); l++) {
      lineStart = text.indexOf('\n', lineStart) + 1;
    }
    int from = text.indexOf(s.sql(), lineStart);
    int to = from + s.sql().length();
    while (to < text.length() && (text.charAt(to) == ' ' || text.charAt(to) == '\t')) {
      to++;
    }
    if (to < text.length() && text.charAt(to) == ';') {
      to++;
    }
    int start = text.lastIndexOf('\n', from - 1) + 1;
    int end = text.indexOf('\n', to);
    end = end < 0 ? text.length() : end;
    boolean aloneOnLine = text.substring(start, from).isBlank() && text.substring(to, end).isBlank();
    if (aloneOnLine) {
      String before = text.substring(0, start);
      String after = text.substring(Math.min(end + 1, text.length()));
      // BEGIN; between two blank lines: keep one of them
      return before.endsWith("\n\n") && after.startsWith("\n") ? before + after.substring(1) : before + after;
    }
    return text.substring(0, from) + text.substring(to);
  }
}
