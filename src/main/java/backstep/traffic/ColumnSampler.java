package backstep.traffic;

import backstep.db.Dialect;
import backstep.traffic.TrafficProfile.ParamType;
import backstep.traffic.TrafficProfile.Stats;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalog and the data behind a shape's parameters: each table's columns and types, and a summary of a sample
 * of a column's values (counts, a magnitude, a length range). The summary keeps no value.
 */
final class ColumnSampler {
  static final int SAMPLE = 5000;

  private final Connection c;
  private final Dialect dialect;
  private final Map<String, Map<String, ParamType>> columns = new HashMap<>();
  private final Map<String, Stats> stats = new HashMap<>();

  ColumnSampler(Connection c, Dialect dialect) {
    this.c = c;
    this.dialect = dialect;
  }

  /** The columns of {@code table} ({@code name} or {@code schema.name}) with their types; empty if not found. */
  Map<String, ParamType> columns(String table) throws SQLException {
    Map<String, ParamType> had = columns.get(table);
    if (had != null) {
      return had;
    }
    int dot = table.indexOf('.');
    String sql = "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
        + (dot > 0 ? "?" : dialect == Dialect.POSTGRES ? "current_schema()" : "DATABASE()")
        + " AND table_name = ? ORDER BY ordinal_position";
    Map<String, ParamType> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (dot > 0) {
        ps.setString(i++, table.substring(0, dot));
      }
      ps.setString(i, table.substring(dot + 1));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), type(rs.getString(2)));
        }
      }
    }
    columns.put(table, out);
    return out;
  }

  /**
   * The catalog's spelling of column {@code name} of {@code table}, or null when it has none (MySQL's column names
   * are case-insensitive, PostgreSQL's folded names exact).
   */
  String column(String table, String name) throws SQLException {
    for (String c : columns(table).keySet()) {
      if (dialect == Dialect.POSTGRES ? c.equals(name) : c.equalsIgnoreCase(name)) {
        return c;
      }
    }
    return null;
  }

  /** A type name of the catalog or of {@code pg_prepared_statements} as a kind of value to draw. */
  static ParamType type(String name) {
    String t = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").strip();
    return switch (t) {
      case "smallint", "integer", "bigint", "int2", "int4", "int8", "int", "tinyint", "mediumint", "year" ->
          ParamType.INTEGER;
      case "numeric", "decimal", "real", "double precision", "float4", "float8", "float", "double" ->
          ParamType.DECIMAL;
      case "text", "character varying", "varchar", "character", "char", "bpchar", "name", "tinytext", "mediumtext",
          "longtext", "enum" -> ParamType.TEXT;
      case "timestamp", "timestamp without time zone", "timestamp with time zone", "timestamptz", "datetime" ->
          ParamType.TIMESTAMP;
      case "date" -> ParamType.DATE;
      case "boolean", "bool" -> ParamType.BOOLEAN;
      case "uuid" -> ParamType.UUID;
      default -> ParamType.OTHER;
    };
  }

  /** Whether {@code column} alone is a primary key or a unique index of {@code table}. */
  boolean unique(String table, String column) {
    String sql = dialect == Dialect.POSTGRES ? """
        SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
                        AND a.attnum = i.indkey[0]
                        WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indnatts = 1 AND a.attname = ?)"""
        : """
        SELECT EXISTS (SELECT 1 FROM information_schema.STATISTICS s
                        WHERE s.TABLE_SCHEMA = DATABASE() AND s.TABLE_NAME = ? AND s.NON_UNIQUE = 0
                          AND s.COLUMN_NAME = ? AND NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS o
                              WHERE o.TABLE_SCHEMA = s.TABLE_SCHEMA AND o.TABLE_NAME = s.TABLE_NAME
                                AND o.INDEX_NAME = s.INDEX_NAME AND o.SEQ_IN_INDEX > 1))""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, dialect == Dialect.POSTGRES ? quoteTable(table) : table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      backstep.db.DebugLog.ignored(ColumnSampler.class, "a key the capture cannot read is taken as not unique", e);
      return false;
    }
  }

  /** {@code table.column} that a single-column foreign key on {@code column} refers to, or null. */
  String references(String table, String column) {
    String sql = dialect == Dialect.POSTGRES ? """
        SELECT r.relname, ra.attname FROM pg_constraint k
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
          JOIN pg_class r ON r.oid = k.confrelid
          JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
         WHERE k.contype = 'f' AND k.conrelid = to_regclass(?) AND array_length(k.conkey, 1) = 1 AND a.attname = ?"""
        : """
        SELECT REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE u
         WHERE u.TABLE_SCHEMA = DATABASE() AND u.TABLE_NAME = ? AND u.COLUMN_NAME = ?
           AND u.REFERENCED_TABLE_NAME IS NOT NULL AND NOT EXISTS (SELECT 1 FROM information_schema.KEY_COLUMN_USAGE o
               WHERE o.CONSTRAINT_SCHEMA = u.CONSTRAINT_SCHEMA AND o.TABLE_NAME = u.TABLE_NAME
                 AND o.CONSTRAINT_NAME = u.CONSTRAINT_NAME AND o.ORDINAL_POSITION > 1)""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, dialect == Dialect.POSTGRES ? quoteTable(table) : table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) + "." + rs.getString(2) : null;
      }
    } catch (SQLException e) {
      backstep.db.DebugLog.ignored(ColumnSampler.class, "a foreign key the capture cannot read is left out", e);
      return null;
    }
  }

  /** A summary of up to {@value #SAMPLE} of the column's values; null when it cannot be read. */
  Stats stats(String table, String column) {
    String key = table + "." + column;
    if (stats.containsKey(key)) {
      return stats.get(key);
    }
    Stats s;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + quote(column) + " FROM "
        + quoteTable(table) + " LIMIT " + SAMPLE)) {
      s = summarise(rs);
    } catch (SQLException e) {
      backstep.db.DebugLog.ignored(ColumnSampler.class, "a column the capture cannot sample has no stats", e);
      s = null;
    }
    stats.put(key, s);
    return s;
  }

  private static Stats summarise(ResultSet rs) throws SQLException {
    long n = 0;
    long nulls = 0;
    Set<Object> distinct = new HashSet<>();
    double maxAbs = 0;
    boolean numbers = false;
    boolean negative = false;
    int minLen = Integer.MAX_VALUE;
    int maxLen = -1;
    while (rs.next()) {
      n++;
      Object v = rs.getObject(1);
      if (v == null) {
        nulls++;
        continue;
      }
      distinct.add(v);
      if (v instanceof Number num) {
        numbers = true;
        double d = num instanceof BigDecimal b ? b.doubleValue() : num.doubleValue();
        maxAbs = Math.max(maxAbs, Math.abs(d));
        negative |= d < 0;
      } else if (v instanceof String str) {
        minLen = Math.min(minLen, str.length());
        maxLen = Math.max(maxLen, str.length());
      }
    }
    Long magnitude = numbers ? magnitude(maxAbs) : null;
    return new Stats(n, distinct.size(), n == 0 ? 0 : (double) nulls / n, magnitude, numbers ? negative : null,
        maxLen < 0 ? null : minLen, maxLen < 0 ? null : maxLen);
  }

  /** The smallest power of ten at least {@code maxAbs} (1 for zero). */
  static long magnitude(double maxAbs) {
    long m = 1;
    while (m < maxAbs && m < 1_000_000_000_000_000L) {
      m *= 10;
    }
    return m;
  }

  String quote(String name) {
    return dialect == Dialect.POSTGRES ? "\"" + name.replace("\"", "\"\"") + "\"" : "`" + name.replace("`", "``")
        + "`";
  }

  String quoteTable(String table) {
    int dot = table.indexOf('.');
    return dot < 0 ? quote(table) : quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
  }
}
