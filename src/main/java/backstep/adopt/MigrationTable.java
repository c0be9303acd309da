package backstep.adopt;

import backstep.db.Dialect;
import backstep.playbook.Origin;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Another tool's record of what it applied to a database: where the table is, how to read it, and how its rows
 * name the migrations a history imported from that tool's project. Reads only.
 */
public interface MigrationTable {
  /** {@code flyway}, {@code liquibase}, {@code golang-migrate}, {@code dbmate} or {@code sqitch}. */
  String format();

  /** The tool's name for people: Flyway, Liquibase, golang-migrate, dbmate, Sqitch. */
  String tool();

  /** The table as the tool names it by default, for messages ({@code flyway_schema_history}). */
  String defaultTable();

  /** The table on this database, if it is there: by default {@code --table} or the default, in the schema. */
  default Optional<Found> find(Connection c, Dialect dialect, Lookup where) throws SQLException {
    return Tables.find(c, where.schema(), where.table() != null ? where.table() : defaultTable());
  }

  TableRead read(Connection c, Dialect dialect, Found table, Lookup where) throws SQLException;

  /** Whether {@code row} records the migration the history imported as {@code origin}. */
  boolean matches(Origin origin, AppliedRow row);

  /** Among several rows that match, the one with the highest affinity is taken (then the first applied). */
  default int affinity(Origin origin, AppliedRow row) {
    return 0;
  }

  /** The order of two versions as the tool orders them; empty when they cannot be compared. */
  Optional<Integer> compare(String a, String b);

  /** The imported checksum against the stored one. */
  ChecksumCheck checksum(Origin origin, AppliedRow row);

  /**
   * Where to look.
   *
   * @param schema the target's schema (PostgreSQL's current schema, the MySQL/MariaDB database)
   * @param table the table's name when it is not the tool's default ({@code --table}), or null
   * @param registry Sqitch's registry (a schema on PostgreSQL, a database on MySQL/MariaDB), or null for
   *     {@code sqitch}
   * @param project the Sqitch project to read when the registry holds several, or null
   */
  record Lookup(String schema, String table, String registry, String project) {}

  /** A table found: its schema (or database) and its name, spelled as the catalog spells them. */
  record Found(String schema, String table) {
    public String qualified() {
      return schema + "." + table;
    }
  }
}
