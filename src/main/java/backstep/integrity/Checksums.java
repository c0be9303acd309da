package backstep.integrity;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Row count and checksum of a table, computed by the database: an order-independent SUM of per-row hashes. SUM
 * rather than BIT_XOR because XOR cancels a duplicated row (two equal rows contribute nothing) while a sum counts
 * both; on PostgreSQL the sum is exact (bigints into a 128-bit accumulator, printed as a numeric). Changing one value
 * in one row changes the row's hash and so the sum; physical row order (updates, VACUUM FULL, CLUSTER, OPTIMIZE TABLE)
 * does not enter it.
 *
 * <p><b>PostgreSQL</b>: {@code sum(h1 # h2 # … # hn)} with one seeded 64-bit hash per column, computed from the
 * value itself where the type's hash function is exact and from its text form otherwise ({@link RowHash}); all
 * these functions are the ones hash partitioning uses, so they are stable across servers and upgrades, and all are
 * parallel safe, so a big table is summed by a parallel aggregate. A changed row goes unseen with probability about
 * 2^-64. It replaced {@code sum(hashtextextended(ROW(t.*)::text, 0))}, which formatted every row as text (13–17×
 * {@code count(*)} on 5 M rows against about 4× now: see docs/performance-integrity.md). JIT is off for the query:
 * compiling the expression cost more than it saved. {@code
 * hash_record_extended(t, 0)} on the whole row is slower than per-column calls and, hashing by equality, would miss
 * {@code 1.0 → 1.00} in an unconstrained numeric or a case change under a nondeterministic collation.
 *
 * <p><b>MySQL/MariaDB</b>: {@code sum(crc32(concat_ws(0x1f, …)))} over an encoding of each row that keeps column
 * boundaries and NULLs apart: each string-like value but one is preceded by its length (or {@code N} for NULL), that
 * one comes last and runs to the end, a text or blob value is hashed alone, numbers and dates are printed
 * ({@link RowHash}). So {@code ('ab','c')} and
 * {@code ('a','bc')}, {@code 'xyz'} and {@code ''} swapped between two columns, and NULL, {@code ''} and
 * {@code 'NULL'} all give different rows. It replaced {@code CHECKSUM TABLE … EXTENDED} (used from 2026-11-24 to
 * 2026-12-06), which is faster but hashes the stored record's field bytes without their lengths, and so missed
 * exactly those moves (issue 16).
 * The count and the sum come from one scan, in the caller's snapshot. A changed row goes unseen with probability
 * 2^-32 (one CRC32 per row, as {@code CHECKSUM TABLE} had). No character set conversion enters it: strings are
 * hashed as their stored bytes, so the value is comparable across servers and versions that store the same bytes.
 * Cost: docs/performance-integrity.md.
 *
 * <p>Checksums are comparable between databases of the same product with the same column types; not with
 * checksums taken by an earlier Backstep version.
 */
final class Checksums {
  private Checksums() {}

  /** Runs on the caller's session: the row count and the sum, from one scan. */
  static TableChecksum compute(Connection c, Dialect d, String schema, String table) throws SQLException {
    // a missing table fails the query itself
    return compute(c, d, schema, table, RowHash.columns(c, d, schema, table));
  }

  /**
   * As {@link #compute(Connection, Dialect, String, String)}, with the table's columns already read ({@link
   * RowHash#columns}). Runs inside a {@link ReadSession} (a transaction or savepoint that is rolled back), which is
   * what scopes the JIT setting below: one round trip for the setting and the scan.
   */
  static TableChecksum compute(Connection c, Dialect d, String schema, String table, List<RowHash.Col> columns)
      throws SQLException {
    String sql = sql(d, schema, table, columns);
    Sql.RowMapper<TableChecksum> sum = rs -> new TableChecksum(table, rs.getLong(1), rs.getString(2));
    if (d != Dialect.POSTGRES) {
      return Sql.query(c, sql, List.of(), sum).get(0);
    }
    // JIT compiling the PostgreSQL hash expression costs more than it saves on a scan of millions of rows (15–20%
    // slower with it on 5 M rows: docs/performance-integrity.md); SET LOCAL lasts until the read session's
    // transaction or savepoint is rolled back
    return Sql.queryAfter(c, "SET LOCAL jit = off", sql, sum).get(0);
  }

  /**
   * PostgreSQL: the checksums of {@code tables} (name → columns, {@link RowHash#columns}) with one round trip for
   * all of them, each the statement {@link #compute(Connection, Dialect, String, String, List)} sends (a run's full
   * fingerprint checksums every table its DML changes: one round trip each before). One table: as that method.
   */
  static List<TableChecksum> computeAll(Connection c, Dialect d, String schema,
      java.util.Map<String, List<RowHash.Col>> tables) throws SQLException {
    if (tables.size() <= 1 || d != Dialect.POSTGRES) {
      List<TableChecksum> out = new java.util.ArrayList<>();
      for (var t : tables.entrySet()) {
        out.add(compute(c, d, schema, t.getKey(), t.getValue()));
      }
      return out;
    }
    List<TableChecksum> out = new java.util.ArrayList<>();
    List<Sql.Part> parts = new java.util.ArrayList<>();
    tables.forEach((table, columns) -> parts.add(new Sql.Part(sql(d, schema, table, columns),
        rs -> out.add(new TableChecksum(table, rs.getLong(1), rs.getString(2))))));
    Sql.all(c, "SET LOCAL jit = off", parts);
    return out;
  }

  /** The statement the checksum runs (for EXPLAIN and benchmarks): the row count, then the sum as text. */
  static String sql(Dialect d, String schema, String table, List<RowHash.Col> columns) {
    String from = Sql.qualified(d, schema, table);
    if (d == Dialect.POSTGRES) {
      return "SELECT count(*), coalesce(sum(" + RowHash.postgres(columns) + "), 0)::text FROM " + from + " t";
    }
    return "SELECT count(*), coalesce(sum(" + RowHash.mysql(columns) + "), 0) FROM " + from + " t";
  }
}
