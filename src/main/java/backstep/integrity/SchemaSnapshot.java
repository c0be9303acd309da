package backstep.integrity;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.playbook.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of a target's schema (PostgreSQL: the current schema; MySQL/MariaDB: the current database) read from
 * the catalogs, without Backstep's own ledger tables and recovery schemas. Every collection is sorted by name
 * (columns keep their ordinal order, which is part of the shape), so two snapshots of equal schemas are
 * {@code equal()} and serialise to the same JSON, and a snapshot saved to a file can be compared later.
 *
 * <p>Captured besides the shape of tables: column collations (PostgreSQL: only where a column's differs from its
 * type's default; MySQL/MariaDB: where it differs from the table's default, and each table's default collation),
 * table and column comments, partitioning (method, key, each partition's bound), sequences with their properties
 * ({@link Sequence}: type, start, increment, bounds, cache, cycle, owning column, comment; PostgreSQL and MariaDB
 * 10.3+), the declared options of the sequence behind a PostgreSQL identity column (on its {@link Column}), and
 * functions and procedures with their bodies (on PostgreSQL trigger functions among them; those of extensions left
 * out). Not captured: privileges, storage options, sequence values (nor identity or AUTO_INCREMENT counters),
 * exclusion constraints and descending index columns.
 *
 * <p>{@code format} says what a snapshot holds: {@value #FORMAT} since sequence properties, partitioning and table
 * collations were added (2026-12-06); a snapshot file saved before reads as 0, and {@link SchemaDiff} does not compare
 * what it did not hold. {@code sequences} keeps every sequence's name (as older files have it);
 * {@code sequenceDetails} their properties.
 */
public record SchemaSnapshot(Dialect dialect, List<Table> tables, List<View> views, List<Trigger> triggers,
    List<String> sequences, List<Routine> routines, List<Sequence> sequenceDetails, int format) {

  /** What snapshots taken now hold: 2 = sequence properties, partitioning and table collations. */
  public static final int FORMAT = 2;

  public SchemaSnapshot {
    tables = sorted(tables, Comparator.comparing(Table::name));
    views = sorted(views, Comparator.comparing(View::name));
    triggers = sorted(triggers, Comparator.comparing(Trigger::table).thenComparing(Trigger::name));
    sequenceDetails = sorted(sequenceDetails, Comparator.comparing(Sequence::name));
    Set<String> names = new TreeSet<>(sequences == null ? List.of() : sequences);
    sequenceDetails.forEach(q -> names.add(q.name()));
    sequences = List.copyOf(names);
    routines = sorted(routines, Comparator.comparing(Routine::signature));
  }

  /** A snapshot of the current format without sequence properties. */
  public SchemaSnapshot(Dialect dialect, List<Table> tables, List<View> views, List<Trigger> triggers,
      List<String> sequences, List<Routine> routines) {
    this(dialect, tables, views, triggers, sequences, routines, List.of(), FORMAT);
  }

  /** A snapshot without routines (as taken before they were captured). */
  public SchemaSnapshot(Dialect dialect, List<Table> tables, List<View> views, List<Trigger> triggers,
      List<String> sequences) {
    this(dialect, tables, views, triggers, sequences, List.of());
  }

  /**
   * A table. {@code primaryKey} is null when it has none. On MySQL/MariaDB every unique index is a unique key, as
   * information_schema reports it; on PostgreSQL a unique index created with CREATE UNIQUE INDEX is an index.
   * {@code indexes} leaves out those that back the primary key and the unique keys. {@code collation} is the table's
   * default collation (MySQL/MariaDB; null on PostgreSQL, where collations belong to columns and the database);
   * {@code partitioning} is null for a table that is not partitioned (on PostgreSQL each partition is a table of its
   * own as well).
   */
  public record Table(String name, List<Column> columns, PrimaryKey primaryKey, List<UniqueKey> uniqueKeys,
      List<Index> indexes, List<ForeignKey> foreignKeys, List<Check> checks, String comment, String collation,
      Partitioning partitioning) {
    public Table {
      columns = columns == null ? List.of() : List.copyOf(columns);
      uniqueKeys = sorted(uniqueKeys, Comparator.comparing(UniqueKey::name));
      indexes = sorted(indexes, Comparator.comparing(Index::name));
      foreignKeys = sorted(foreignKeys, Comparator.comparing(ForeignKey::name));
      checks = sorted(checks, Comparator.comparing(Check::name));
    }

    /** A table without a comment. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<UniqueKey> uniqueKeys,
        List<Index> indexes, List<ForeignKey> foreignKeys, List<Check> checks) {
      this(name, columns, primaryKey, uniqueKeys, indexes, foreignKeys, checks, null);
    }

    /** A table that is not partitioned, without a default collation. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<UniqueKey> uniqueKeys,
        List<Index> indexes, List<ForeignKey> foreignKeys, List<Check> checks, String comment) {
      this(name, columns, primaryKey, uniqueKeys, indexes, foreignKeys, checks, comment, null, null);
    }

    public Optional<Column> column(String columnName) {
      return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
      return columns.stream().map(Column::name).toList();
    }

    /**
     * Whether the primary key, a unique key or a valid, non-partial index starts with {@code cols} (in any order), so
     * a lookup by them — a foreign key check from the parent side — need not scan the table.
     */
    public boolean hasIndexOn(List<String> cols) {
      Set<String> wanted = Set.copyOf(cols);
      List<List<String>> keys = new ArrayList<>();
      if (primaryKey != null) {
        keys.add(primaryKey.columns());
      }
      uniqueKeys.forEach(u -> keys.add(u.columns()));
      indexes.stream().filter(i -> i.valid() && i.predicate() == null).forEach(i -> keys.add(i.columns()));
      return keys.stream().anyMatch(k -> k.size() >= wanted.size()
          && Set.copyOf(k.subList(0, wanted.size())).equals(wanted));
    }
  }

  /**
   * A column. {@code type} is normalised ({@code varchar(200)}, {@code bigint}, {@code integer}, {@code boolean},
   * {@code timestamp}, {@code timestamptz}; MySQL's {@code tinyint(1)} is {@code boolean} and integer display
   * widths are dropped). {@code defaultValue} is the default expression as the server prints it, or for a generated
   * column {@code generated always as (…) stored}; {@code identity} is {@code always} or {@code by default}
   * (PostgreSQL identity), {@code auto_increment}, or null. {@code collation} is null where the column uses its
   * type's default (PostgreSQL) or its table's default (MySQL/MariaDB); {@code comment} is null without one.
   * {@code identitySequence} holds the declared options of the sequence behind a PostgreSQL identity column (no name,
   * owner or comment: the column is its identity); null for other columns, on MySQL/MariaDB, and in snapshot files
   * saved before it was captured (2026-12-06), which are then not compared on it.
   */
  public record Column(String name, String type, boolean nullable, String defaultValue, String identity,
      String collation, String comment, Sequence identitySequence) {
    /** A column with the default collation and no comment. */
    public Column(String name, String type, boolean nullable, String defaultValue, String identity) {
      this(name, type, nullable, defaultValue, identity, null, null);
    }

    /** A column that is not a PostgreSQL identity column, or whose identity's options are not known. */
    public Column(String name, String type, boolean nullable, String defaultValue, String identity,
        String collation, String comment) {
      this(name, type, nullable, defaultValue, identity, collation, comment, null);
    }
  }

  /**
   * How a table is partitioned: {@code method} ({@code RANGE}, {@code LIST}, {@code HASH}; MySQL/MariaDB also
   * {@code RANGE COLUMNS}, {@code LIST COLUMNS}, {@code KEY}, {@code LINEAR HASH}, {@code SYSTEM_TIME}) over
   * {@code key} (columns or an expression, as the server prints it), subpartitioning (MySQL/MariaDB; null without),
   * and the partitions in the server's order (PostgreSQL: by name).
   */
  public record Partitioning(String method, String key, String subpartitionMethod, String subpartitionKey,
      List<Partition> partitions) {
    public Partitioning {
      partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** {@code RANGE (created_at)}, with {@code , subpartitioned by HASH (id)} when it is. */
    public String describe() {
      String sub = subpartitionMethod == null ? ""
          : ", subpartitioned by " + subpartitionMethod + (subpartitionKey == null ? "" : " (" + subpartitionKey + ")");
      return method + (key == null ? "" : " (" + key + ")") + sub;
    }
  }

  /**
   * One partition: its name (PostgreSQL: the partition's table, schema-qualified when in another schema), its bound
   * as the server prints it ({@code FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')}, {@code DEFAULT};
   * {@code VALUES LESS THAN (2020)}, {@code VALUES IN ('a','b')}; null for HASH and KEY on MySQL/MariaDB) and its
   * subpartitions' names (MySQL/MariaDB; empty without).
   */
  public record Partition(String name, String bound, List<String> subpartitions) {
    public Partition {
      subpartitions = subpartitions == null ? List.of() : List.copyOf(subpartitions);
    }
  }

  /**
   * A sequence and its properties: {@code type} ({@code bigint}, {@code integer}, {@code smallint}; always
   * {@code bigint} on MariaDB before 11.5), start, increment, minimum, maximum, cache size (PostgreSQL 1 and MariaDB 0
   * mean no cache), whether it cycles, the column that owns it ({@code table.column}, PostgreSQL {@code OWNED BY} or
   * {@code serial}; null otherwise) and its comment. Its current value is state, not shape, and is left out.
   */
  public record Sequence(String name, String type, long start, long increment, long minValue, long maxValue,
      long cache, boolean cycle, String ownedBy, String comment) {}

  public record PrimaryKey(String name, List<String> columns) {
    public PrimaryKey {
      columns = List.copyOf(columns);
    }
  }

  public record UniqueKey(String name, List<String> columns) {
    public UniqueKey {
      columns = List.copyOf(columns);
    }
  }

  /**
   * An index: key columns (or expressions) in order, access method ({@code btree}, {@code hash}, {@code gin},
   * {@code fulltext} …), the partial predicate (PostgreSQL) and whether it is valid (false on PostgreSQL for an
   * interrupted CREATE INDEX CONCURRENTLY; always true on MySQL/MariaDB).
   */
  public record Index(String name, List<String> columns, boolean unique, String method, String predicate,
      boolean valid) {
    public Index {
      columns = List.copyOf(columns);
    }
  }

  /**
   * A foreign key. {@code refTable} is schema-qualified only when it lives in another schema; the rules are
   * {@code NO ACTION}, {@code RESTRICT}, {@code CASCADE}, {@code SET NULL} or {@code SET DEFAULT};
   * {@code validated} is false for a PostgreSQL NOT VALID constraint.
   */
  public record ForeignKey(String name, List<String> columns, String refTable, List<String> refColumns,
      String onDelete, String onUpdate, boolean validated) {
    public ForeignKey {
      columns = List.copyOf(columns);
      refColumns = List.copyOf(refColumns);
    }
  }

  /** A check constraint; {@code validated} is false for a PostgreSQL NOT VALID one. */
  public record Check(String name, String expression, boolean validated) {}

  /**
   * A trigger: timing {@code BEFORE}, {@code AFTER} or {@code INSTEAD OF}; events sorted; level {@code ROW} or
   * {@code STATEMENT}; action is the function called (PostgreSQL) or the body (MySQL/MariaDB), whitespace squashed.
   */
  public record Trigger(String name, String table, String timing, List<String> events, String level, String action,
      boolean enabled) {
    public Trigger {
      events = sorted(events, Comparator.naturalOrder());
    }
  }

  /**
   * A function or procedure: {@code kind} {@code function} or {@code procedure}; {@code signature} its name and
   * argument types ({@code order_total(bigint)}), which identify it (PostgreSQL overloads names); {@code returns}
   * the result type (null for a procedure); {@code language} ({@code plpgsql}, {@code sql}; {@code SQL} on
   * MySQL/MariaDB); {@code body} the source, whitespace squashed.
   */
  public record Routine(String signature, String kind, String returns, String language, String body) {}

  /** A view, with its definition as the server prints it, whitespace squashed and the schema name left out. */
  public record View(String name, String definition, boolean materialized) {}

  /** Reads the schema of {@code db} now. */
  public static SchemaSnapshot take(Database db) throws SQLException {
    try (Connection c = db.connection()) {
      return take(c, db.dialect(), db.schema());
    }
  }

  /** Reads {@code schema} on a connection the caller holds; inside a transaction it sees that transaction's DDL. */
  public static SchemaSnapshot take(Connection c, Dialect dialect, String schema) throws SQLException {
    return ReadSession.run(c, dialect, conn -> read(conn, dialect, schema));
  }

  /**
   * Reads only the tables, views, sequences and routines named in {@code only} (every object when null) and their
   * columns, keys, indexes and triggers: what a run compares around one step, at a fraction of a full read's cost.
   */
  public static SchemaSnapshot take(Connection c, Dialect dialect, String schema, java.util.Set<String> only)
      throws SQLException {
    return ReadSession.run(c, dialect, conn -> read(conn, dialect, schema, only));
  }

  /** Reads on the caller's session as it is (used inside a {@link ReadSession}). */
  static SchemaSnapshot read(Connection c, Dialect dialect, String schema) throws SQLException {
    return read(c, dialect, schema, null);
  }

  static SchemaSnapshot read(Connection c, Dialect dialect, String schema, java.util.Set<String> only)
      throws SQLException {
    return dialect == Dialect.POSTGRES ? PostgresCatalog.read(c, schema, only)
        : MySqlCatalog.read(c, dialect, schema, only);
  }

  /**
   * As {@link #read(Connection, Dialect, String, java.util.Set)}; on PostgreSQL and MariaDB also, for each table of
   * {@code data} it finds, what a checksum of it needs ({@link RowHash#sized}), read with the catalog, into
   * {@code sized}.
   */
  static SchemaSnapshot read(Connection c, Dialect dialect, String schema, java.util.Set<String> only,
      java.util.Set<String> data, java.util.Map<String, RowHash.Sized> sized) throws SQLException {
    return read(c, dialect, schema, only, data, sized, List.of());
  }

  /** As above; on PostgreSQL {@code after} goes in the catalog read's round trip ({@link Sql#prepared}). */
  static SchemaSnapshot read(Connection c, Dialect dialect, String schema, java.util.Set<String> only,
      java.util.Set<String> data, java.util.Map<String, RowHash.Sized> sized, List<Sql.Part> after)
      throws SQLException {
    return dialect == Dialect.POSTGRES ? PostgresCatalog.read(c, schema, only, data, sized, after)
        : MySqlCatalog.read(c, dialect, schema, only, data, sized);
  }

  /**
   * Only the objects named in {@code names}, as a scoped read ({@link #take(Connection, Dialect, String,
   * java.util.Set)}) would have found them: tables, views, sequences and routines by name, triggers by their table.
   */
  public SchemaSnapshot restrictedTo(java.util.Set<String> names) {
    return new SchemaSnapshot(dialect, tables.stream().filter(t -> names.contains(t.name())).toList(),
        views.stream().filter(v -> names.contains(v.name())).toList(),
        triggers.stream().filter(t -> names.contains(t.table())).toList(),
        sequences.stream().filter(names::contains).toList(),
        routines.stream().filter(r -> names.contains(r.signature().replaceFirst("\\(.*", ""))).toList(),
        sequenceDetails.stream().filter(q -> names.contains(q.name())).toList(), format);
  }

  public Optional<Table> table(String tableName) {
    return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
  }

  public String toJson() {
    return Json.pretty(this);
  }

  public static SchemaSnapshot fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, SchemaSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a schema snapshot: " + e.getOriginalMessage(), e);
    }
  }

  static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
    return items == null ? List.of() : items.stream().sorted(order).toList();
  }
}
