package backstep.integrity;

import backstep.db.Dialect;
import backstep.playbook.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How cheap a sound scoped read could be, against a step's own cost (PostgreSQL; docs/performance.md, "What the
 * run's fingerprints cost", session 13): on one session, a one-statement DDL step ({@code CREATE TABLE} and
 * {@code COMMIT}, two round trips, as the engine benchmark's floor) alone, and with a read of its objects inside its
 * transaction, after its statement, in the same round trip as nothing else: Backstep's read as it is (eight catalog
 * statements, its savepoint and settings), the four statements a table-only step's effect needs at least (tables,
 * columns, constraints, indexes: a step that only creates or alters tables cannot change the others by name), and a
 * single catalog look-up, with the read's savepoint and settings and without them (the floor of any read: one
 * statement more in a round trip of its own), and that look-up sent with the step's statement (no round trip of its
 * own: what a read costs the server and the driver at the least). The variants run in
 * rotation; what is measured is CPU, not wall time: the server backend's ({@code /proc/<pid>/schedstat}, the server
 * runs on this machine) and this thread's. Also a whole read of the schema on a new session (a run's full "before",
 * once per apply, with its {@code PREPARE}s).
 */
public final class ReadFloor {
  /** What runs inside a step's transaction after its statement. */
  enum Variant {
    STEP_ALONE, BACKSTEP_READ, FOUR_STATEMENTS, ONE_LOOKUP, ONE_LOOKUP_BARE, ONE_LOOKUP_RIDING,
    /** The eight catalog statements of a read, every value read as text (the forms below read the same rows). */
    EIGHT_ROWS,
    /** The same rows as one statement ({@link #UNION}), every value read as text. */
    UNION_ROWS,
    /** The same rows as one statement of one row, a {@code json_agg} per kind, each parsed (Jackson's tree). */
    JSON_ROWS
  }

  private static final String LOOKUP = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname = $1 AND c.relname = ANY($2)";

  /** A read's eight catalog statements, the columns' without its ORDER BY (a form below orders nothing). */
  private static final List<String> EIGHT = List.of(PostgresCatalog.TABLES,
      PostgresCatalog.COLUMNS.substring(0, PostgresCatalog.COLUMNS.lastIndexOf("ORDER BY")),
      PostgresCatalog.CONSTRAINTS, PostgresCatalog.INDEXES, PostgresCatalog.TRIGGERS, PostgresCatalog.VIEWS,
      PostgresCatalog.SEQUENCES, PostgresCatalog.ROUTINES);

  /** Each statement's columns, by name (in the order of {@link #EIGHT}). */
  private static final List<String> COLUMNS = List.of("name comment partition_key estimate",
      "table_name name type attnotnull default_expr identity generated comment collation seq_type seqstart"
          + " seqincrement seqmin seqmax seqcache seqcycle hash_type atttypmod",
      "table_name name type convalidated cols ref_table ref_cols on_delete on_update check_expr",
      "table_name name indisunique indisvalid method predicate cols", "table_name name type enabled action",
      "name materialized definition",
      "name type seqstart seqincrement seqmin seqmax seqcache seqcycle comment owned_by",
      "signature kind returns language body");

  /**
   * The eight as one {@code UNION ALL}: every statement's columns by name (two that name a column alike share it),
   * each row led by its statement's number, {@code NULL} where its statement has no such column.
   */
  private static final String UNION = union();

  /** The eight as one row of eight {@code json_agg}s (session 12's form, measured again in session 14). */
  private static final String JSON = EIGHT.stream().map(q -> "(SELECT json_agg(q) FROM (" + q + ") q)")
      .collect(Collectors.joining(",\n", "SELECT ", ""));

