package backstep.adopt;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Catalog look-ups and column reading the table readers share. */
final class Tables {
  private Tables() {}

  /** The table {@code name} in {@code schema}, matched without regard to case (Liquibase's is upper case on MySQL). */
  static Optional<MigrationTable.Found> find(Connection c, String schema, String name) throws SQLException {
    String sql = "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ? "
        + "AND lower(table_name) = ? ORDER BY table_name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, name.toLowerCase(Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new MigrationTable.Found(rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  static boolean hasColumn(Connection c, MigrationTable.Found t, String column) throws SQLException {
    String sql = "SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
        + "AND lower(column_name) = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, t.schema());
      ps.setString(2, t.table());
      ps.setString(3, column.toLowerCase(Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }

  /** The table quoted for SQL, exactly as the catalog spells it. */
  static String quoted(Dialect dialect, MigrationTable.Found t) {
    String q = dialect == Dialect.POSTGRES ? "\"" : "`";
    return q + t.schema().replace(q, q + q) + q + "." + q + t.table().replace(q, q + q) + q;
  }

  /** Every column of the current row, by lower-case name (times as the table holds them, to the second). */
  static Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    var meta = rs.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object v = rs.getObject(i);
      if (v instanceof Timestamp t && meta.getColumnTypeName(i).toLowerCase(Locale.ROOT).contains("tz")) {
        v = t.toInstant().atOffset(java.time.ZoneOffset.UTC); // timestamptz: an instant, whatever the JVM's zone
      }
      out.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), v instanceof Number || v instanceof Boolean
          || v == null ? v : time(v).orElse(v.toString()));
    }
    return out;
  }

  /** A time column's value as the table records it: an instant for a time zone aware type, else its local time. */
  private static Optional<String> time(Object v) {
    if (v instanceof OffsetDateTime o) {
      return Optional.of(o.toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    if (v instanceof Timestamp t) {
      return Optional.of(local(t.toLocalDateTime()));
    }
    if (v instanceof LocalDateTime l) {
      return Optional.of(local(l));
    }
    return Optional.empty();
  }

  private static String local(LocalDateTime l) {
    return l.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
  }

  /** The last part of a path, whichever separator it uses. */
  static String fileName(String path) {
    return path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
  }

  static String text(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? "" : v.toString();
  }

  static boolean yes(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v instanceof Boolean b ? b : v instanceof Number n ? n.intValue() != 0
        : v != null && (v.toString().equalsIgnoreCase("true") || v.toString().equals("1"));
  }
}
