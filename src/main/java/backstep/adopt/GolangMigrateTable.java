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
 * golang-migrate's {@code schema_migrations (version bigint, dirty boolean)}: one row, the version the database is
 * at. Every migration up to it is applied; {@code dirty} means the migration of that version failed part way. It
 * keeps no checksums and no times.
 */
final class GolangMigrateTable implements MigrationTable {
  @Override
  public String format() {
    return "golang-migrate";
  }

  @Override
  public String tool() {
    return "golang-migrate";
  }

  @Override
  public String defaultTable() {
    return "schema_migrations";
  }

  /** {@code schema_migrations} with a {@code dirty} column (dbmate's has none). */
  @Override
  public Optional<Found> find(Connection c, Dialect dialect, Lookup where) throws SQLException {
    return shaped(c, dialect, where, true);
  }

  Optional<Found> shaped(Connection c, Dialect dialect, Lookup where, boolean dirty) throws SQLException {
    Optional<Found> t = MigrationTable.super.find(c, dialect, where);
    return t.isPresent() && Tables.hasColumn(c, t.get(), "dirty") == dirty ? t : Optional.empty();
  }

  @Override
  public TableRead read(Connection c, Dialect dialect, Found t, Lookup where) throws SQLException {
    List<AppliedRow> rows = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, dirty FROM "
        + Tables.quoted(dialect, t) + " ORDER BY version")) {
      while (rs.next()) {
        Map<String, Object> row = Tables.row(rs);
        String v = Tables.text(row, "version");
        rows.add(new AppliedRow(v, "", "", "", "", "", false, t.table() + " version " + v
            + (Tables.yes(row, "dirty") ? " (dirty)" : ""), row));
      }
    }
    if (rows.isEmpty()) {
      return TableRead.rows(t.qualified(), List.of(), List.of(), List.of(t.table() + " is empty: golang-migrate "
          + "applied nothing here"));
    }
    AppliedRow at = rows.get(rows.size() - 1);
    List<String> notes = rows.size() == 1 ? List.of() : List.of(t.table() + " has " + rows.size()
        + " rows (golang-migrate keeps one); the highest version, " + at.version() + ", is taken");
    List<String> half = Tables.yes(at.row(), "dirty") ? List.of(t.table() + ": version " + at.version()
        + " is dirty: golang-migrate failed part way through it and the database is half-migrated. Repair it by "
        + "hand, then `migrate force " + at.version() + "` (or the version before it), before adopting") : List.of();
    return new TableRead(t.qualified(), List.of(), Optional.of(at), true, half, notes);
  }

  @Override
  public boolean matches(Origin origin, AppliedRow row) {
    return Versions.numeric(origin.version(), row.version()).map(c -> c == 0)
        .orElse(origin.version().equals(row.version()));
  }

  @Override
  public Optional<Integer> compare(String a, String b) {
    return Versions.numeric(a, b);
  }

  @Override
  public ChecksumCheck checksum(Origin origin, AppliedRow row) {
    return ChecksumCheck.notCompared(origin.checksum(), "", tool() + " keeps no checksums");
  }
}
