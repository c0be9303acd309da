package backstep.integrity;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the per-row hash expression a table checksum sums, from the table's columns as the catalog describes them.
 * Why these forms, and what they cost, is in {@link Checksums}.
 *
 * <p><b>PostgreSQL</b>: the XOR of one 64-bit hash per column, each seeded with the column's position (so swapping
 * two values between columns changes the row's hash) and a position-specific constant for NULL. A column whose type's
 * hash function is exact — equal hashes input only for identical values — is hashed directly, without converting it
 * to text: integers, {@code text}/{@code varchar}/{@code char} (under the {@code "C"} collation, so a
 * nondeterministic column collation cannot fold case), {@code uuid}, {@code timestamp}, {@code time}, {@code date},
 * {@code timestamptz}, {@code boolean} and {@code numeric(p,s)} (a fixed scale makes equal values identical). Every
 * other type goes through its text form ({@code hashtextextended(c::text, seed)}): unconstrained {@code numeric}
 * ({@code 1.0} and {@code 1.00} are equal but differ), floats ({@code -0} equals {@code 0}), {@code interval}
 * ({@code 1 day} equals {@code 24 hours}), {@code jsonb}, {@code json}, {@code bytea}, enums (their hash is by OID,
 * which differs between databases), domains, arrays and types without a hash opclass.
 *
 * <p><b>MySQL/MariaDB</b>: {@code crc32(concat_ws(0x1f, …))} over an encoding of the row that can be decoded back
 * into its values, so two different rows never give the same string (only, with probability 2^-32, the same CRC):
 * <ul>
 *   <li>a string-like column (every type not listed below: {@code char}, {@code varchar}, {@code binary},
 *       {@code varbinary}, {@code enum}, {@code set}, {@code bit}, {@code uuid}, {@code inet6}, spatial types …) gives
 *       two fields, its length in bytes, or {@code N} for NULL, then the value itself (skipped for NULL, which
 *       {@code concat_ws} does): {@code ('ab','c')} is {@code 2␟ab␟1␟c} and {@code ('a','bc')} is
 *       {@code 1␟a␟2␟bc}; {@code ''}, NULL and {@code 'NULL'} are {@code 0␟}, {@code N} and {@code 4␟NULL};</li>
 *   <li>a text or blob type ({@code tinytext} … {@code longtext}, {@code json} on MariaDB, {@code tinyblob} …
 *       {@code longblob}, MySQL's {@code json}) gives one field, the CRC32 of its bytes, or {@code N}: the row's
 *       string then stays short whatever the values' size (a {@code concat_ws} longer than
 *       {@code max_allowed_packet} would be NULL and the row would silently drop out of the sum);</li>
 *   <li>a number or temporal type (integers, {@code decimal}, {@code double}, {@code date}, {@code datetime},
 *       {@code timestamp} — printed in UTC, the time zone {@link ReadSession} pins —, {@code time}, {@code year})
 *       gives its text, or {@code N} for NULL: that text never contains the separator 0x1f and is never empty or
 *       {@code N}. {@code float} is widened to {@code double} first: a float prints with 6 significant digits, so
 *       16777216 and 16777218 would print alike.</li>
 * </ul>
 * One string-like column needs no length: the first by name (when the table has other columns) goes last, as its bare
 * value, and runs to the end of the string; when it is NULL, {@code concat_ws} skips it and the string ends without a
 * separator after the previous field, when it is {@code ''} the string ends with one. Which column that is depends on
 * the names and types only, not on NOT NULL, so adding or dropping NOT NULL does not change a checksum. Decoding reads
 * the fields left to right: a length says how many bytes follow, so a separator inside a value cannot be taken for a
 * boundary, and the last field is whatever remains. The concatenation is in utf8mb4 when every string column is in a
 * Unicode character set or ASCII (each value goes in as its bytes); otherwise it starts with an empty binary field,
 * which makes it binary, so every value goes in as its stored bytes and no two character sets have to be reconciled
 * (MariaDB refuses a {@code concat_ws} of a latin1 and a cp1251 column). Strings are hashed as the bytes they are
 * stored as, so a change of case under a case-insensitive collation is seen. Equal values with different bits are not:
 * {@code -0} and {@code 0} in a {@code double} print alike (the text is the shortest one that reads back as the same
 * double).
 */
final class RowHash {
  /**
   * A column as the checksum needs it: name, type name (PostgreSQL: pg_type.typname, only for pg_catalog types;
   * MySQL/MariaDB: DATA_TYPE), type modifier, NOT NULL, and the character set (MySQL/MariaDB; null otherwise).
   */
  record Col(String name, String type, int typmod, boolean notNull, String charset) {}

  private RowHash() {}

