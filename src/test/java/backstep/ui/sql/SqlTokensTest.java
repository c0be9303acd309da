package backstep.ui.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The highlighting lexer: keywords, strings with escapes, quoted names, comments, numbers, placeholders. */
class SqlTokensTest {
  private static List<String> kinds(String sql) {
    return SqlTokens.of(sql).stream().filter(t -> t.kind() != SqlTokens.Kind.PLAIN)
        .map(t -> t.kind() + ":" + sql.substring(t.start(), t.end())).toList();
  }

  @Test
  void keywordsStringsNumbersAndPlaceholders() {
    assertEquals(List.of("KEYWORD:UPDATE", "PLACEHOLDER:${schema}", "KEYWORD:set", "STRING:'it''s'",
        "KEYWORD:WHERE", "NUMBER:42", "KEYWORD:AND", "PLACEHOLDER::batch"),
        kinds("UPDATE ${schema}.t set owner = 'it''s' WHERE id > 42 AND id <= :batch"));
  }

  @Test
  void commentsAndQuotedNamesAreNotReadForKeywords() {
    assertEquals(List.of("COMMENT:-- drop table here", "KEYWORD:SELECT", "QUOTED:\"select\"", "KEYWORD:FROM",
        "QUOTED:`order`", "COMMENT:/* a\nb */"),
        kinds("-- drop table here\nSELECT \"select\" FROM `order` /* a\nb */"));
  }

  @Test
  void aCastIsNotAPlaceholderAndNamesWithDigitsAreNotNumbers() {
    assertEquals(List.of("KEYWORD:SELECT", "KEYWORD:TEXT"), kinds("SELECT x::TEXT, t2.c1"));
  }

  @Test
  void unclosedTextStillCoversTheWholeInputWithoutGaps() {
    String sql = "SELECT 'never closed";
    List<SqlTokens.Token> t = SqlTokens.of(sql);
    int at = 0;
    for (SqlTokens.Token x : t) {
      assertEquals(at, x.start());
      at = x.end();
    }
    assertEquals(sql.length(), at);
    assertEquals(SqlTokens.Kind.STRING, t.get(t.size() - 1).kind());
  }
}
