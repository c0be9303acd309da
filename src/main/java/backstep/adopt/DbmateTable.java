package backstep.adopt;

import backstep.db.Dialect;
import backstep.playbook.Origin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dbmate's {@code schema_migrations (version varchar)}: one row per applied migration, its version. The same folder
 * shape as golang-migrate's is imported with {@code backstep import golang-migrate}. No checksums, no times.
 */
final class DbmateTable implements MigrationTable {
  private final GolangMigrateTable versions = new GolangMigrateTable();

  @Override
  public String format() {
    return "dbmate";
  }

  @Override
  public String tool() {
    return "dbmate";
  }

  @Override
  public String defaultTable() {
    return "schema_migrations";
  }

  /** {@code schema_migrations} without golang-migrate's {@code dirty} column. */
  @Override
  public Optional<Found> find(Connection c, Dialect dialect, Lookup where) throws SQLException {
    return versions.shaped(c, dialect, where, false);
  }

  @Override
  public TableRead read(Connection c, Dialect dialect, Found t, Lookup where) throws SQLException {
    List<AppliedRow> rows = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM "
        + Tables.quoted(dialect, t) + " ORDER BY version")) {
      while (rs.next()) {
        Map<String, Object> row = Tables.row(rs);
        String v = Tables.text(row, "version");
        rows.add(new AppliedRow(v, "", "", "", "", "", false, t.table() + " version " + v, row));
      }
    }
    return TableRead.rows(t.qualified(), rows, List.of(), List.of());
  }

  @Override
  public boolean matches(Origin origin, AppliedRow row) {
    return versions.matches(origin, row);
  }

  @Override
  public Optional<Integer> compare(String a, String b) {
    return versions.compare(a, b);
  }

  @Override
  public ChecksumCheck checksum(Origin origin, AppliedRow row) {
    return ChecksumCheck.notCompared(origin.checksum(), "", tool() + " keeps no checksums");
  }
}
