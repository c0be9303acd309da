package backstep.drill.load;

import backstep.db.Database;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proves every write the workload committed is still in the database with the value it committed. Runs in the
 * database: the journal is loaded into a temporary table (batched inserts) and anti-joined with the write table,
 * so a million journaled keys cost one scan, not a million round trips. A key whose row is gone, or whose value
 * differs from both its acknowledged and its uncertain values, is a lost write.
 */
public final class LostWriteCheck {
  private static final int BATCH = 1000;

  private LostWriteCheck() {}

  public static LostWrites run(Database db, String table, String keyColumn, String valueColumn, Journal journal)
      throws SQLException {
    Map<Long, Journal.Entry> entries = journal.snapshot();
    String method = "journal of " + entries.size() + " keys loaded into a temporary table, anti-joined with "
        + table;
    try (Connection c = db.openDedicated("backstep-drill-check")) {
      if (!columnExists(c, db, table, valueColumn)) {
        List<LostWrites.Example> ex = entries.entrySet().stream().limit(10)
            .map(e -> new LostWrites.Example(e.getKey(), e.getValue().value(), null)).toList();
        return new LostWrites(table, entries.size(), entries.size(), ex, method, "column " + table + "."
            + valueColumn + " no longer exists: every value the workload wrote into it is lost");
      }
      boolean pg = db.dialect() == Dialect.POSTGRES;
      try (Statement st = c.createStatement()) {
        st.execute((pg ? "CREATE TEMP TABLE" : "CREATE TEMPORARY TABLE")
            + " backstep_drill_journal (k BIGINT PRIMARY KEY, v BIGINT NOT NULL, alt BIGINT)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO backstep_drill_journal (k, v, alt) VALUES (?, ?, ?)")) {
        int n = 0;
        for (Map.Entry<Long, Journal.Entry> e : entries.entrySet()) {
          ps.setLong(1, e.getKey());
          ps.setLong(2, e.getValue().value());
          Long alt = e.getValue().uncertain().stream().findFirst().orElse(null);
          if (alt == null) {
            ps.setNull(3, java.sql.Types.BIGINT);
          } else {
            ps.setLong(3, alt);
          }
          ps.addBatch();
          if (++n % BATCH == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      String same = pg ? "t.%1$s IS NOT DISTINCT FROM %2$s" : "t.%1$s <=> %2$s";
      String where = "t." + keyColumn + " IS NULL OR NOT (" + String.format(Locale.ROOT, same, valueColumn, "j.v")
          + " OR (j.alt IS NOT NULL AND " + String.format(Locale.ROOT, same, valueColumn, "j.alt") + "))";
      String from = " FROM backstep_drill_journal j LEFT JOIN " + table + " t ON t." + keyColumn + " = j.k WHERE "
          + where;
      long lost;
      List<LostWrites.Example> examples = new ArrayList<>();
      try (Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT count(*)" + from)) {
          rs.next();
          lost = rs.getLong(1);
        }
        try (ResultSet rs = st.executeQuery("SELECT j.k, j.v, t." + valueColumn + from + " ORDER BY j.k LIMIT 10")) {
          while (rs.next()) {
            long found = rs.getLong(3);
            boolean missing = rs.wasNull();
            examples.add(new LostWrites.Example(rs.getLong(1), rs.getLong(2), missing ? null : found));
          }
        }
        st.execute(pg ? "DROP TABLE backstep_drill_journal" : "DROP TEMPORARY TABLE backstep_drill_journal");
      }
      return new LostWrites(table, entries.size(), lost, List.copyOf(examples), method, null);
    }
  }

  private static boolean columnExists(Connection c, Database db, String table, String column) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.columns WHERE "
        + "table_schema = ? AND table_name = ? AND column_name = ?")) {
      ps.setString(1, db.schema());
      ps.setString(2, table);
      ps.setString(3, column);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }
}
