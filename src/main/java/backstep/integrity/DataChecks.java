package backstep.integrity;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.integrity.CheckResult.Kind;
import backstep.playbook.Expectation;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Data checks computed inside the database: row counts, checksums, duplicate keys, foreign key orphans, NULL counts
 * and custom SQL expectations. No table rows travel to the client, only the single values the checks compute. On a
 * pooled connection every check runs in a read-only transaction, so a custom query cannot write; on a connection the
 * caller holds inside a transaction it runs in that transaction and sees its uncommitted work (see
 * {@link ReadSession}); a check that fails with an SQL error there does not abort the caller's transaction on
 * PostgreSQL.
 *
 * <p><b>Cost.</b> A checksum reads and hashes every row ({@link Checksums}); a count does not hash. On 5 M rows on
 * the development machine (2 shared cores, PostgreSQL 15, default settings) the checksum costs 2.7–4×
 * {@code SELECT count(*)} of the same table; an orphan check over an enforced foreign key is a catalog read (tens of
 * ms), a scanning one with an index on the referencing columns 3.5–6.3×. On MariaDB 10.11 the checksum costs
 * 1.6–1.8× {@code CHECKSUM TABLE … EXTENDED} in server CPU (2.2–2.8× {@code COUNT(*)}), which it replaced because
 * that misses values
 * moved across a column boundary. Figures, plans and the command that produced them:
 * docs/performance-integrity.md. A fingerprint of a 100 GB database is a job for a rehearsal on a scratch copy, not
 * for every step.
 */
public final class DataChecks {
  private final Dialect dialect;
  private final String schema;
  private final Database db;
  private final Connection held;

  private final CheckProgress progress;
  private final long bigTableRows;
  private final String scanEveryKey;

  private DataChecks(Dialect dialect, String schema, Database db, Connection held, CheckProgress progress,
      long bigTableRows, String scanEveryKey) {
    this.dialect = dialect;
    this.schema = schema;
    this.db = db;
    this.held = held;
    this.progress = progress;
    this.bigTableRows = bigTableRows;
    this.scanEveryKey = scanEveryKey;
  }

  /** Checks that borrow a pooled connection of {@code db} for each check. */
  public DataChecks(Database db) {
    this(db.dialect(), db.schema(), db, null, CheckProgress.NONE, CheckProgress.BIG_TABLE_ROWS, null);
  }

  /** Checks on a connection the caller holds (and closes), for example inside a step's transaction. */
  public static DataChecks on(Connection c, Dialect dialect, String schema) {
    return new DataChecks(dialect, schema, null, c, CheckProgress.NONE, CheckProgress.BIG_TABLE_ROWS, null);
  }

  /**
   * The same checks, counting orphans by scanning even where a foreign key the database enforces proves there are
   * none ({@link ForeignKeyProof}), because of {@code why} (said in the detail: {@code full_scan: true}, {@code
   * --full-scan}, a run whose SQL switches enforcement off); null keeps taking the proof.
   */
  public DataChecks scanningEveryForeignKey(String why) {
    return new DataChecks(dialect, schema, db, held, progress, bigTableRows, why);
  }

  /** The same checks, telling {@code p} when one starts and ends on a big table (one more catalog read each). */
  public DataChecks withProgress(CheckProgress p) {
    return withProgress(p, CheckProgress.BIG_TABLE_ROWS);
  }

  /** As {@link #withProgress(CheckProgress)}, for tables estimated at {@code minRows} rows or more. */
  public DataChecks withProgress(CheckProgress p, long minRows) {
    return new DataChecks(dialect, schema, db, held, p, minRows, scanEveryKey);
  }

