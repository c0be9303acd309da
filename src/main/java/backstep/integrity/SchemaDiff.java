package backstep.integrity;

import backstep.integrity.Difference.Kind;
import backstep.integrity.SchemaSnapshot.Check;
import backstep.integrity.SchemaSnapshot.Column;
import backstep.integrity.SchemaSnapshot.ForeignKey;
import backstep.integrity.SchemaSnapshot.Index;
import backstep.integrity.SchemaSnapshot.Partition;
import backstep.integrity.SchemaSnapshot.Partitioning;
import backstep.integrity.SchemaSnapshot.PrimaryKey;
import backstep.integrity.SchemaSnapshot.Routine;
import backstep.integrity.SchemaSnapshot.Sequence;
import backstep.integrity.SchemaSnapshot.Table;
import backstep.integrity.SchemaSnapshot.Trigger;
import backstep.integrity.SchemaSnapshot.UniqueKey;
import backstep.integrity.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Compares two schema snapshots object by object. A missing or unexpected table is one difference (its columns,
 * keys and indexes are not listed again); for objects on both sides each differing attribute is one difference.
 * The result is in a stable order: tables and their parts (columns, collation, partitioning and partitions, keys,
 * indexes, checks) by name, then views, triggers, sequences and their properties, functions and procedures. Table
 * collations, partitioning and sequence properties are compared only where both snapshots hold them: a snapshot
 * file saved before they were captured (format below 2) has none, and reporting them all as changed would be noise.
 */
public final class SchemaDiff {
  private final List<Difference> found = new ArrayList<>();

  /** Whether both snapshots hold table collations and partitioning (format 2), so that they are compared. */
  private final boolean tableDetails;

  private SchemaDiff(boolean tableDetails) {
    this.tableDetails = tableDetails;
  }

  /** The differences of {@code actual} from {@code expected}; empty when the schemas are equal. */
  public static List<Difference> diff(SchemaSnapshot expected, SchemaSnapshot actual) {
    SchemaDiff d = new SchemaDiff(Math.min(expected.format(), actual.format()) >= 2);
    d.byName(Kind.TABLE, expected.tables(), actual.tables(), Table::name, Table::name, d::table);
    d.byName(Kind.VIEW, expected.views(), actual.views(), View::name, View::name, d::view);
    d.byName(Kind.TRIGGER, expected.triggers(), actual.triggers(), t -> t.table() + "." + t.name(), Trigger::name,
        d::trigger);
    Map<String, Sequence> e = index(expected.sequenceDetails(), Sequence::name);
    Map<String, Sequence> a = index(actual.sequenceDetails(), Sequence::name);
    d.byName(Kind.SEQUENCE, expected.sequences(), actual.sequences(), s -> s, s -> s, (es, as) -> {
      if (e.containsKey(es) && a.containsKey(as)) { // a snapshot file from before properties has names only
        d.sequence(e.get(es), a.get(as));
      }
    });
    d.routines(expected.routines(), actual.routines());
    return List.copyOf(d.found);
  }

  private <T> void byName(Kind kind, List<T> expected, List<T> actual, Function<T, String> key,
      Function<T, String> label, BiConsumer<T, T> compare) {
    Map<String, T> e = index(expected, key);
    Map<String, T> a = index(actual, key);
    for (String k : new TreeSet<>(union(e, a))) {
      T exp = e.get(k);
      T act = a.get(k);
      if (act == null) {
        found.add(Difference.missing(kind, label.apply(exp)));
      } else if (exp == null) {
        found.add(Difference.unexpected(kind, label.apply(act)));
      } else {
        compare.accept(exp, act);
      }
    }
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    Map<String, T> m = new TreeMap<>();
    items.forEach(i -> m.put(key.apply(i), i));
    return m;
  }

