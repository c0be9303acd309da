package backstep.integrity;

import java.util.List;

/**
 * A child → parent reference to check for orphans: one declared in the schema (possibly NOT VALID), or one a
 * playbook is about to add. {@code name} may be null for a planned key.
 */
public record ForeignKeyRef(String name, String table, List<String> columns, String refTable,
    List<String> refColumns) {
  public ForeignKeyRef {
    columns = List.copyOf(columns);
    refColumns = List.copyOf(refColumns);
    if (columns.isEmpty() || columns.size() != refColumns.size()) {
      throw new IllegalArgumentException("a foreign key needs as many referenced columns as columns, and at least one");
    }
  }

  /** The declared foreign keys of a snapshot, NOT VALID ones included. */
  public static List<ForeignKeyRef> all(SchemaSnapshot snapshot) {
    return snapshot.tables().stream()
        .flatMap(t -> t.foreignKeys().stream()
            .map(fk -> new ForeignKeyRef(fk.name(), t.name(), fk.columns(), fk.refTable(), fk.refColumns())))
        .toList();
  }

  /** {@code orders(customer_id) → customers(id)} */
  public String describe() {
    return table + Sql.list(columns) + " → " + refTable + Sql.list(refColumns);
  }
}
