package backstep.adopt;

import backstep.db.Dialect;
import backstep.playbook.Origin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flyway's {@code flyway_schema_history}: one row per migration run ({@code installed_rank} orders them). A row with
 * {@code success} false is a migration that failed part way (MySQL/MariaDB, without transactional DDL); a
 * {@code BASELINE} row counts every version up to it as there; {@code DELETE} and {@code UNDO_…} rows take a
 * version back out. A repeatable has no version and is re-run whenever it changes: its latest run counts.
 */
final class FlywayTable implements MigrationTable {
  @Override
  public String format() {
    return "flyway";
  }

  @Override
  public String tool() {
    return "Flyway";
  }

  @Override
  public String defaultTable() {
    return "flyway_schema_history";
  }

  @Override
  public TableRead read(Connection c, Dialect dialect, Found t, Lookup where) throws SQLException {
    Map<String, AppliedRow> applied = new LinkedHashMap<>();
    List<String> half = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    AppliedRow baseline = null;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT installed_rank, version, "
        + "description, type, script, checksum, installed_by, installed_on, success FROM " + Tables.quoted(dialect, t)
        + " ORDER BY installed_rank")) {
      while (rs.next()) {
        Map<String, Object> row = Tables.row(rs);
        String type = Tables.text(row, "type");
        String version = Tables.text(row, "version");
        String description = Tables.text(row, "description");
        boolean repeatable = version.isEmpty();
        Object sum = row.get("checksum");
        AppliedRow r = new AppliedRow(repeatable ? description : version, description, Tables.text(row, "script"),
            sum == null ? "" : "crc32:" + sum, Tables.text(row, "installed_on"), Tables.text(row, "installed_by"),
            repeatable, t.table() + " installed_rank " + Tables.text(row, "installed_rank"), row);
        String key = (repeatable ? "R:" : "V:") + r.version();
        if (type.equals("SCHEMA")) {
          continue; // Flyway created the schema; no migration
        }
        if (!Tables.yes(row, "success")) {
          half.add(r.source() + ": " + r.describe() + " FAILED" + (r.at().isEmpty() ? "" : " on " + r.at())
              + ": Flyway left the database half-migrated. Undo what it ran, then `flyway repair`, before adopting");
        } else if (type.equals("BASELINE")) {
          baseline = r;
        } else if (type.equals("DELETE") || type.startsWith("UNDO")) {
          applied.remove(key);
          notes.add(r.source() + ": " + r.describe() + " was " + (type.equals("DELETE") ? "marked deleted"
              : "undone") + " by Flyway; it counts as not applied");
        } else {
          applied.remove(key); // a repeatable's latest run is the one that counts
          applied.put(key, r);
        }
      }
    }
    return new TableRead(t.qualified(), List.copyOf(applied.values()), Optional.ofNullable(baseline), false, half,
        notes);
  }

  @Override
  public boolean matches(Origin origin, AppliedRow row) {
    if (origin.repeatable() || row.repeatable()) {
      return origin.repeatable() && row.repeatable() && (origin.description().equalsIgnoreCase(row.description())
          || origin.version().equalsIgnoreCase(row.description())
          || !row.script().isEmpty() && Tables.fileName(origin.file()).equals(Tables.fileName(row.script())));
    }
    return Versions.dotted(origin.version(), row.version()).map(c -> c == 0)
        .orElse(origin.version().equals(row.version()));
  }

  @Override
  public Optional<Integer> compare(String a, String b) {
    return Versions.dotted(a, b);
  }

  @Override
  public ChecksumCheck checksum(Origin origin, AppliedRow row) {
    if (row.checksum().isEmpty()) {
      return ChecksumCheck.notCompared(origin.checksum(), "", "Flyway stored no checksum for it");
    }
    if (!origin.checksum().startsWith("crc32:")) {
      return ChecksumCheck.notCompared(origin.checksum(), row.checksum(), "the imported migration carries no "
          + "Flyway CRC32" + (origin.checksum().isEmpty() ? "" : " (it has " + origin.checksum() + ")"));
    }
    return ChecksumCheck.compare(origin.checksum(), row.checksum());
  }
}