  /**
   * The columns of {@code schema.table} by name (so a checksum does not change when only the column order does: a
   * column dropped and added again comes back last on PostgreSQL); empty when there is no such table.
   */
  static List<Col> columns(Connection c, Dialect d, String schema, String table) throws SQLException {
    List<Col> out = new ArrayList<>(ordinal(c, d, schema, table));
    out.sort(java.util.Comparator.comparing(Col::name));
    return out;
  }

  /** A table's columns by name ({@link #columns}) and the planner's or storage engine's estimate of its rows. */
  record Sized(long estimate, List<Col> columns) {}

  /**
   * {@link #columns} and {@link DataChecks#estimatedRows} of one table; on PostgreSQL in one round trip (a run reads
   * them for each table its DML changes, before and after every step that changes it). Estimate -1 and no columns
   * when there is no such table.
   */
  static Sized sized(Connection c, Dialect d, String schema, String table) throws SQLException {
    long[] estimate = {-1};
    List<Col> out = new ArrayList<>();
    if (d != Dialect.POSTGRES) { // the estimate's row (none: no such table), then the columns', in one query
      Sql.forEach(c, MYSQL_SIZED, List.of(schema, table, schema, table), rs -> {
        if (rs.getInt(1) == 0) {
          estimate[0] = rs.getLong(2); // NULL (no estimate) reads as 0, as DataChecks.estimatedRows reads it
        } else {
          out.add(new Col(rs.getString(3), rs.getString(4).toLowerCase(Locale.ROOT), 0, rs.getBoolean(5),
              rs.getString(6)));
        }
      });
      out.sort(java.util.Comparator.comparing(Col::name));
      return new Sized(estimate[0], out);
    }
    Sql.forEach(c, "SELECT c.reltuples::bigint, a.attname, CASE WHEN t.typnamespace = 'pg_catalog'::regnamespace"
        + " THEN t.typname ELSE '' END, a.atttypmod, a.attnotnull FROM pg_class c"
        + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
        + " LEFT JOIN pg_type t ON t.oid = a.atttypid"
        + " WHERE c.oid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) ORDER BY a.attnum",
        List.of(schema, table), rs -> {
          estimate[0] = rs.getLong(1);
          if (rs.getString(2) != null) {
            out.add(new Col(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5), null));
          }
        });
    out.sort(java.util.Comparator.comparing(Col::name));
    return new Sized(estimate[0], out);
  }

  /**
   * MySQL/MariaDB: {@link DataChecks#estimatedRows}'s query and {@link #ordinal}'s as one (were two statements for
   * every data table of a fingerprint). Two lookups by schema and table, not a join: MariaDB fills the second
   * information_schema table of a join from every table on the server.
   */
  private static final String MYSQL_SIZED = "SELECT 0 AS part, TABLE_ROWS AS n, NULL AS name, NULL AS type,"
      + " NULL AS not_null, NULL AS charset FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
      + " UNION ALL SELECT 1, ORDINAL_POSITION, COLUMN_NAME, DATA_TYPE, IS_NULLABLE = 'NO', CHARACTER_SET_NAME"
      + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY part, n";

  private static List<Col> ordinal(Connection c, Dialect d, String schema, String table) throws SQLException {
    if (d == Dialect.POSTGRES) {
      return Sql.query(c, "SELECT a.attname, CASE WHEN t.typnamespace = 'pg_catalog'::regnamespace"
          + " THEN t.typname ELSE '' END, a.atttypmod, a.attnotnull FROM pg_attribute a"
          + " JOIN pg_type t ON t.oid = a.atttypid"
          + " WHERE a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?))"
          + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", List.of(schema, table),
          rs -> new Col(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), null));
    }
    return Sql.query(c, "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE = 'NO', CHARACTER_SET_NAME"
        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
        List.of(schema, table), rs -> new Col(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT), 0,
            rs.getBoolean(3), rs.getString(4)));
  }

  static String postgres(List<Col> columns) {
    if (columns.isEmpty()) {
      return "0::bigint";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Col col = columns.get(i);
      String hash = postgresColumn("t." + Sql.ident(Dialect.POSTGRES, col.name()), col, i + 1);
      parts.add(col.notNull() ? hash : "coalesce(" + hash + ", " + nullMarker(i + 1) + ")");
    }
    return String.join(" # ", parts);
  }

  /** A 64-bit hash of one column's value, seeded with its position; NULL for NULL. */
  static String postgresColumn(String c, Col col, int seed) {
    String s = Integer.toString(seed);
    return switch (col.type()) {
      case "int2" -> "hashint2extended(" + c + ", " + s + ")";
      case "int4" -> "hashint4extended(" + c + ", " + s + ")";
      case "int8" -> "hashint8extended(" + c + ", " + s + ")";
      case "bool" -> "hashint4extended(" + c + "::int4, " + s + ")";
      case "text", "varchar" -> "hashtextextended(" + c + " COLLATE \"C\", " + s + ")";
      case "bpchar" -> "hashbpcharextended(" + c + " COLLATE \"C\", " + s + ")";
      case "uuid" -> "uuid_hash_extended(" + c + ", " + s + ")";
      case "timestamp" -> "timestamp_hash_extended(" + c + ", " + s + ")";
      case "time" -> "time_hash_extended(" + c + ", " + s + ")";
      // the exact microseconds since the epoch as an interval (timestamptz → timestamp would convert per row);
      // infinity cannot be subtracted, so it hashes as text
      case "timestamptz" -> "CASE WHEN isfinite(" + c + ") THEN interval_hash_extended(" + c
          + " - timestamptz '1970-01-01 00:00:00+00', " + s + ") ELSE " + text(c, s) + " END";
      case "date" -> "CASE WHEN isfinite(" + c + ") THEN hashint4extended(" + c + " - date '2000-01-01', " + s
          + ") ELSE " + text(c, s) + " END";
      case "numeric" -> col.typmod() >= 0 ? "hash_numeric_extended(" + c + ", " + s + ")" : text(c, s);
      default -> text(c, s);
    };
  }

  private static String text(String c, String seed) {
    return "hashtextextended(" + c + "::text, " + seed + ")";
  }

  /** Number and temporal types: their text never contains 0x1f and is never empty or {@code N}. */
  private static final Set<String> MYSQL_PRINTED = Set.of("tinyint", "smallint", "mediumint", "int", "integer",
      "bigint", "decimal", "numeric", "double", "real", "date", "datetime", "timestamp", "time", "year");

  /** Types whose values may be large: hashed alone, so the row's string stays short. */
  private static final Set<String> MYSQL_LOBS = Set.of("tinytext", "text", "mediumtext", "longtext", "tinyblob",
      "blob", "mediumblob", "longblob", "json");

  /** Character sets whose values a {@code concat_ws} of them takes as they are (utf8mb4 holds all the others). */
  private static final Set<String> MYSQL_UNICODE = Set.of("utf8mb4", "utf8mb3", "utf8", "ascii");

  /** The per-row CRC32 of {@code columns} (see the class comment); {@code 0} for no columns. */
  static String mysql(List<Col> columns) {
    if (columns.isEmpty()) {
      return "0";
    }
    List<String> fields = new ArrayList<>();
    if (columns.stream().anyMatch(col -> col.charset() != null && !MYSQL_UNICODE.contains(col.charset()))) {
      // a binary argument makes the whole concatenation binary: every value goes in as its stored bytes, and two
      // columns of different non-Unicode character sets (latin1 and cp1251) no longer fail as an illegal mix
      fields.add("cast('' AS binary)");
    }
    Col last = columns.size() > 1 ? columns.stream().filter(RowHash::lengthPrefixed).findFirst().orElse(null) : null;
    for (Col col : columns) {
      if (col == last) {
        continue;
      }
      String c = Sql.ident(Dialect.MYSQL, col.name());
      String type = col.type();
      if (type.equals("float")) {
        fields.add(orN("cast(" + c + " AS double)", col));
      } else if (MYSQL_PRINTED.contains(type)) {
        fields.add(orN(c, col));
      } else if (MYSQL_LOBS.contains(type)) {
        fields.add(orN("crc32(" + c + ")", col));
      } else {
        fields.add(orN("length(" + c + ")", col));
        fields.add(c); // NULL is skipped by concat_ws; the length field said N
      }
    }
    if (last != null) {
      // the last field runs to the end of the string, so it needs no length; NULL (skipped by concat_ws) leaves no
      // separator after the previous field, '' leaves one: no ifnull either (saves 10–15% of the scan's CPU)
      fields.add(Sql.ident(Dialect.MYSQL, last.name()));
    }
    return "crc32(concat_ws(0x1f, " + String.join(", ", fields) + "))"; // flat: a nested concat_ws is slower
  }

  /** A column that goes into the row's string as its length, then its value (string-like types). */
  private static boolean lengthPrefixed(Col col) {
    return !col.type().equals("float") && !MYSQL_PRINTED.contains(col.type()) && !MYSQL_LOBS.contains(col.type());
  }

  private static String orN(String expr, Col col) {
    return col.notNull() ? expr : "ifnull(" + expr + ", 'N')";
  }

  /** The value a NULL in column {@code position} contributes: fixed, and different per position. */
  static long nullMarker(int position) {
    return (0x9E3779B97F4A7C15L * position ^ 0x5bd1e995L) & Long.MAX_VALUE; // positive: a plain int8 literal
  }
}
