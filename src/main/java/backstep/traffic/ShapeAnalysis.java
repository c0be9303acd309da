package backstep.traffic;

import backstep.traffic.SqlTokens.Token;
import backstep.traffic.SqlTokens.Type;
import backstep.traffic.TrafficProfile.Kind;
import backstep.traffic.TrafficProfile.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a statement shape is: read or write, the tables it names (with their aliases), and for each placeholder the
 * column it meets and its role. Literals a shape still holds are replaced by placeholders first ({@link #scrub}).
 */
final class ShapeAnalysis {
  private static final Set<String> COMPARE = Set.of("=", "<", ">", "<=", ">=", "<>", "!=", "LIKE", "ILIKE");
  private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "||");
  private static final Set<String> CLAUSES = Set.of("SELECT", "FROM", "WHERE", "SET", "VALUES", "ON", "HAVING",
      "LIMIT", "OFFSET", "RETURNING", "GROUP", "ORDER", "USING");

  /** A placeholder's use: the column (with the alias or table that qualified it, or null) and its role. */
  record Site(int n, String qualifier, String column, Role role) {}

  private final List<Token> tokens;
  private final boolean lowerCase;

  /** @param lowerCase whether unquoted names fold to lower case (PostgreSQL) */
  ShapeAnalysis(String sql, boolean lowerCase) {
    this.tokens = SqlTokens.of(sql);
    this.lowerCase = lowerCase;
  }

  /**
   * The text with every string and number literal replaced by a placeholder: {@code $k} numbered after the highest
   * one present when {@code dollar}, else {@code ?}.
   */
  static String scrub(String sql, boolean dollar) {
    List<Token> tokens = SqlTokens.of(sql);
    int next = 1 + tokens.stream().filter(t -> t.type() == Type.PARAM && !t.text().equals("?"))
        .mapToInt(t -> Integer.parseInt(t.text().substring(1))).max().orElse(0);
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Token t : tokens) {
      if (t.type() == Type.STRING || t.type() == Type.NUMBER) {
        out.append(sql, at, t.start()).append(dollar ? "$" + next++ : "?");
        at = t.end();
      }
    }
    return out.append(sql.substring(at)).toString();
  }

  /** READ or WRITE, or null for a statement that is neither (transaction control, settings, DDL). */
  Kind kind() {
    if (tokens.isEmpty()) {
      return null;
    }
    String first = tokens.get(0).text().toUpperCase(Locale.ROOT);
    return switch (first) {
      case "SELECT", "VALUES", "TABLE" -> Kind.READ;
      case "INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE" -> Kind.WRITE;
      case "WITH" -> tokens.stream().anyMatch(t -> t.is("INSERT") || t.is("UPDATE") || t.is("DELETE"))
          ? Kind.WRITE : Kind.READ;
      default -> null;
    };
  }

  /** Whether it begins an explicit transaction. */
  boolean beginsTransaction() {
    return !tokens.isEmpty() && (tokens.get(0).is("BEGIN") || tokens.get(0).is("START")
        && tokens.size() > 1 && tokens.get(1).is("TRANSACTION"));
  }

  /** The names the statement reads or writes, each alias (and each table's own name) mapped to its table. */
  Map<String, String> tables() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean list = t.is("FROM");
      if (list || t.is("JOIN") || t.is("UPDATE") || t.is("INTO")) {
        int j = i + 1;
        do {
          j = table(j, out);
        } while (list && j > 0 && j < tokens.size() && tokens.get(j).is(",") && ++j > 0);
      }
    }
    return out;
  }

  /** Reads {@code name [AS alias]} at {@code i} into {@code out}; the index after it, or -1. */
  private int table(int i, Map<String, String> out) {
    if (i >= tokens.size() || !tokens.get(i).identifier()) {
      return -1;
    }
    String name = name(tokens.get(i));
    i++;
    if (i + 1 < tokens.size() && tokens.get(i).is(".") && tokens.get(i + 1).identifier()) {
      name = name + "." + name(tokens.get(i + 1));
      i += 2;
    }
    out.putIfAbsent(name, name);
    out.putIfAbsent(name.substring(name.lastIndexOf('.') + 1), name);
    if (i < tokens.size() && tokens.get(i).is("AS")) {
      i++;
    }
    if (i < tokens.size() && tokens.get(i).identifier()) {
      out.put(name(tokens.get(i)), name);
      i++;
    }
    return i;
  }

  /** The main table: the one written, else the first read; null when none is named. */
  String mainTable() {
    return tables().values().stream().findFirst().orElse(null);
  }

  /** Every placeholder number once, with the column it meets where the text shows one. */
  List<Site> sites() {
    Map<Integer, Site> out = new LinkedHashMap<>();
    List<String> insertColumns = insertColumns();
    String clause = "";
    int valuesPos = 0;
    int depth = 0;
    int seen = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      String up = t.text().toUpperCase(Locale.ROOT);
      if (t.type() == Type.WORD && CLAUSES.contains(up)) {
        clause = up;
        depth = 0;
        valuesPos = 0;
        continue;
      }
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      } else if (t.is(",") && clause.equals("VALUES")) {
        valuesPos = depth == 1 ? valuesPos + 1 : depth == 0 ? 0 : valuesPos;
      }
      if (t.type() != Type.PARAM) {
        continue;
      }
      int n = Placeholders.number(t, seen++);
      Site s = site(i, n, clause, clause.equals("VALUES") && valuesPos < insertColumns.size()
          ? insertColumns.get(valuesPos) : null);
      Site had = out.get(n);
      if (had == null || had.column() == null && s.column() != null) {
        out.put(n, s);
      }
    }
    return new ArrayList<>(out.values());
  }

  private Site site(int i, int n, String clause, String insertColumn) {
    Token prev = at(i - 1);
    if (clause.equals("LIMIT") || clause.equals("OFFSET") || prev != null && (prev.is("LIMIT") || prev.is("OFFSET"))) {
      return new Site(n, null, null, Role.LIMIT);
    }
    if (insertColumn != null) {
      return new Site(n, null, insertColumn, Role.VALUE);
    }
    String op = prev == null ? "" : prev.text().toUpperCase(Locale.ROOT);
    if (COMPARE.contains(op) || ARITHMETIC.contains(op)) {
      Site s = columnBefore(i - 2, n, ARITHMETIC.contains(op) || op.equals("=") && clause.equals("SET")
          ? Role.VALUE : Role.MATCH);
      if (s != null) {
        return s;
      }
    }
    Token next = at(i + 1);
    if (next != null && COMPARE.contains(next.text().toUpperCase(Locale.ROOT)) && at(i + 2) != null
        && at(i + 2).identifier()) {
      boolean qualified = at(i + 3) != null && at(i + 3).is(".") && at(i + 4) != null && at(i + 4).identifier();
      return qualified ? new Site(n, name(at(i + 2)), name(at(i + 4)), Role.MATCH)
          : new Site(n, null, name(at(i + 2)), Role.MATCH);
    }
    int k = i - 1;
    while (k >= 0 && (at(k).type() == Type.PARAM || at(k).is(","))) {
      k--;
    }
    if (k >= 1 && at(k).is("(") && at(k - 1).is("IN")) {
      Site s = columnBefore(k - 2, n, Role.MATCH);
      if (s != null) {
        return s;
      }
    }
    if (prev != null && prev.is("BETWEEN")) {
      Site s = columnBefore(i - 2, n, Role.MATCH);
      if (s != null) {
        return s;
      }
    }
    if (prev != null && prev.is("AND") && at(i - 2) != null && at(i - 2).type() == Type.PARAM && at(i - 3) != null
        && at(i - 3).is("BETWEEN")) {
      Site s = columnBefore(i - 4, n, Role.MATCH);
      if (s != null) {
        return s;
      }
    }
    return new Site(n, null, null, clause.equals("WHERE") || clause.equals("ON") ? Role.MATCH : Role.VALUE);
  }

  /** The column reference ending at {@code k} ({@code col} or {@code q.col}), or null. */
  private Site columnBefore(int k, int n, Role role) {
    Token c = at(k);
    if (c == null || !c.identifier()) {
      return null;
    }
    Token dot = at(k - 1);
    if (dot != null && dot.is(".") && at(k - 2) != null && at(k - 2).identifier()) {
      return new Site(n, name(at(k - 2)), name(c), role);
    }
    return new Site(n, null, name(c), role);
  }

  /** INSERT's column list, in order (empty when it has none). */
  private List<String> insertColumns() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).is("INTO")) {
        int j = table(i + 1, new LinkedHashMap<>());
        if (j > 0 && j < tokens.size() && tokens.get(j).is("(")) {
          for (j++; j < tokens.size() && !tokens.get(j).is(")"); j++) {
            if (tokens.get(j).identifier()) {
              out.add(name(tokens.get(j)));
            }
          }
        } else if (j > 0) {
          // INSERT INTO t (without column list) is left unresolved; also `INTO t alias (…)`, handled by table()
          return out;
        }
        return out;
      }
    }
    return out;
  }

  private Token at(int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
  }

  private String name(Token t) {
    return t.type() == Type.WORD && lowerCase ? t.text().toLowerCase(Locale.ROOT) : t.text();
  }
}