  private static String union() {
    Map<String, String> shape = new LinkedHashMap<>();
    for (String[] typed : new String[][] {
        {"text", "table_name name comment partition_key type default_expr identity generated collation seq_type"
            + " hash_type ref_table on_delete on_update check_expr method predicate enabled action definition owned_by"
            + " signature kind returns language body"},
        {"bool", "attnotnull seqcycle convalidated indisunique indisvalid materialized"},
        {"bigint", "estimate seqstart seqincrement seqmin seqmax seqcache"}, {"int", "atttypmod"},
        {"text[]", "cols ref_cols"}}) {
      for (String name : typed[1].split(" ")) {
        shape.put(name, typed[0]);
      }
    }
    List<String> branches = new ArrayList<>();
    for (int i = 0; i < EIGHT.size(); i++) {
      Set<String> has = Set.of(COLUMNS.get(i).split(" "));
      StringBuilder b = new StringBuilder("SELECT ").append(i + 1).append(" AS part");
      shape.forEach((name, type) -> b.append(", ").append(has.contains(name) ? "q." + name : "NULL").append("::")
          .append(type).append(" AS ").append(name));
      branches.add(b.append("\nFROM (").append(EIGHT.get(i)).append(") q").toString());
    }
    return String.join("\nUNION ALL\n", branches);
  }

  private ReadFloor() {}

  /**
   * {@code rounds} rounds of every variant on {@code c} (a database of tables {@code app_t0 …}), then
   * {@code wholeReads} whole reads each on a new session from {@code fresh}; prints the medians per step.
   */
  public static void measure(Connection c, java.util.concurrent.Callable<Connection> fresh, int rounds,
      int wholeReads) throws Exception {
    long pid = pid(c);
    Map<Variant, List<long[]>> got = new EnumMap<>(Variant.class);
    int k = 0;
    for (int r = 0; r < rounds + 3; r++) {
      for (int v = 0; v < Variant.values().length; v++) {
        Variant variant = Variant.values()[(v + r) % Variant.values().length];
        long[] cost = step(c, pid, variant, "floor_t" + k++, "app_t" + (r % 100));
        if (r >= 3) { // the first rounds prepare and warm up
          got.computeIfAbsent(variant, x -> new ArrayList<>()).add(cost);
        }
      }
    }
    long[] alone = medians(got.get(Variant.STEP_ALONE));
    System.out.printf(Locale.ROOT, "%-16s %12s %12s %12s%n", "per step", "server CPU", "client CPU", "extra, sum");
    for (Variant v : Variant.values()) {
      long[] m = medians(got.get(v));
      System.out.printf(Locale.ROOT, "%-16s %9.3f ms %9.3f ms %9.3f ms (%.2fx the step)%n", v, m[0] / 1e6, m[1] / 1e6,
          (m[0] + m[1] - alone[0] - alone[1]) / 1e6, (m[0] + m[1]) / (double) (alone[0] + alone[1]));
    }
    List<long[]> whole = new ArrayList<>();
    for (int i = 0; i < wholeReads; i++) {
      try (Connection w = fresh.call()) {
        long p = pid(w);
        long s0 = server(p);
        long c0 = client();
        Fingerprint.take(w, Dialect.POSTGRES, "public", null, Set.of("app_t1", "app_t2", "app_t3"), 1_000_000);
        whole.add(new long[] {server(p) - s0, client() - c0});
      }
    }
    for (List<String> form : List.of(EIGHT, List.of(UNION), EIGHT, List.of(UNION), EIGHT, List.of(UNION))) {
      try (Connection w = fresh.call()) { // each PREPAREd, planned and run on a whole read, as a run's first read
        long p = pid(w);
        ReadSession.run(w, Dialect.POSTGRES, conn -> {
          Sql.prepared(conn, List.of(part(LOOKUP)), "public", Set.of()); // the session's catalog caches warm
          return null;
        });
        long s0 = server(p);
        long c0 = client();
        ReadSession.run(w, Dialect.POSTGRES, conn -> {
          Sql.prepared(conn, form.stream().map(ReadFloor::everyValue).toList(), "public", null);
          return null;
        });
        System.out.printf(Locale.ROOT, "first whole read of a new session, %s: server %.3f ms, client %.3f ms%n",
            form.size() == 1 ? "one UNION ALL" : "eight statements", (server(p) - s0) / 1e6, (client() - c0) / 1e6);
      }
    }
    long[] m = medians(whole.subList(1, whole.size()));
    System.out.printf(Locale.ROOT, "whole read on a new session (a run's full \"before\", 3 data tables): server %.3f"
        + " ms, client %.3f ms; over a 20-step apply %.3f ms a step%n", m[0] / 1e6, m[1] / 1e6,
        (m[0] + m[1]) / 20e6);
  }