  /** Runs a check of {@code table}, reported to the progress listener when the table is big. */
  private <T> T tracked(String check, String table, Sql.Work<T> work) throws SQLException {
    if (progress == CheckProgress.NONE) {
      return read(work);
    }
    return read(c -> {
      long estimate = estimatedRows(c, dialect, schema, table);
      boolean big = estimate >= bigTableRows;
      long start = System.nanoTime();
      if (big) {
        progress.checkStarted(check, table, estimate);
      }
      T result = work.run(c);
      if (big) {
        long rows = result instanceof TableChecksum t ? t.rows() : check.equals("rows") ? (Long) result : -1;
        progress.checkFinished(check, table, rows, since(start));
      }
      return result;
    });
  }

  /** The planner's / storage engine's row estimate for {@code table}; -1 when there is none. */
  static long estimatedRows(Connection c, Dialect d, String schema, String table) throws SQLException {
    String sql = d == Dialect.POSTGRES
        ? "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(quote_ident(?) || '.' || quote_ident(?))"
        : "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    List<Long> rows = Sql.query(c, sql, List.of(schema, table), rs -> rs.getLong(1));
    return rows.isEmpty() ? -1 : rows.get(0);
  }

  private <T> T read(Sql.Work<T> work) throws SQLException {
    if (held != null) {
      return ReadSession.run(held, dialect, work);
    }
    try (Connection c = db.connection()) {
      return ReadSession.run(c, dialect, work);
    }
  }

  private String from(String table) {
    return Sql.qualified(dialect, schema, table);
  }

  /** Rows in {@code table}; always passes. */
  public CheckResult rowCount(String table) throws SQLException {
    long start = System.nanoTime();
    long rows = tracked("rows", table, c -> count(c, "SELECT count(*) FROM " + from(table)));
    return new CheckResult("rows " + table, Kind.ROW_COUNT, rows, true, null, since(start));
  }

  /**
   * The order-independent checksum of {@code table} (value) and its row count (detail); always passes. Compare the
   * value with one taken before. How it is computed and what it costs: {@link Checksums}.
   */
  public CheckResult checksum(String table) throws SQLException {
    long start = System.nanoTime();
    TableChecksum sum = tracked("checksum", table, c -> Checksums.compute(c, dialect, schema, table));
    return new CheckResult("checksum " + table, Kind.CHECKSUM, sum.checksum(), true, sum.rows() + " rows",
        since(start));
  }

  /** The query {@link #checksum} sends for {@code table} (for EXPLAIN and benchmarks). */
  public String checksumSql(String table) throws SQLException {
    return read(c -> Checksums.sql(dialect, schema, table, RowHash.columns(c, dialect, schema, table)));
  }

  /**
   * How many values of {@code columns} appear in more than one row of {@code table} (value); passes when none. Rows
   * with a NULL in any of the columns are left out, as a unique constraint leaves them out. Use it before adding a
   * unique constraint or index, or when one is not enforced.
   */
  public CheckResult duplicates(String table, List<String> columns) throws SQLException {
    long start = System.nanoTime();
    String cols = Sql.idents(dialect, columns);
    String sql = "SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM " + from(table)
        + " WHERE " + notNull("", columns) + " GROUP BY " + cols + " HAVING count(*) > 1) d";
    long[] found = tracked("duplicates", table,
        c -> Sql.query(c, sql, List.of(), rs -> new long[] {rs.getLong(1), rs.getLong(2)}).get(0));
    String detail = found[0] == 0 ? "no duplicates"
        : found[0] + (found[0] == 1 ? " key value appears" : " key values appear") + " more than once, in "
            + found[1] + " rows";
    return new CheckResult("duplicates " + table + Sql.list(columns), Kind.DUPLICATES, found[0], found[0] == 0,
        detail, since(start));
  }

