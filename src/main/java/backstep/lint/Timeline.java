package backstep.lint;

import backstep.playbook.SnapshotStep;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The forward statements and snapshot steps of a playbook for one dialect, in the order they run, so a rule can
 * ask what happened before (or after) a statement: was the table created by this playbook, does a recovery point
 * keep this column, was a CHECK validated.
 */
final class Timeline {
  /** One statement (or snapshot step) at its position in the run; {@code step} is the step's index. */
  record Entry(int ordinal, int step, SnapshotStep snapshot, Parsed parsed) {}

  private final List<Entry> entries;

  Timeline(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Whether an earlier statement of the playbook created the table (so it holds no data from before the change). */
  boolean createdBefore(String table, int ordinal) {
    return before(ordinal).anyMatch(e -> e.parsed().all(Action.CreateTable.class).stream()
        .anyMatch(c -> c.table().equals(table)));
  }

  /** Snapshot steps before {@code ordinal} that keep every row of {@code table} and the given columns (none: all). */
  List<SnapshotStep> snapshotsKeeping(String table, List<String> columns, int ordinal) {
    return entries.stream().filter(e -> e.ordinal() < ordinal && e.snapshot() != null).map(Entry::snapshot)
        .filter(s -> Names.table(s.table()).equals(table) && s.where() == null)
        .filter(s -> s.columns().isEmpty() || (!columns.isEmpty() && s.columns().stream().map(Names::plain).toList()
            .containsAll(columns)))
        .toList();
  }

  /** The first VALIDATE CONSTRAINT of {@code name} after {@code ordinal}. */
  Optional<Entry> validatedAfter(String name, int ordinal) {
    return entries.stream().filter(e -> e.ordinal() > ordinal && e.parsed() != null)
        .filter(e -> e.parsed().all(Action.ValidateConstraint.class).stream().anyMatch(v -> v.name().equals(name)))
        .findFirst();
  }

  /** Whether a CHECK ({@code column} IS NOT NULL) on the table was added and validated before {@code ordinal}. */
  boolean notNullCheckValidBefore(String table, String column, int ordinal) {
    Pattern isNotNull = Pattern.compile(
        "^\\(*\\s*[\"`]?" + Pattern.quote(column) + "[\"`]?\\s+IS\\s+NOT\\s+NULL\\s*\\)*$", Pattern.CASE_INSENSITIVE);
    return before(ordinal).anyMatch(e -> e.parsed().all(Action.AddConstraint.class).stream()
        .filter(c -> c.kind() == Action.ConstraintKind.CHECK && c.table().equals(table))
        .filter(c -> isNotNull.matcher(c.check().strip().toLowerCase(Locale.ROOT)).matches())
        .anyMatch(c -> !c.notValid() || validatedAfter(c.name(), e.ordinal()).filter(v -> v.ordinal() < ordinal)
            .isPresent()));
  }

  /** The type a column was given when an earlier statement of the playbook added it. */
  Optional<ColumnType> addedType(String table, String column, int ordinal) {
    return before(ordinal).flatMap(e -> e.parsed().all(Action.AddColumn.class).stream())
        .filter(a -> a.table().equals(table) && a.column().equals(column)).map(Action.AddColumn::type)
        .reduce((a, b) -> b);
  }

  private java.util.stream.Stream<Entry> before(int ordinal) {
    return entries.stream().filter(e -> e.ordinal() < ordinal && e.parsed() != null);
  }
}
