package backstep.traffic;

import java.util.Set;

/** Reserved words the shape analysis must not take for a column or a table alias. */
final class SqlWords {
  static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL",
      "LIKE", "ILIKE", "BETWEEN", "UPDATE", "SET", "INSERT", "INTO", "VALUES", "DELETE", "JOIN", "LEFT", "RIGHT",
      "INNER", "OUTER", "FULL", "CROSS", "ON", "USING", "AS", "ORDER", "BY", "GROUP", "HAVING", "LIMIT", "OFFSET",
      "FOR", "RETURNING", "WITH", "UNION", "ALL", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "EXISTS",
      "ASC", "DESC", "TRUE", "FALSE", "DEFAULT", "CURRENT_TIMESTAMP", "CURRENT_DATE", "NOW", "FETCH", "FIRST",
      "ROWS", "ONLY", "ANY", "SOME", "REPLACE", "IGNORE", "DUPLICATE", "KEY", "CONFLICT", "DO", "NOTHING", "LOCK",
      "SHARE", "NOWAIT", "SKIP", "LOCKED", "INTERVAL", "CAST");

  private SqlWords() {
  }
}
