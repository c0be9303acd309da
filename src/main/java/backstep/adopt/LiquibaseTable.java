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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase's {@code DATABASECHANGELOG} (lower case on PostgreSQL): one row per changeset, keyed by
 * {@code AUTHOR}, {@code ID} and {@code FILENAME}, in {@code ORDEREXECUTED} order. {@code EXECUTED},
 * {@code MARK_RAN} and {@code RERAN} count as applied; {@code FAILED} (a changeset with {@code failOnError:false})
 * is a half-migrated database; {@code SKIPPED} is not applied. {@code MD5SUM} is {@code <version>:<hex>}.
 */
final class LiquibaseTable implements MigrationTable {
  private static final Pattern STORED = Pattern.compile("(\\d+):([0-9a-fA-F]+)");
  /** The checksum version Liquibase 4.22 and later compute. */
  private static final String CURRENT = "9";

  @Override
  public String format() {
    return "liquibase";
  }

  @Override
  public String tool() {
    return "Liquibase";
  }

  @Override
  public String defaultTable() {
    return "DATABASECHANGELOG";
  }

  @Override
  public TableRead read(Connection c, Dialect dialect, Found t, Lookup where) throws SQLException {
    List<AppliedRow> rows = new ArrayList<>();
    List<String> half = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, author, filename, "
        + "dateexecuted, orderexecuted, exectype, md5sum, description FROM " + Tables.quoted(dialect, t)
        + " ORDER BY orderexecuted, dateexecuted")) {
      while (rs.next()) {
        Map<String, Object> row = Tables.row(rs);
        String key = Tables.text(row, "author") + ":" + Tables.text(row, "id");
        String type = Tables.text(row, "exectype");
        AppliedRow r = new AppliedRow(key, Tables.text(row, "description"), Tables.text(row, "filename"),
            Tables.text(row, "md5sum"), Tables.text(row, "dateexecuted"), "", false,
            t.table() + " changeset " + key + " (" + Tables.text(row, "filename") + ")", row);
        switch (type) {
          case "EXECUTED", "MARK_RAN", "RERAN" -> rows.add(r);
          case "FAILED" -> half.add(r.source() + ": FAILED on " + r.at() + " (a changeset with failOnError: "
              + "false): what it ran is unknown. Fix the database and the changelog, then adopt");
          default -> notes.add(r.source() + ": " + type + "; it counts as not applied");
        }
      }
    }
    return TableRead.rows(t.qualified(), rows, half, notes);
  }

  @Override
  public boolean matches(Origin origin, AppliedRow row) {
    return origin.version().equals(row.version());
  }

  /** Two changesets of one author and id in two files: the one whose file name is the imported one's. */
  @Override
  public int affinity(Origin origin, AppliedRow row) {
    return !origin.file().isEmpty() && Tables.fileName(row.script()).equals(Tables.fileName(origin.file())) ? 1 : 0;
  }

  @Override
  public Optional<Integer> compare(String a, String b) {
    return Optional.empty();
  }

  @Override
  public ChecksumCheck checksum(Origin origin, AppliedRow row) {
    Matcher stored = STORED.matcher(row.checksum());
    if (!stored.matches()) {
      return ChecksumCheck.notCompared(origin.checksum(), row.checksum(), "Liquibase stored no checksum for it"
          + " (cleared, or never computed)");
    }
    Matcher imported = STORED.matcher(origin.checksum());
    if (imported.matches()) {
      return imported.group(1).equals(stored.group(1)) ? ChecksumCheck.compare(origin.checksum(), row.checksum())
          : ChecksumCheck.notCompared(origin.checksum(), row.checksum(), "checksum version " + imported.group(1)
              + " imported, " + stored.group(1) + " stored (a different Liquibase computed it)");
    }
    if (origin.checksum().startsWith("md5:")) {
      return stored.group(1).equals(CURRENT)
          ? ChecksumCheck.of(origin.checksum().substring(4).equalsIgnoreCase(stored.group(2)), origin.checksum(),
              row.checksum())
          : ChecksumCheck.notCompared(origin.checksum(), row.checksum(), "stored with Liquibase's checksum "
              + "version " + stored.group(1) + ", the import computes version " + CURRENT);
    }
    return ChecksumCheck.notCompared(origin.checksum(), row.checksum(), "the imported migration carries no "
        + "Liquibase MD5SUM" + (origin.checksum().isEmpty() ? "" : " (it has " + origin.checksum() + ")"));
  }
}