  private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private void attr(Kind kind, String object, String change, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      found.add(new Difference(kind, object, change, text(expected), text(actual)));
    }
  }

  @SuppressWarnings("unchecked")
  private static String text(Object value) {
    if (value instanceof List<?> list) {
      return Sql.list((List<String>) list);
    }
    return value == null ? null : value.toString();
  }

  private void table(Table e, Table a) {
    String t = e.name();
    byName(Kind.COLUMN, e.columns(), a.columns(), Column::name, c -> t + "." + c.name(),
        (ec, ac) -> column(t + "." + ec.name(), ec, ac));
    List<String> commonExpected = e.columnNames().stream().filter(a.columnNames()::contains).toList();
    List<String> commonActual = a.columnNames().stream().filter(e.columnNames()::contains).toList();
    attr(Kind.TABLE, t, "column order", commonExpected, commonActual);
    attr(Kind.TABLE, t, "comment", e.comment(), a.comment());
    if (tableDetails) {
      attr(Kind.TABLE, t, "collation", e.collation(), a.collation());
      partitioning(t, e.partitioning(), a.partitioning());
    }
    primaryKey(t, e.primaryKey(), a.primaryKey());
    byName(Kind.UNIQUE, e.uniqueKeys(), a.uniqueKeys(), UniqueKey::name, UniqueKey::name,
        (eu, au) -> attr(Kind.UNIQUE, eu.name(), "columns", eu.columns(), au.columns()));
    byName(Kind.INDEX, e.indexes(), a.indexes(), Index::name, Index::name, this::index);
    byName(Kind.FOREIGN_KEY, e.foreignKeys(), a.foreignKeys(), ForeignKey::name, ForeignKey::name,
        this::foreignKey);
    byName(Kind.CHECK, e.checks(), a.checks(), Check::name, Check::name, this::check);
  }

  /** The method and key as one attribute; partitions by name when both sides are partitioned. */
  private void partitioning(String table, Partitioning e, Partitioning a) {
    attr(Kind.TABLE, table, "partitioned by", e == null ? null : e.describe(), a == null ? null : a.describe());
    if (e != null && a != null) {
      byName(Kind.PARTITION, e.partitions(), a.partitions(), Partition::name, p -> table + "." + p.name(),
          (ep, ap) -> {
            attr(Kind.PARTITION, table + "." + ep.name(), "bound", ep.bound(), ap.bound());
            attr(Kind.PARTITION, table + "." + ep.name(), "subpartitions", ep.subpartitions(), ap.subpartitions());
          });
    }
  }

  private void sequence(Sequence e, Sequence a) {
    String n = e.name();
    sequenceOptions(Kind.SEQUENCE, n, "", e, a);
    attr(Kind.SEQUENCE, n, "owned by", e.ownedBy(), a.ownedBy());
    attr(Kind.SEQUENCE, n, "comment", e.comment(), a.comment());
  }

  /** The declared options of a sequence or of an identity column's sequence, each one attribute. */
  private void sequenceOptions(Kind kind, String n, String prefix, Sequence e, Sequence a) {
    attr(kind, n, prefix + "type", e.type(), a.type());
    attr(kind, n, prefix + "start", e.start(), a.start());
    attr(kind, n, prefix + "increment by", e.increment(), a.increment());
    attr(kind, n, prefix + "minvalue", e.minValue(), a.minValue());
    attr(kind, n, prefix + "maxvalue", e.maxValue(), a.maxValue());
    attr(kind, n, prefix + "cache", e.cache(), a.cache());
    attr(kind, n, prefix + "cycle", e.cycle() ? "cycle" : "no cycle", a.cycle() ? "cycle" : "no cycle");
  }

  private void column(String name, Column e, Column a) {
    attr(Kind.COLUMN, name, "type", e.type(), a.type());
    attr(Kind.COLUMN, name, "nullability", nullability(e.nullable()), nullability(a.nullable()));
    attr(Kind.COLUMN, name, "default", e.defaultValue(), a.defaultValue());
    attr(Kind.COLUMN, name, "identity", e.identity(), a.identity());
    if (e.identitySequence() != null && a.identitySequence() != null) { // null: none, or a file from before
      sequenceOptions(Kind.COLUMN, name, "identity ", e.identitySequence(), a.identitySequence());
    }
    attr(Kind.COLUMN, name, "collation", e.collation(), a.collation());
    attr(Kind.COLUMN, name, "comment", e.comment(), a.comment());
  }

  private static String nullability(boolean nullable) {
    return nullable ? "nullable" : "not null";
  }

  private void primaryKey(String table, PrimaryKey e, PrimaryKey a) {
    if (e == null && a != null) {
      found.add(Difference.unexpected(Kind.PRIMARY_KEY, table));
    } else if (e != null && a == null) {
      found.add(Difference.missing(Kind.PRIMARY_KEY, table));
    } else if (e != null) {
      attr(Kind.PRIMARY_KEY, table, "name", e.name(), a.name());
      attr(Kind.PRIMARY_KEY, table, "columns", e.columns(), a.columns());
    }
  }

  private void index(Index e, Index a) {
    String n = e.name();
    attr(Kind.INDEX, n, "columns", e.columns(), a.columns());
    attr(Kind.INDEX, n, "uniqueness", e.unique() ? "unique" : "not unique", a.unique() ? "unique" : "not unique");
    attr(Kind.INDEX, n, "method", e.method(), a.method());
    attr(Kind.INDEX, n, "predicate", e.predicate(), a.predicate());
    attr(Kind.INDEX, n, "validity", e.valid() ? "valid" : "invalid", a.valid() ? "valid" : "invalid");
  }

  private void foreignKey(ForeignKey e, ForeignKey a) {
    String n = e.name();
    attr(Kind.FOREIGN_KEY, n, "columns", e.columns(), a.columns());
    attr(Kind.FOREIGN_KEY, n, "references", e.refTable() + Sql.list(e.refColumns()),
        a.refTable() + Sql.list(a.refColumns()));
    attr(Kind.FOREIGN_KEY, n, "on delete", e.onDelete(), a.onDelete());
    attr(Kind.FOREIGN_KEY, n, "on update", e.onUpdate(), a.onUpdate());
    attr(Kind.FOREIGN_KEY, n, "validity", validity(e.validated()), validity(a.validated()));
  }

  private static String validity(boolean validated) {
    return validated ? "validated" : "not valid";
  }

  private void check(Check e, Check a) {
    attr(Kind.CHECK, e.name(), "expression", e.expression(), a.expression());
    attr(Kind.CHECK, e.name(), "validity", validity(e.validated()), validity(a.validated()));
  }

  private void trigger(Trigger e, Trigger a) {
    String n = e.name();
    attr(Kind.TRIGGER, n, "timing", e.timing(), a.timing());
    attr(Kind.TRIGGER, n, "events", e.events(), a.events());
    attr(Kind.TRIGGER, n, "level", e.level(), a.level());
    attr(Kind.TRIGGER, n, "action", e.action(), a.action());
    attr(Kind.TRIGGER, n, "enabled", e.enabled() ? "enabled" : "disabled", a.enabled() ? "enabled" : "disabled");
  }

  /** Functions, then procedures; a routine whose kind changed shows as one missing and one unexpected. */
  private void routines(List<Routine> expected, List<Routine> actual) {
    for (String kind : List.of("function", "procedure")) {
      Kind k = kind.equals("function") ? Kind.FUNCTION : Kind.PROCEDURE;
      byName(k, expected.stream().filter(r -> r.kind().equals(kind)).toList(),
          actual.stream().filter(r -> r.kind().equals(kind)).toList(), Routine::signature, Routine::signature,
          (e, a) -> {
            attr(k, e.signature(), "returns", e.returns(), a.returns());
            attr(k, e.signature(), "language", e.language(), a.language());
            attr(k, e.signature(), "body", e.body(), a.body());
          });
    }
  }

  private void view(View e, View a) {
    attr(Kind.VIEW, e.name(), "definition", e.definition(), a.definition());
    attr(Kind.VIEW, e.name(), "materialized", e.materialized() ? "materialized" : "not materialized",
        a.materialized() ? "materialized" : "not materialized");
  }
}