  /**
   * Child rows of {@code fk} whose key has no NULL part and no parent row (value); passes when none. On PostgreSQL a
   * declared foreign key that the database enforces — validated, not deferrable, every trigger enabled, between plain
   * tables — proves the count is 0 without reading a row ({@link ForeignKeyProof}; the result's basis is
   * {@link CheckResult.Basis#PROVED} and the detail says why); otherwise,
   * or with {@link #scanningEveryForeignKey}, the rows are counted with NOT EXISTS. The detail warns when no index
   * starts with the referencing columns: each delete or key update on the parent then scans the whole child table.
   */
  public CheckResult orphans(ForeignKeyRef fk) throws SQLException {
    return tracked("orphans", fk.table(), c -> orphans(c, fk, SchemaSnapshot.read(c, dialect, schema)));
  }

  /** {@link #orphans(ForeignKeyRef)} for every foreign key of the schema, NOT VALID ones included. */
  public List<CheckResult> orphans() throws SQLException {
    return read(c -> {
      SchemaSnapshot snapshot = SchemaSnapshot.read(c, dialect, schema);
      List<CheckResult> results = new ArrayList<>();
      for (ForeignKeyRef fk : ForeignKeyRef.all(snapshot)) {
        results.add(orphans(c, fk, snapshot));
      }
      return results;
    });
  }

  private CheckResult orphans(Connection c, ForeignKeyRef fk, SchemaSnapshot snapshot) throws SQLException {
    long start = System.nanoTime();
    boolean indexed = snapshot.table(fk.table()).map(t -> t.hasIndexOn(fk.columns())).orElse(false);
    ForeignKeyProof proof = ForeignKeyProof.of(c, dialect, schema, fk, snapshot);
    boolean scan = scanEveryKey != null || !proof.proves();
    long orphans = scan ? count(c, fk, indexed) : 0;
    List<String> notes = new ArrayList<>();
    notes.add(orphans == 0 ? "no orphans" : orphans + (orphans == 1 ? " row of " : " rows of ") + fk.table()
        + (orphans == 1 ? " has" : " have") + " no parent in " + fk.refTable());
    notes.add(!scan ? proof.reason() + "; not scanned"
        : "scanned: " + (proof.proves() ? scanEveryKey : proof.reason()));
    if (!indexed) {
      notes.add(missingIndex(fk));
    }
    String name = "orphans " + (fk.name() != null ? fk.name() : fk.describe());
    return new CheckResult(name, Kind.ORPHANS, orphans, orphans == 0, String.join("; ", notes), since(start),
        scan ? CheckResult.Basis.COUNTED : CheckResult.Basis.PROVED);
  }

  private static String missingIndex(ForeignKeyRef fk) {
    return "warning: no index on " + fk.table() + Sql.list(fk.columns()) + " — each delete or key update on "
        + fk.refTable() + " scans " + fk.table();
  }

  /** The orphans of {@code fk}, counted with NOT EXISTS. */
  private long count(Connection c, ForeignKeyRef fk, boolean indexed) throws SQLException {
    List<String> join = new ArrayList<>();
    for (int i = 0; i < fk.columns().size(); i++) {
      join.add("p." + Sql.ident(dialect, fk.refColumns().get(i)) + " = c." + Sql.ident(dialect, fk.columns().get(i)));
    }
    String sql = "SELECT count(*) FROM " + from(fk.table()) + " c WHERE " + notNull("c.", fk.columns())
        + " AND NOT EXISTS (SELECT 1 FROM " + parent(fk.refTable()) + " p WHERE " + String.join(" AND ", join) + ")";
    return indexed && dialect == Dialect.POSTGRES ? withoutHashJoin(c, sql) : count(c, sql);
  }

  /**
   * The orphan count with hash joins and parallel workers off for this query only: with an index on the referencing
   * columns PostgreSQL then merges two index-only scans (child index, parent key) instead of hashing every parent
   * key, which spills to disk on a big parent with the default work_mem (measured on 5 M + 5 M rows: about half the
   * time; see docs/performance-integrity.md). Serial, because in a parallel merge anti join every worker walks the
   * whole parent index: two workers and the leader did about twice the work, and took longer than one process
   * whenever the cores were busy (2026-12-06: 1.8–2.0× against 2.4–2.8× {@code count(*)}). Index-only scans need a
   * vacuumed table (visibility map); on a table with many recently changed pages they fetch heap pages and lose most
   * of the gain, still without spilling.
   */
  private static long withoutHashJoin(Connection c, String sql) throws SQLException {
    return Sql.withSetting(c, "enable_hashjoin", "off", off -> Sql.withSetting(off,
        "max_parallel_workers_per_gather", "0", conn -> count(conn, sql)));
  }

