package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.SqlSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the SQL of one Liquibase change into text Backstep's splitter reads as the statements Liquibase sends. Text
 * that already splits the same way is kept as written. Otherwise, for MySQL/MariaDB the statements are written
 * between a {@code DELIMITER} line pair, which keeps each one whole; for PostgreSQL they are rejoined with
 * {@code ;} where that splits back the same, and where it does not a note says the text is sent as Backstep splits it.
 */
final class LiquibaseSqlText {
  private static final List<String> DELIMITERS = List.of("//", "$$", ";;", "@@", "~~", "%%");

  /** The text for one family, and what a person should know about it. */
  record Result(String text, List<String> notes) {}

  private LiquibaseSqlText() {}

  static Result rewrite(String sql, LiquibaseChange.Options o, DialectFamily f) {
    List<String> liquibase = meaningful(LiquibaseSplit.statements(sql, o.stripComments(), o.split(),
        o.endDelimiter()), f);
    String original = sql.strip();
    String how = how(o);
    List<String> glued = glued(liquibase, o.endDelimiter());
    if (same(liquibase, original, f)) {
      return new Result(original, glued.isEmpty() ? List.of() : List.of(how + ": " + glued.get(0)));
    }
    if (f == DialectFamily.MYSQL) {
      Optional<String> d = DELIMITERS.stream().filter(x -> liquibase.stream().noneMatch(s -> s.contains(x)))
          .findFirst();
      if (d.isPresent()) {
        StringBuilder b = new StringBuilder("DELIMITER ").append(d.get()).append('\n');
        liquibase.forEach(s -> b.append(s).append('\n').append(d.get()).append('\n'));
        String text = b.append("DELIMITER ;").toString();
        if (same(liquibase, text, f)) {
          return new Result(text, List.of(how + ": written as a DELIMITER " + d.get() + " … DELIMITER ; block, "
              + plural(liquibase.size()) + " as Liquibase sends " + (liquibase.size() == 1 ? "it" : "them")));
        }
      }
    } else {
      String joined = String.join(";\n\n", liquibase);
      if (same(liquibase, joined, f)) {
        return new Result(joined, List.of(how + ": " + plural(liquibase.size())
            + " rejoined with ';' as Liquibase splits them"));
      }
    }
    String text = o.endDelimiter() == null ? original : String.join(";\n\n", liquibase);
    int backstep = count(text, f);
    return new Result(text, List.of(how + ": Liquibase sends " + plural(liquibase.size()) + " here, Backstep's "
        + "splitter reads " + (backstep < 0 ? "no complete statement" : plural(backstep)) + " from it; the text is "
        + "sent as Backstep splits it (check it with backstep plan)"));
  }

  /**
   * A warning when a statement Liquibase sends still ends in its end delimiter: Liquibase reads {@code END$$} as one
   * word, so it does not split there and the database gets the delimiter.
   */
  private static List<String> glued(List<String> statements, String endDelimiter) {
    if (endDelimiter == null || endDelimiter.isBlank()) {
      return List.of();
    }
    return statements.stream().filter(s -> s.regionMatches(true, s.length() - endDelimiter.length(), endDelimiter, 0,
        endDelimiter.length())).map(s -> "a statement ends in '" + s.substring(Math.max(0, s.length()
        - endDelimiter.length() - 3)) + "', where Liquibase does not see the delimiter (it is glued to a word), so "
        + "Liquibase sends the delimiter to the database, which refuses it; put a blank or line break before it")
        .limit(1).toList();
  }

  private static String how(LiquibaseChange.Options o) {
    List<String> parts = new ArrayList<>();
    if (!o.split()) {
      parts.add("splitStatements:false");
    }
    if (o.endDelimiter() != null) {
      parts.add("endDelimiter:" + o.endDelimiter().replace("\n", "\\n"));
    }
    return parts.isEmpty() ? "Liquibase's default splitting (it counts BEGIN … END words)" : String.join(" ", parts);
  }

  private static String plural(int n) {
    return n + (n == 1 ? " statement" : " statements");
  }

  /** Liquibase's statements less those that hold only comments (the server runs nothing for them). */
  private static List<String> meaningful(List<String> statements, DialectFamily f) {
    return statements.stream().filter(s -> !normal(s, f).isEmpty()).toList();
  }

  private static boolean same(List<String> liquibase, String text, DialectFamily f) {
    List<SqlSplitter.Statement> backstep;
    try {
      backstep = SqlSplitter.split(text, f);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (backstep.size() != liquibase.size()) {
      return false;
    }
    for (int i = 0; i < backstep.size(); i++) {
      if (!normal(backstep.get(i).sql(), f).equals(normal(liquibase.get(i), f))) {
        return false;
      }
    }
    return true;
  }

  private static int count(String text, DialectFamily f) {
    try {
      return SqlSplitter.split(text, f).size();
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  /** A statement without comments, blanks collapsed, trailing {@code ;} dropped. */
  private static String normal(String s, DialectFamily f) {
    String code;
    try {
      code = SqlSplitter.withoutComments(s, f);
    } catch (IllegalArgumentException e) {
      code = s;
    }
    String out = code.replaceAll("\\s+", " ").strip();
    while (out.endsWith(";")) {
      out = out.substring(0, out.length() - 1).strip();
    }
    return out;
  }
}
