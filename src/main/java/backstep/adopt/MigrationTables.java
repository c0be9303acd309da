package backstep.adopt;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The migration tables {@code backstep adopt} reads, and finding the one a database has. */
public final class MigrationTables {
  private MigrationTables() {}

  /** A tool's table, found on the database. */
  public record Selected(MigrationTable kind, MigrationTable.Found table) {}

  public static List<MigrationTable> all() {
    return List.of(new FlywayTable(), new LiquibaseTable(), new GolangMigrateTable(), new DbmateTable(),
        new SqitchRegistry());
  }

  public static Optional<MigrationTable> forFormat(String format) {
    return all().stream().filter(t -> t.format().equalsIgnoreCase(format)).findFirst();
  }

  public static List<String> names() {
    return all().stream().map(MigrationTable::format).toList();
  }

  /**
   * The table to read: the one of {@code format} when given; otherwise the only one there, or — when several tools
   * left tables — the only one of the formats the history was imported from.
   *
   * @param historyFormats the {@code origin:} formats of the history's migrations
   */
  public static Selected select(Connection c, Dialect dialect, MigrationTable.Lookup where, String format,
      Set<String> historyFormats) throws SQLException, AdoptException {
    if (format != null) {
      MigrationTable kind = forFormat(format).orElseThrow(() -> new AdoptException("--format: unknown format '"
          + format + "' (known: " + String.join(", ", names()) + ")"));
      Optional<MigrationTable.Found> t = kind.find(c, dialect, where);
      if (t.isEmpty()) {
        throw new AdoptException("no " + kind.tool() + " table on this database: looked for " + looked(kind, where)
            + shapeHint(c, dialect, where, kind) + "; name another with --table" + (kind instanceof SqitchRegistry
                ? " or --registry" : ""));
      }
      return new Selected(kind, t.get());
    }
    List<Selected> found = new ArrayList<>();
    for (MigrationTable kind : all()) {
      kind.find(c, dialect, where).ifPresent(t -> found.add(new Selected(kind, t)));
    }
    if (found.isEmpty()) {
      throw new AdoptException("no migration table found in " + where.schema() + ": looked for "
          + String.join(", ", all().stream().filter(k -> !(k instanceof DbmateTable)).map(k -> looked(k, where))
              .toList()) + ". Name the tool with --format and its table with --table (--registry for Sqitch)");
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    List<Selected> ours = found.stream().filter(s -> historyFormats.contains(s.kind().format())
        || s.kind() instanceof DbmateTable && historyFormats.contains("golang-migrate")).toList();
    if (ours.size() == 1) {
      return ours.get(0);
    }
    throw new AdoptException("this database has the tables of several tools: " + String.join(", ", found.stream()
        .map(s -> s.kind().tool() + " (" + s.table().qualified() + ")").toList()) + "; name one with --format");
  }

  private static String looked(MigrationTable kind, MigrationTable.Lookup where) {
    if (kind instanceof SqitchRegistry) {
      return (where.registry() != null ? where.registry() : SqitchRegistry.DEFAULT_REGISTRY) + "."
          + (where.table() != null ? where.table() : "changes") + " (Sqitch's registry)";
    }
    return where.schema() + "." + (where.table() != null ? where.table() : kind.defaultTable());
  }

  /** schema_migrations is there but of the other tool's shape: say which. */
  private static String shapeHint(Connection c, Dialect dialect, MigrationTable.Lookup where, MigrationTable kind)
      throws SQLException {
    MigrationTable other = kind instanceof GolangMigrateTable ? new DbmateTable()
        : kind instanceof DbmateTable ? new GolangMigrateTable() : null;
    if (other != null && other.find(c, dialect, where).isPresent()) {
      return " (there is one, but " + (other instanceof DbmateTable ? "without" : "with") + " a dirty column: "
          + other.tool() + "'s; pass --format " + other.format() + ")";
    }
    return "";
  }
}