  private static long[] step(Connection c, long pid, Variant v, String table, String next) throws SQLException {
    long s0 = server(pid);
    long c0 = client();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      String create = "CREATE TABLE " + table + " (id INT PRIMARY KEY, ref INT)";
      // the floor of the floor: the look-up in the statement's own round trip, with its names as literals
      st.execute(v != Variant.ONE_LOOKUP_RIDING ? create : create + ";\n" + LOOKUP.replace("$1", "'public'")
          .replace("$2", "ARRAY['" + table + "', '" + next + "']"));
      Set<String> names = Set.of(table, next);
      switch (v) {
        case BACKSTEP_READ -> Fingerprint.take(c, Dialect.POSTGRES, "public", names, Set.of(), 1_000_000);
        case FOUR_STATEMENTS -> ReadSession.run(c, Dialect.POSTGRES, conn -> {
          Sql.prepared(conn, List.of(part(PostgresCatalog.TABLES), part(PostgresCatalog.COLUMNS),
              part(PostgresCatalog.CONSTRAINTS), part(PostgresCatalog.INDEXES)), "public", names);
          return null;
        });
        case ONE_LOOKUP -> ReadSession.run(c, Dialect.POSTGRES, conn -> {
          Sql.prepared(conn, List.of(part(LOOKUP)), "public", names);
          return null;
        });
        case ONE_LOOKUP_BARE -> Sql.prepared(c, List.of(part(LOOKUP)), "public", names);
        case EIGHT_ROWS -> ReadSession.run(c, Dialect.POSTGRES, conn -> {
          Sql.prepared(conn, EIGHT.stream().map(ReadFloor::everyValue).toList(), "public", names);
          return null;
        });
        case UNION_ROWS -> ReadSession.run(c, Dialect.POSTGRES, conn -> {
          Sql.prepared(conn, List.of(everyValue(UNION)), "public", names);
          return null;
        });
        case JSON_ROWS -> ReadSession.run(c, Dialect.POSTGRES, conn -> {
          Sql.prepared(conn, List.of(new Sql.Part(JSON, rs -> {
            for (int i = 1; i <= EIGHT.size(); i++) {
              String json = rs.getString(i);
              if (json != null) {
                parse(json);
              }
            }
          })), "public", names);
          return null;
        });
        default -> { }
      }
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    return new long[] {server(pid) - s0, client() - c0};
  }

  /** {@code sql}'s rows, every value read as text. */
  private static Sql.Part everyValue(String sql) {
    return new Sql.Part(sql, rs -> {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        rs.getString(i);
      }
    });
  }

  private static void parse(String json) throws SQLException {
    try {
      Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SQLException(e);
    }
  }

  private static Sql.Part part(String sql) {
    return new Sql.Part(sql, rs -> rs.getString(1));
  }

  private static long pid(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The backend's CPU time so far, in ns (the first field of schedstat). */
  private static long server(long pid) {
    try {
      return Long.parseLong(Files.readString(Path.of("/proc/" + pid + "/schedstat")).split(" ")[0]);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the server's backend is not on this machine: " + e.getMessage(), e);
    }
  }

  private static long client() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long[] medians(List<long[]> xs) {
    long[] out = new long[2];
    for (int i = 0; i < 2; i++) {
      int j = i;
      List<Long> s = xs.stream().map(x -> x[j]).sorted().toList();
      out[i] = s.get(s.size() / 2);
    }
    return out;
  }
}
