package backstep.history;

import java.util.List;

/**
 * A changeset as a changelog reader found it, before properties are expanded and SQL is rewritten for Backstep.
 *
 * @param file the changelog, relative to the imported project's root
 * @param comment the changeset's comment, or empty
 * @param dbms the changeset's {@code dbms} filter, or null
 * @param ignored {@code ignore:true}: Liquibase skips it
 * @param changes its SQL changes, in order
 * @param otherChanges the change types that are not SQL ({@code createTable}, {@code addColumn}…), with their lines
 * @param notes attributes and sections Backstep does not act on, in words
 */
record LiquibaseChangeSet(String id, String author, String file, int line, String comment, String dbms,
    boolean ignored, List<LiquibaseChange> changes, List<Other> otherChanges, Rollback rollback, List<String> notes) {

  LiquibaseChangeSet {
    changes = List.copyOf(changes);
    otherChanges = List.copyOf(otherChanges);
    notes = List.copyOf(notes);
  }

  /** Liquibase's name for it: {@code author:id}. */
  String version() {
    return author + ":" + id;
  }

  /** A change that is not SQL: its type and line. */
  record Other(String type, int line) {}

  /** What the changeset says about undoing it. */
  enum RollbackKind {
    /** No rollback written. */
    ABSENT,
    /** SQL changes. */
    SQL,
    /** {@code not required}, {@code empty}, or an empty rollback block: nothing to undo, on purpose. */
    EMPTY,
    /** The changes of another changeset, named in {@code reference}. */
    CHANGESET,
    /** A change type that is not SQL, named in {@code reference}. */
    NOT_SQL
  }

  /**
   * @param changes the SQL changes, for {@link RollbackKind#SQL}
   * @param reference the changeset ({@code author:id}) or change type the rollback names
   */
  record Rollback(RollbackKind kind, List<LiquibaseChange> changes, String reference, int line) {
    static final Rollback ABSENT = new Rollback(RollbackKind.ABSENT, List.of(), "", 0);

    Rollback {
      changes = List.copyOf(changes);
    }
  }
}
