package backstep.adopt;

import backstep.db.Dialect;
import backstep.playbook.Origin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sqitch's registry: schema {@code sqitch} of the target database on PostgreSQL, database {@code sqitch} on
 * MySQL/MariaDB (another name with {@code --registry}). Its {@code changes} table holds the changes deployed now
 * (a revert deletes the row), with the SHA-1 of each deploy script in {@code script_hash}. A reworked change keeps
 * its name: its earlier version is the earlier row of that name, which a history names {@code name@tag}.
 */
final class SqitchRegistry implements MigrationTable {
  static final String DEFAULT_REGISTRY = "sqitch";

  @Override
  public String format() {
    return "sqitch";
  }

  @Override
  public String tool() {
    return "Sqitch";
  }

  @Override
  public String defaultTable() {
    return DEFAULT_REGISTRY + ".changes";
  }

  @Override
  public Optional<Found> find(Connection c, Dialect dialect, Lookup where) throws SQLException {
    return Tables.find(c, registry(where), where.table() != null ? where.table() : "changes");
  }

  private static String registry(Lookup where) {
    return where.registry() != null ? where.registry() : DEFAULT_REGISTRY;
  }

  @Override
  public TableRead read(Connection c, Dialect dialect, Found t, Lookup where) throws SQLException {
    List<AppliedRow> rows = new ArrayList<>();
    List<String> projects = new ArrayList<>();
    String change = dialect == Dialect.POSTGRES ? "change" : "`change`"; // a reserved word on MySQL/MariaDB
    String sql = "SELECT change_id, script_hash, " + change + ", project, note, committed_at, committer_name, "
        + "committer_email, planned_at, planner_name FROM " + Tables.quoted(dialect, t)
        + (where.project() == null ? "" : " WHERE project = ?") + " ORDER BY committed_at, change_id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (where.project() != null) {
        ps.setString(1, where.project());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> row = Tables.row(rs);
          String name = Tables.text(row, "change");
          String hash = Tables.text(row, "script_hash");
          String project = Tables.text(row, "project");
          if (!projects.contains(project)) {
            projects.add(project);
          }
          String id = Tables.text(row, "change_id");
          rows.add(new AppliedRow(name, Tables.text(row, "note"), "", hash.isEmpty() ? "" : "sha1:" + hash,
              Tables.text(row, "committed_at"), Tables.text(row, "committer_name") + " <"
                  + Tables.text(row, "committer_email") + ">", false, t.qualified() + " change " + name
                  + " of project " + project + " (change_id " + id.substring(0, Math.min(12, id.length())) + ")",
              row));
        }
      }
    }
    List<String> notes = projects.size() > 1 ? List.of("the registry holds the changes of " + projects.size()
        + " projects (" + String.join(", ", projects) + "); name the history's with --project") : List.of();
    return TableRead.rows(t.qualified(), rows, List.of(), notes);
  }

  @Override
  public boolean matches(Origin origin, AppliedRow row) {
    String v = origin.version();
    return (v.contains("@") ? v.substring(0, v.indexOf('@')) : v).equals(row.version());
  }

  /** A reworked change's two rows: the one whose deploy script hash is the imported one's. */
  @Override
  public int affinity(Origin origin, AppliedRow row) {
    return !row.checksum().isEmpty() && row.checksum().equalsIgnoreCase(origin.checksum()) ? 1 : 0;
  }

  @Override
  public Optional<Integer> compare(String a, String b) {
    return Optional.empty();
  }

  @Override
  public ChecksumCheck checksum(Origin origin, AppliedRow row) {
    if (row.checksum().isEmpty()) {
      return ChecksumCheck.notCompared(origin.checksum(), "", "Sqitch stored no script hash for it");
    }
    if (!origin.checksum().startsWith("sha1:")) {
      return ChecksumCheck.notCompared(origin.checksum(), row.checksum(), "the imported migration carries no "
          + "Sqitch script hash" + (origin.checksum().isEmpty() ? "" : " (it has " + origin.checksum() + ")"));
    }
    return ChecksumCheck.of(origin.checksum().equalsIgnoreCase(row.checksum()), origin.checksum(), row.checksum());
  }
}
