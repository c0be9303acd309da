package backstep.playbook;

import backstep.playbook.YamlTree.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges a query that is meant to prove something (a verify, a {@code sql} check): it must read a table, column
 * or catalog object, and it must change nothing. Read from the text without comments, with quoted strings and
 * identifiers blanked out, so a word inside either is never taken for a keyword. Documented in
 * docs/playbook-format.md#what-a-verify-query-may-be; a heuristic, not a parser: a user-defined function that
 * writes is not seen.
 */
final class ProofQuery {
  /** How a query that only reads may start. */
  private static final Set<String> READ_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "(");
  private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");
  /** Functions that change data, sequences, locks, settings or other sessions. */
  private static final Pattern WRITING_FUNCTION = Pattern.compile("nextval|setval|set_config|pg_(try_)?advisory_\\w+"
      + "|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|pg_switch_wal|pg_create_\\w+"
      + "|pg_drop_replication_slot|pg_notify|pg_stat_reset\\w*|pg_file_(write|rename|unlink|sync)|pg_promote"
      + "|pg_logical_emit_message|pg_replication_origin_\\w+|lo_(import|export|unlink|creat|create|put|from_bytea"
      + "|truncate)|dblink\\w*|get_lock|release_lock|release_all_locks");
  /** Functions that read the catalog: calling one proves something about the target's schema or privileges. */
  private static final Pattern CATALOG_FUNCTION = Pattern.compile("to_reg\\w+|has_\\w+_privilege|pg_has_role"
      + "|pg_get_\\w+|pg_\\w+_size|\\w+_is_visible|pg_relation_\\w+|pg_index_\\w+|pg_describe_object"
      + "|pg_identify_object\\w*|pg_column_\\w+|pg_sequence_\\w+|pg_partition_\\w+|(obj|col|shobj)_description"
      + "|format_type");
  /** PostgreSQL's object identifier types: a cast to one looks the name up in the catalog. */
  private static final Pattern REG_TYPE = Pattern.compile("reg(class|type|proc|procedure|oper|operator|namespace"
      + "|role|config|dictionary|collation)");
  /** Words that may follow FROM without naming a relation ({@code EXTRACT(year FROM current_date)}, …). */
  private static final Set<String> NOT_RELATIONS = Set.of("dual", "null", "true", "false", "current_date",
      "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user", "session_user", "user",
      "current_schema", "current_catalog", "interval", "date", "time", "timestamp", "timestamptz");
  /** Words that end a FROM item's alias: the next clause. */
  private static final Set<String> CLAUSES = Set.of("WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "UNION",
      "EXCEPT", "INTERSECT", "WINDOW", "FOR", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON",
      "USING", "OFFSET", "FETCH", "LOCK", "INTO", "RETURNING");

  /** A word (an identifier chain such as {@code information_schema.columns}), a blanked quote or one character. */
  private record Token(String text, boolean word) {
    boolean is(String keyword) {
      return word && text.equalsIgnoreCase(keyword);
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }

    String name() {
      String lower = text.toLowerCase(Locale.ROOT);
      return lower.substring(lower.lastIndexOf('.') + 1);
    }
  }

  static final String PROVES_NOTHING = "reads no table, column or catalog object, so it proves nothing about the "
      + "target (query what the step changed, e.g. FROM information_schema.columns, or call a catalog function such "
      + "as to_regclass('orders'))";

  private ProofQuery() {}

  /**
   * Reports, at the SQL field {@code at} (one problem per dialect variant, one for a text shared by all), a query
   * that changes data, and one that reads no object when {@code mustReadObject}.
   *
   * @param who the query's role and why it must only read, for the message
   */
  static void check(SqlText sql, Node node, String at, YamlObject.Problems problems, boolean mustReadObject,
      String who) {
    boolean shared = !(node instanceof YamlTree.MapNode);
    for (DialectFamily f : sql.families()) {
      String path = shared ? at : at + "." + f.key();
      Node where = shared ? node : variantNode((YamlTree.MapNode) node, f).orElse(node);
      for (SqlText.Stmt st : sql.statements(f)) {
        int column = st.line() == where.line() ? where.column() : 1;
        Optional<String> change = changes(st.sql(), f);
        if (change.isPresent()) {
          problems.add(st.line(), column, path, "changes data (" + change.get() + "): " + who);
        } else if (mustReadObject && !readsAnObject(st.sql(), f)) {
          problems.add(st.line(), column, path, PROVES_NOTHING);
        } else {
          continue;
        }
        if (shared) {
          return;
        }
        break;
      }
    }
  }

  private static Optional<Node> variantNode(YamlTree.MapNode m, DialectFamily f) {
    return m.entries().values().stream().filter(e -> DialectFamily.fromKey(e.key()).orElse(null) == f)
        .map(YamlTree.Entry::value).findFirst();
  }

  /**
   * What the query changes or locks, in a few words ({@code DELETE}, {@code nextval()}, {@code FOR UPDATE}); empty
   * when it only reads.
   */
  static Optional<String> changes(String sql, DialectFamily family) {
    for (SqlSplitter.Statement st : statements(sql, family)) {
      List<Token> t = tokens(st.sql(), family);
      if (t.isEmpty()) {
        continue;
      }
      if (!READ_STARTS.contains(t.get(0).upper())) {
        return Optional.of(t.get(0).upper());
      }
      Optional<String> found = writes(t);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the query reads a relation (FROM or JOIN a table or view, not only a subquery, a function or a
   * WITH query of its own; or PostgreSQL's {@code TABLE name}), calls a catalog function or casts to a
   * {@code reg…} type.
   */
  static boolean readsAnObject(String sql, DialectFamily family) {
    for (SqlSplitter.Statement st : statements(sql, family)) {
      List<Token> t = tokens(st.sql(), family);
      if (!t.isEmpty() && t.get(0).is("TABLE") && t.size() > 1 && t.get(1).word()) {
        return true;
      }
      Set<String> ctes = withNames(t);
      for (int i = 0; i < t.size(); i++) {
        Token k = t.get(i);
        if (k.word() && followedByParen(t, i) && CATALOG_FUNCTION.matcher(k.name()).matches()) {
          return true;
        }
        if (k.word() && REG_TYPE.matcher(k.name()).matches() && i > 0
            && (t.get(i - 1).text().equals(":") || t.get(i - 1).is("AS"))) {
          return true;
        }
        if ((k.is("FROM") || k.is("JOIN")) && fromListNamesRelation(t, i + 1, ctes, k.is("FROM"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Optional<String> writes(List<Token> t) {
    for (int i = 0; i < t.size(); i++) {
      Token k = t.get(i);
      if (!k.word()) {
        continue;
      }
      String up = k.upper();
      if (up.equals("FOR") && i + 1 < t.size()) {
        String lock = lockingClause(t, i + 1);
        if (lock != null) {
          return Optional.of(lock);
        }
      }
      if (up.equals("LOCK") && i + 3 < t.size() && t.get(i + 1).is("IN") && t.get(i + 2).is("SHARE")) {
        return Optional.of("LOCK IN SHARE MODE");
      }
      if (DML.contains(up)) {
        return Optional.of(up);
      }
      if (up.equals("INTO")) {
        return Optional.of("SELECT … INTO");
      }
      if (up.equals("NEXT") && i + 2 < t.size() && t.get(i + 1).is("VALUE") && t.get(i + 2).is("FOR")) {
        return Optional.of("NEXT VALUE FOR");
      }
      if (followedByParen(t, i) && WRITING_FUNCTION.matcher(k.name()).matches()) {
        return Optional.of(k.text().substring(k.text().lastIndexOf('.') + 1) + "()");
      }
    }
    return Optional.empty();
  }

  /** {@code FOR [NO KEY] UPDATE} or {@code FOR [KEY] SHARE} starting after FOR; null for any other FOR. */
  private static String lockingClause(List<Token> t, int i) {
    int j = i;
    if (t.get(j).is("NO") && j + 1 < t.size() && t.get(j + 1).is("KEY")) {
      j += 2;
    } else if (t.get(j).is("KEY")) {
      j++;
    }
    if (j < t.size() && t.get(j).is("UPDATE")) {
      return "FOR UPDATE";
    }
    return j < t.size() && t.get(j).is("SHARE") ? "FOR SHARE" : null;
  }

  /** Whether the FROM list (or JOIN item) starting at {@code i} names a table or view. */
  private static boolean fromListNamesRelation(List<Token> t, int i, Set<String> ctes, boolean list) {
    int j = i;
    while (j < t.size()) {
      while (j < t.size() && (t.get(j).is("ONLY") || t.get(j).is("LATERAL"))) {
        j++;
      }
      if (j >= t.size()) {
        return false;
      }
      Token item = t.get(j);
      if (item.text().equals("(")) {
        j = closing(t, j) + 1;
      } else if (item.word() && followedByParen(t, j)) {
        j = closing(t, j + 1) + 1;
      } else if (item.word()) {
        if (!NOT_RELATIONS.contains(item.name()) && !ctes.contains(item.text().toLowerCase(Locale.ROOT))) {
          return true;
        }
        j++;
      } else {
        return false;
      }
      j = skipAlias(t, j);
      if (!list || j >= t.size() || !t.get(j).text().equals(",")) {
        return false;
      }
      j++;
    }
    return false;
  }

  private static int skipAlias(List<Token> t, int j) {
    if (j < t.size() && t.get(j).is("AS")) {
      j++;
    }
    if (j < t.size() && t.get(j).word() && !CLAUSES.contains(t.get(j).upper())) {
      j++;
      if (j < t.size() && t.get(j).text().equals("(")) {
        j = closing(t, j) + 1;
      }
    }
    return j;
  }

  /** The names a WITH clause gives its own queries: reading them reads nothing of the target. */
  private static Set<String> withNames(List<Token> t) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i + 1 < t.size(); i++) {
      boolean opens = t.get(i).is("WITH") || t.get(i).text().equals(",");
      if (!opens) {
        continue;
      }
      int j = t.get(i + 1).is("RECURSIVE") ? i + 2 : i + 1;
      if (j >= t.size() || !t.get(j).word()) {
        continue;
      }
      int k = j + 1;
      if (k < t.size() && t.get(k).text().equals("(")) {
        k = closing(t, k) + 1;
      }
      if (k < t.size() && t.get(k).is("AS")) {
        k++;
        while (k < t.size() && (t.get(k).is("NOT") || t.get(k).is("MATERIALIZED"))) {
          k++;
        }
        if (k < t.size() && t.get(k).text().equals("(")) {
          names.add(t.get(j).text().toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private static boolean followedByParen(List<Token> t, int i) {
    return i + 1 < t.size() && t.get(i + 1).text().equals("(");
  }

  /** The index of the parenthesis closing the one at {@code open} (the last token when it is never closed). */
  private static int closing(List<Token> t, int open) {
    int depth = 0;
    for (int j = open; j < t.size(); j++) {
      if (t.get(j).text().equals("(")) {
        depth++;
      } else if (t.get(j).text().equals(")") && --depth == 0) {
        return j;
      }
    }
    return t.size() - 1;
  }

  private static List<SqlSplitter.Statement> statements(String sql, DialectFamily family) {
    String text = sql.replace(SqlStep.SCHEMA_PLACEHOLDER, "backstep_schema")
        .replace(SqlStep.BATCH_PLACEHOLDER, "1").replaceAll("\\$\\{recovery\\.[^}]*}", "backstep_recovery");
    try {
      return SqlSplitter.split(text, family);
    } catch (IllegalArgumentException e) {
      return List.of(new SqlSplitter.Statement(text, 1));
    }
  }

  /** Words, blanked quotes and single characters of one statement, comments left out. */
  private static List<Token> tokens(String sql, DialectFamily family) {
    String s;
    try {
      s = SqlSplitter.withoutComments(sql, family);
    } catch (IllegalArgumentException e) {
      s = sql;
    }
    boolean mysql = family == DialectFamily.MYSQL;
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || (c == '"' && mysql)) {
        boolean backslash = mysql || (i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e'));
        i = quoteEnd(s, i, backslash);
        out.add(new Token("''", false));
      } else if (c == '"' || (c == '`' && mysql)) {
        i = quoteEnd(s, i, false);
        out.add(new Token("quoted_identifier", true));
      } else if (c == '$' && !mysql && dollarTagEnd(s, i) > 0) {
        int tagEnd = dollarTagEnd(s, i);
        String tag = s.substring(i, tagEnd);
        int close = s.indexOf(tag, tagEnd);
        i = close < 0 ? s.length() : close + tag.length();
        out.add(new Token("''", false));
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
            || s.charAt(j) == '$' || (s.charAt(j) == '.' && j + 1 < s.length() && isWordStart(s.charAt(j + 1))))) {
          j++;
        }
        out.add(new Token(s.substring(i, j), true));
        i = j;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
          j++;
        }
        out.add(new Token(s.substring(i, j), false));
        i = j;
      } else {
        out.add(new Token(String.valueOf(c), false));
        i++;
      }
    }
    return out;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '"' || c == '`';
  }

  private static int quoteEnd(String s, int i, boolean backslash) {
    char quote = s.charAt(i);
    for (int j = i + 1; j < s.length(); j++) {
      char c = s.charAt(j);
      if (backslash && c == '\\') {
        j++;
      } else if (c == quote) {
        if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
          j++;
        } else {
          return j + 1;
        }
      }
    }
    return s.length();
  }

  /** The end of a {@code $tag$} opening at {@code i}, or -1 when none opens there ({@code $1}, {@code a$b}). */
  private static int dollarTagEnd(String s, int i) {
    if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
      return -1;
    }
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    return j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1))) ? j + 1 : -1;
  }
}