  /** A referenced table, qualified with the current schema unless the snapshot already qualified it. */
  private String parent(String refTable) {
    int dot = refTable.indexOf('.');
    return dot < 0 ? from(refTable)
        : Sql.qualified(dialect, refTable.substring(0, dot), refTable.substring(dot + 1));
  }

  /** NULLs in {@code table.column} (value); passes when none — for a column about to become NOT NULL. */
  public CheckResult nulls(String table, String column) throws SQLException {
    long start = System.nanoTime();
    long n = tracked("nulls", table, c -> count(c, "SELECT count(*) FROM " + from(table) + " WHERE "
        + Sql.ident(dialect, column) + " IS NULL"));
    return new CheckResult("nulls " + table + "." + column, Kind.NULLS, n, n == 0,
        n == 0 ? "no NULLs" : n + " rows are NULL", since(start));
  }

  /**
   * Runs {@code sql}, which must return one value (one row, one column; no row reads as NULL), and tests it
   * against {@code expected} ({@code Expectation.parse("> 1000")}).
   */
  public CheckResult expect(String name, String sql, Expectation expected) throws SQLException {
    long start = System.nanoTime();
    List<List<Object>> rows = read(c -> Sql.query(c, sql, List.of(), DataChecks::row));
    if (rows.size() > 1 || (!rows.isEmpty() && rows.get(0).size() != 1)) {
      String shape = rows.size() + " rows of " + rows.get(0).size() + " columns";
      return new CheckResult(name, Kind.EXPECTATION, null, false,
          "returned " + shape + "; a check query returns one value", since(start));
    }
    Object value = rows.isEmpty() ? null : rows.get(0).get(0);
    boolean ok = expected.matches(value);
    String detail = (ok ? "" : "expected ") + expected.describe() + (rows.isEmpty() ? " (no rows)" : "");
    return new CheckResult(name, Kind.EXPECTATION, value, ok, detail, since(start));
  }

  /**
   * {@code expect_same_as: before}: passes when {@code sql} returns the value {@code before} a previous run
   * returned (for example {@link CheckResult#value()} of the same check taken before the change).
   */
  public CheckResult expectSameAs(String name, String sql, Object before) throws SQLException {
    Expectation same = new Expectation(Expectation.Op.EQ, before == null ? null : before.toString());
    CheckResult r = expect(name, sql, same);
    return new CheckResult(r.name(), r.kind(), r.value(), r.passed(),
        (r.passed() ? "same as before: " : "before: ") + (before == null ? "null" : before), r.took());
  }

  private static List<Object> row(ResultSet rs) throws SQLException {
    List<Object> values = new ArrayList<>();
    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
      values.add(plain(rs.getObject(i)));
    }
    return values;
  }

  /** Numbers, booleans and strings as they are; anything else (timestamps, driver objects) as its text. */
  private static Object plain(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof BigDecimal) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof java.math.BigInteger b) {
      return new BigDecimal(b);
    }
    if (v instanceof Double || v instanceof Float) {
      return new BigDecimal(v.toString());
    }
    return v.toString();
  }

  private String notNull(String alias, List<String> columns) {
    return columns.stream().map(col -> alias + Sql.ident(dialect, col) + " IS NOT NULL")
        .collect(Collectors.joining(" AND "));
  }

  private static long count(Connection c, String sql) throws SQLException {
    return Sql.query(c, sql, List.of(), rs -> rs.getLong(1)).get(0);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
