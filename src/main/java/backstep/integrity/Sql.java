package backstep.integrity;

import backstep.db.Dialect;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Small JDBC helpers: queries mapped row by row, identifier quoting and text normalisation. */
final class Sql {
  private Sql() {}

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} with the PostgreSQL setting {@code name} at {@code value} for it alone ({@code SET LOCAL}, so
   * inside the caller's transaction), then puts back what the session had.
   */
  static <T> T withSetting(Connection c, String name, String value, Work<T> work) throws SQLException {
    // one round trip; the materialized CTE reads the old value before the outer row changes it
    String before = query(c, "WITH old AS MATERIALIZED (SELECT current_setting(?) AS v)"
        + " SELECT v, set_config(?, ?, true) FROM old", List.of(name, name, value), rs -> rs.getString(1)).get(0);
    try {
      return work.run(c);
    } finally {
      query(c, "SELECT set_config(?, ?, true)", List.of(name, before), rs -> rs.getString(1));
    }
  }

  /**
   * {@code sql} limited to rows whose {@code column} is one of {@code only} (null: unchanged): the condition goes
   * before a trailing ORDER BY, else at the end. Names are written as SQL literals, quotes doubled.
   */
  static String restrict(String sql, String column, java.util.Set<String> only) {
    if (only == null) {
      return sql;
    }
    List<String> names = only.stream().filter(n -> n.indexOf('\\') < 0 && n.indexOf('?') < 0).sorted().toList();
    String in = names.isEmpty() ? " AND 1 = 0" : " AND " + column + " IN (" + names.stream()
        .map(n -> "'" + n.replace("'", "''") + "'").collect(java.util.stream.Collectors.joining(", ")) + ")";
    int order = sql.lastIndexOf("ORDER BY ");
    boolean topLevel = order >= 0 && sql.indexOf(')', order) < 0;
    return topLevel ? sql.substring(0, order) + in + " " + sql.substring(order) : sql + in;
  }

  /**
   * One query of a {@link #prepared} read: its text, with {@code $1} for the schema and {@code $2} for the names (a
   * text array, null for all), and what reads its rows.
   */
  record Part(String sql, RowConsumer rows) {}

  /**
   * Statements {@link #defer}red to go ahead of the next read on a connection: they share its round trip. {@code
   * settings} (PostgreSQL: name, value, …; may be empty) go after them as one {@code SELECT set_config(…, true), …}
   * ({@code SET LOCAL}s as one statement, not one each).
   */
  private record Deferred(Connection c, String sql, List<String> settings) {}

  private static final ThreadLocal<Deferred> DEFERRED = new ThreadLocal<>();

  /**
   * Sends {@code sql} (statements that return no rows: a savepoint, {@code SET LOCAL}s) with the next statement this
   * thread sends on {@code c} through this class, in the same round trip ({@link ReadSession}: a run reads the
   * catalog inside every step's transaction). Every sending method here takes it first.
   */
  static void defer(Connection c, String sql) {
    defer(c, sql, List.of());
  }

  /**
   * As {@link #defer(Connection, String)}, then {@code settings} (name, value, name, value …) for the transaction
   * ({@code SET LOCAL}) as one {@code SELECT set_config(name, value, true), …}: one statement for them all (the
   * server parses, binds and runs each statement of a round trip on its own; docs/performance.md, session 14).
   */
  static void defer(Connection c, String sql, List<String> settings) {
    DEFERRED.set(new Deferred(c, sql, List.copyOf(settings)));
  }

  /**
   * {@code SELECT set_config(name, value, true), …} for {@code settings} (name, value, …): {@code SET LOCAL} of them
   * all in one statement, in the order given. It returns one row, which the sender skips.
   */
  static String setLocal(List<String> settings) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < settings.size(); i += 2) {
      sql.append(i == 0 ? "" : ", ").append("set_config(").append(literal(settings.get(i))).append(", ")
          .append(literal(settings.get(i + 1))).append(", true)");
    }
    return sql.toString();
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Forgets what {@link #defer} left; true when it was never sent. */
  static boolean dropDeferred() {
    boolean unsent = DEFERRED.get() != null;
    DEFERRED.remove();
    return unsent;
  }

  /**
   * Adds {@code settings} (name, value, …) to the settings deferred on {@code c}, to be set in the same statement;
   * false when none are deferred there (the caller sets them itself).
   */
  private static boolean withSettings(Connection c, List<String> settings) {
    Deferred d = DEFERRED.get();
    if (d == null || d.c() != c || d.settings().isEmpty()) {
      return false;
    }
    List<String> all = new ArrayList<>(d.settings());
    all.addAll(settings);
    DEFERRED.set(new Deferred(c, d.sql(), all));
    return true;
  }

  /** What was deferred on {@code c}, now to be sent (null: nothing); it is forgotten here. */
  private static Deferred takeDeferred(Connection c) {
    Deferred d = DEFERRED.get();
    if (d == null || d.c() != c) {
      return null;
    }
    DEFERRED.remove();
    return d;
  }

  /** A text of statements to send, and the result sets at its head that the caller did not ask for. */
  private record Text(String sql, int skip) {}

  /** {@code sql} with what was deferred on {@code c} (and its settings' one-row result) ahead of it. */
  private static Text withDeferred(Connection c, String sql) {
    Deferred d = takeDeferred(c);
    if (d == null) {
      return new Text(sql, 0);
    }
    return d.settings().isEmpty() ? new Text(d.sql() + ";\n" + sql, 0)
        : new Text(d.sql() + ";\n" + setLocal(d.settings()) + ";\n" + sql, 1);
  }

  /** Sends what was deferred on {@code c} on its own, before a statement it cannot go with (one with parameters). */
  private static void flushDeferred(Connection c) throws SQLException {
    Deferred d = takeDeferred(c);
    if (d != null) {
      try (Statement st = c.createStatement()) {
        st.execute(d.settings().isEmpty() ? d.sql() : d.sql() + ";\n" + setLocal(d.settings()));
      }
    }
  }

  /** Moves {@code st} past {@code n} result sets (and the update counts around them). */
  private static boolean skip(Statement st, boolean rs, int n) throws SQLException {
    for (int i = 0; i < n; i++) {
      while (!rs && st.getUpdateCount() != -1) {
        rs = st.getMoreResults();
      }
      rs = st.getMoreResults();
    }
    return rs;
  }

  /** Sends {@code sql} (several statements) as one simple query; the result sets go to {@code parts} in order. */
  private static void run(Connection c, String sql, List<Part> parts) throws SQLException {
    try (Statement st = c.createStatement()) {
      Text text = withDeferred(c, sql);
      boolean rs = skip(st, st.execute(text.sql()), text.skip());
      for (Part p : parts) {
        while (!rs && st.getUpdateCount() != -1) {
          rs = st.getMoreResults();
        }
        if (!rs) {
          throw new SQLException("catalog pipeline: fewer results than queries");
        }
        try (ResultSet r = st.getResultSet()) {
          while (r.next()) {
            p.rows().accept(r);
          }
        }
        rs = st.getMoreResults();
      }
    }
  }

  /**
   * {@code setup} (statements that return no rows) and then each part's query (no parameters) as one simple query:
   * one round trip; each part's rows go to its consumer, in order.
   */
  static void all(Connection c, String setup, List<Part> parts) throws SQLException {
    run(c, setup + ";\n" + parts.stream().map(Part::sql).collect(Collectors.joining(";\n")), parts);
  }

  /**
   * MariaDB: {@code queries}, each with one parameter bound to {@code param}, as one compound statement ({@code BEGIN
   * NOT ATOMIC …; END}): one round trip, a result set per query, read in order by {@code readers}. What was
   * {@link #defer}red on {@code c} goes first, inside the block. A compound statement needs no multi-statement
   * option; the driver binds the values on the client (the server does not prepare compound statements).
   */
  static void block(Connection c, List<String> queries, String param, List<RowConsumer> readers)
      throws SQLException {
    block(c, List.of(), queries, param, readers);
  }

  /**
   * As {@link #block(Connection, List, String, List)}, with {@code declarations} (no parameters) at the head of the
   * block; here a statement of {@code statements} may return no rows ({@code SELECT … INTO} a declared variable), so
   * {@code readers} read the result sets of the others, in order.
   */
  static void block(Connection c, List<String> declarations, List<String> statements, String param,
      List<RowConsumer> readers) throws SQLException {
    Deferred first = takeDeferred(c); // MariaDB defers statements only, never PostgreSQL's settings
    String sql = "BEGIN NOT ATOMIC\n" + declarations.stream().map(d -> d + ";\n").collect(Collectors.joining())
        + (first == null ? "" : first.sql() + ";\n") + String.join(";\n", statements) + ";\nEND";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 1; i <= statements.size(); i++) {
        ps.setString(i, param);
      }
      boolean rs = ps.execute();
      for (RowConsumer r : readers) {
        while (!rs && ps.getUpdateCount() != -1) {
          rs = ps.getMoreResults();
        }
        if (!rs) {
          throw new SQLException("catalog block: fewer results than queries");
        }
        try (ResultSet set = ps.getResultSet()) {
          while (set.next()) {
            r.accept(set);
          }
        }
        rs = ps.getMoreResults();
      }
    }
  }

  /** Physical PostgreSQL connections on which {@link #prepared}'s statements are already prepared. */
  private static final java.util.Map<Object, java.util.Set<String>> PREPARED =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  /** Sessions where a read failed: which statements they hold is read from the server before the next one. */
  private static final java.util.Map<Object, Boolean> UNSURE =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * Runs {@code parts} (each with {@code $1} for the schema and {@code $2} for the names, null for every object) in
   * one round trip on PostgreSQL, as {@code EXECUTE}s of statements prepared once per physical connection ({@code
   * PREPARE} is session-level and survives a rolled-back transaction); each part's rows go to its consumer, in
   * order. Planning the catalog queries is most of their cost right after DDL (about five times their execution
   * here), and a run reads a scoped snapshot after every step on the same connection; a whole-schema read runs the
   * same statements with null names, so it plans nothing more.
   */
  static void prepared(Connection c, List<Part> parts, String schema, java.util.Set<String> names)
      throws SQLException {
    prepared(c, parts, schema, names, List.of());
  }

  /**
   * As {@link #prepared(Connection, List, String, java.util.Set)}, then {@code after} (queries without parameters,
   * planned as usual: {@code enable_seqscan} back on, JIT off, as {@link Checksums} runs them) in the same round
   * trip; their rows go to their consumers after the catalog's.
   */
  static void prepared(Connection c, List<Part> parts, String schema, java.util.Set<String> names,
      List<Part> after) throws SQLException {
    Object physical = physical(c);
    java.util.Set<String> done = PREPARED.computeIfAbsent(physical, k -> ConcurrentHashMap.newKeySet());
    if (UNSURE.remove(physical) != null) { // a read failed part way: ask the session what it holds
      done.clear();
      forEach(c, "SELECT name FROM pg_prepared_statements WHERE name LIKE 'backstep\\_catalog\\_%'", List.of(),
          rs -> done.add(rs.getString(1)));
    }
    String args = "'" + schema.replace("'", "''") + "'" + (names == null ? ", NULL" : names.isEmpty()
        ? ", ARRAY[]::text[]" : names.stream().sorted().map(n -> "'" + n.replace("'", "''") + "'")
            .collect(Collectors.joining(", ", ", ARRAY[", "]::text[]")));
    List<String> sql = new ArrayList<>();
    List<String> prepare = new ArrayList<>();
    for (Part p : parts) {
      String text = p.sql();
      String name = NAMES.computeIfAbsent(text, Sql::statementName);
      if (!done.contains(name)) {
        prepare.add(name);
        sql.add("PREPARE " + name + "(text, text[]) AS " + text);
      }
      sql.add("EXECUTE " + name + "(" + args + ")");
    }
    try {
      // planned (once per session) on the catalogs' indexes: a catalog's statistics in a new database are its
      // template's, and a sequential scan of pg_class or pg_proc for each statement of each read was the larger cost;
      // the setting goes with the read session's own, when they are still to be sent (one statement for all)
      String head = withSettings(c, List.of("enable_seqscan", "off")) ? "" : "SET LOCAL enable_seqscan = off;\n";
      List<Part> all = new ArrayList<>(parts);
      String tail = ";\nSET LOCAL enable_seqscan = on";
      if (!after.isEmpty()) { // back on, and JIT off, as Checksums runs them: one statement
        Part back = new Part(setLocal(List.of("enable_seqscan", "on", "jit", "off")), rs -> { });
        all.add(back);
        all.addAll(after);
        tail = ";\n" + back.sql() + ";\n" + after.stream().map(Part::sql).collect(Collectors.joining(";\n"));
      }
      run(c, head + String.join(";\n", sql) + tail, all);
    } catch (SQLException e) {
      UNSURE.put(physical, Boolean.TRUE); // some of the PREPAREs may have run before the error
      throw e;
    }
    done.addAll(prepare);
  }

  private static final java.util.Map<String, String> NAMES = new ConcurrentHashMap<>();

  /** The physical PostgreSQL session behind {@code c} (a pool's proxy unwrapped), to key what a session holds. */
  static Object physical(Connection c) throws SQLException {
    return c.isWrapperFor(org.postgresql.PGConnection.class) ? c.unwrap(org.postgresql.PGConnection.class) : c;
  }

  /** A prepared statement's name from a hash of its text: one text, one name, in every session. */
  private static String statementName(String text) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "backstep_catalog_" + java.util.HexFormat.of().formatHex(h, 0, 10);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether {@code e} says a statement {@link #prepared} counted on is gone from the session (someone ran {@code
   * DEALLOCATE ALL} on it); if so, they are prepared again on the next read, which the caller retries from a clean
   * transaction state ({@link ReadSession}).
   */
  static boolean lostPrepared(SQLException e) {
    // the failed read already marked the session for a fresh look at what it holds
    return "26000".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("backstep_catalog_");
  }


  static <T> List<T> query(Connection c, String sql, List<?> params, RowMapper<T> mapper) throws SQLException {
    flushDeferred(c);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
      return out;
    }
  }

  /**
   * {@code setup} (statements that return no rows, such as {@code SET LOCAL}) and then {@code sql} (no parameters)
   * in one round trip; the rows of {@code sql}.
   */
  static <T> List<T> queryAfter(Connection c, String setup, String sql, RowMapper<T> mapper) throws SQLException {
    try (Statement st = c.createStatement()) {
      Text text = withDeferred(c, setup + ";\n" + sql);
      boolean rs = skip(st, st.execute(text.sql()), text.skip());
      while (!rs && st.getUpdateCount() != -1) {
        rs = st.getMoreResults();
      }
      if (!rs) {
        throw new SQLException("no result from: " + sql);
      }
      List<T> out = new ArrayList<>();
      try (ResultSet r = st.getResultSet()) {
        while (r.next()) {
          out.add(mapper.map(r));
        }
      }
      return out;
    }
  }

  static void forEach(Connection c, String sql, List<?> params, RowConsumer consumer) throws SQLException {
    query(c, sql, params, rs -> {
      consumer.accept(rs);
      return Boolean.TRUE;
    });
  }

  @FunctionalInterface
  interface RowConsumer {
    void accept(ResultSet rs) throws SQLException;
  }

  static void execute(Connection c, String... sql) throws SQLException {
    flushDeferred(c);
    try (Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  static String ident(Dialect d, String name) {
    return d == Dialect.POSTGRES
        ? '"' + name.replace("\"", "\"\"") + '"'
        : '`' + name.replace("`", "``") + '`';
  }

  static String qualified(Dialect d, String schema, String table) {
    return ident(d, schema) + "." + ident(d, table);
  }

  static String idents(Dialect d, List<String> names) {
    return names.stream().map(n -> ident(d, n)).collect(Collectors.joining(", "));
  }

  /** Collapses runs of whitespace to one space and trims; null stays null. */
  static String squash(String text) {
    return text == null ? null : text.strip().replaceAll("\\s+", " ");
  }

  /** A PostgreSQL array column as a list of strings. */
  static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    if (a == null) {
      return List.of();
    }
    Object[] values = (Object[]) a.getArray();
    return Arrays.stream(values).map(String::valueOf).toList();
  }

  /** "(a, b)" for messages. */
  static String list(List<String> names) {
    return "(" + String.join(", ", names) + ")";
  }
}
