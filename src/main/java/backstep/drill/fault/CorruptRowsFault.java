package backstep.drill.fault;

import backstep.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Overwrites a column in a few rows (the first {@code rows} keys where it is set) with a wrong value, so an
 * integrity check must catch it. Undo writes the saved values back, if the column still exists (a rollback that
 * dropped it has removed the corruption with it).
 */
public final class CorruptRowsFault implements Fault {
  private final Database db;
  private final String table;
  private final String column;
  private final String key;
  private final int rows;
  private final String value;
  private final Map<Long, Object> saved = new LinkedHashMap<>();

  CorruptRowsFault(Database db, String table, String column, String key, int rows, String value) {
    this.db = db;
    this.table = table;
    this.column = column;
    this.key = key;
    this.rows = rows;
    this.value = value;
  }

  @Override
  public String inject() throws SQLException {
    try (Connection c = db.openDedicated("backstep-drill-fault")) {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + key + ", " + column
          + " FROM " + table + " WHERE " + column + " IS NOT NULL ORDER BY " + key + " LIMIT " + rows)) {
        while (rs.next()) {
          saved.put(rs.getLong(1), rs.getObject(2));
        }
      }
      if (saved.isEmpty()) {
        return "no row of " + table + " has " + column + " set: nothing to corrupt";
      }
      try (Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE " + table + " SET " + column + " = " + value + " WHERE " + key + " IN ("
            + String.join(", ", saved.keySet().stream().map(String::valueOf).toList()) + ")");
      }
    }
    return "set " + table + "." + column + " = " + value + " in " + saved.size() + " rows (keys " + saved.keySet()
        + ")";
  }

  @Override
  public String undo() {
    if (saved.isEmpty()) {
      return "nothing was corrupted";
    }
    try (Connection c = db.openDedicated("backstep-drill-fault"); PreparedStatement ps = c.prepareStatement(
        "UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?")) {
      for (Map.Entry<Long, Object> e : saved.entrySet()) {
        ps.setObject(1, e.getValue());
        ps.setLong(2, e.getKey());
        ps.executeUpdate();
      }
      int n = saved.size();
      saved.clear();
      return "restored " + column + " in the " + n + " corrupted rows";
    } catch (SQLException e) {
      saved.clear();
      return "nothing to restore: " + Faults.message(e);
    }
  }
}
