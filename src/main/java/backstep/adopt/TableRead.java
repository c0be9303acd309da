package backstep.adopt;

import java.util.List;
import java.util.Optional;

/**
 * What a tool's table says is applied.
 *
 * @param table the table as found ({@code public.flyway_schema_history}, {@code sqitch.changes})
 * @param rows the migrations it lists as applied, in the order the tool applied them
 * @param upTo a version up to which everything counts as applied: golang-migrate's one row, a Flyway baseline
 * @param upToIsMigration whether {@code upTo} names a migration the history must have (golang-migrate: yes; a
 *     Flyway baseline: no, it only says everything before it was there)
 * @param halfApplied rows that say the database is half-migrated (a failed Flyway migration, a dirty golang-migrate
 *     version): adopting refuses while there is one
 * @param notes what the reader wants a person to know (rows it skipped and why)
 */
public record TableRead(String table, List<AppliedRow> rows, Optional<AppliedRow> upTo, boolean upToIsMigration,
    List<String> halfApplied, List<String> notes) {

  public TableRead {
    rows = List.copyOf(rows);
    halfApplied = List.copyOf(halfApplied);
    notes = List.copyOf(notes);
  }

  /** A table whose every applied migration is one row. */
  static TableRead rows(String table, List<AppliedRow> rows, List<String> halfApplied, List<String> notes) {
    return new TableRead(table, rows, Optional.empty(), false, halfApplied, notes);
  }
}
