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
 * <p><b>MySQL/MariaDB</b>: the server's own {@code CHECKSUM TABLE … EXTENDED}. It reads every row through the storage
 * engine and adds (not XORs) a CRC32 of each row's record — null flags, then each non-NULL field's stored bytes — so
 * it is order-independent and counts a duplicated row twice, like the PostgreSQL sum. Measured on MariaDB 10.11: the
 * same value for the same rows inserted in another order, after {@code ALTER TABLE … ENGINE=InnoDB} (a rebuild), after
 * changing {@code ROW_FORMAT} between DYNAMIC, COMPACT and REDUNDANT, after an instant ADD then DROP COLUMN, and in an
 * Aria table; a different value when one value in one row changes or a {@code ''} becomes NULL. It does not block
 * writers, sees the caller's transaction (uncommitted work included), does not commit it, and runs in a read-only
 * transaction. No SQL expression came near its speed (the best, {@code sum(crc32(concat_ws(…)))}, cost 1.3–2.4× as
 * much: docs/performance-integrity.md). Limits: the total is 32 bits (a changed row goes unseen with probability
 * 2^-32), and the stored-record bytes can differ between server versions, so values compare on one server, as a
 * rehearsal or a before/after check does, not across an upgrade or between MySQL and MariaDB. A fingerprint also counts
 * the rows, a second scan on these servers.
 *
 * <p>Checksums are comparable between databases of the same product with the same column types; not with
 * checksums taken by an earlier Backstep version.
 */
final class Checksums {
  private Checksums() {}

  /** Runs on the caller's session; counts rows too (a fingerprint needs them). */
  static TableChecksum compute(Connection c, Dialect d, String schema, String table) throws SQLException {
    return compute(c, d, schema, table, true);
  }

  /**
   * As {@link #compute(Connection, Dialect, String, String)}; without {@code rows}, MySQL/MariaDB skip the second
   * scan a row count costs them and report -1 rows (PostgreSQL counts in the same scan either way).
   */
  static TableChecksum compute(Connection c, Dialect d, String schema, String table, boolean rows)
      throws SQLException {
    if (d == Dialect.POSTGRES) { // a missing table fails the query itself
      List<RowHash.Col> columns = RowHash.columns(c, d, schema, table);
      // JIT compiling the hash expression costs more than it saves on a scan of millions of rows (15–20% slower
      // with it on 5 M rows: docs/performance-integrity.md)
      return Sql.withSetting(c, "jit", "off", conn -> Sql.query(conn, sql(d, schema, table, columns), List.of(),
          rs -> new TableChecksum(table, rs.getLong(1), rs.getString(2))).get(0));
    }
    String from = Sql.qualified(d, schema, table);
    String sum = Sql.query(c, sql(d, schema, table, List.of()), List.of(), rs -> rs.getString(2)).get(0);
    if (sum == null) { // CHECKSUM TABLE answers NULL (and a warning) for a table that is not there
      throw new SQLException("no table " + table + " in " + schema, "42S02"); // as a SELECT would fail
    }
    long n = rows ? Sql.query(c, "SELECT count(*) FROM " + from, List.of(), rs -> rs.getLong(1)).get(0) : -1;
    return new TableChecksum(table, n, sum);
  }

  /** The statement the checksum runs (for EXPLAIN and benchmarks). */
  static String sql(Dialect d, String schema, String table, List<RowHash.Col> columns) {
    String from = Sql.qualified(d, schema, table);
    if (d == Dialect.POSTGRES) {
      return "SELECT count(*), coalesce(sum(" + RowHash.postgres(columns) + "), 0)::text FROM " + from + " t";
    }
    return "CHECKSUM TABLE " + from + " EXTENDED";
  }
}
