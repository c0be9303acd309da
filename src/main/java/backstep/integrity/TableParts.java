package backstep.integrity;

import backstep.integrity.SchemaSnapshot.Check;
import backstep.integrity.SchemaSnapshot.Column;
import backstep.integrity.SchemaSnapshot.ForeignKey;
import backstep.integrity.SchemaSnapshot.Index;
import backstep.integrity.SchemaSnapshot.Partitioning;
import backstep.integrity.SchemaSnapshot.PrimaryKey;
import backstep.integrity.SchemaSnapshot.Table;
import backstep.integrity.SchemaSnapshot.UniqueKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects a table's parts while the catalog queries run, then freezes them into a {@link Table}. */
final class TableParts {
  final String name;
  final List<Column> columns = new ArrayList<>();
  PrimaryKey primaryKey;
  final List<UniqueKey> uniqueKeys = new ArrayList<>();
  final List<Index> indexes = new ArrayList<>();
  final List<ForeignKey> foreignKeys = new ArrayList<>();
  final List<Check> checks = new ArrayList<>();
  String comment;
  String collation;
  Partitioning partitioning;

  /** A value a catalog query read for one table. */
  record Row<T>(String table, T value) {}

  TableParts(String name) {
    this.name = name;
  }

  /** One entry per table name, in the order given. */
  static Map<String, TableParts> of(List<String> tableNames) {
    Map<String, TableParts> parts = new LinkedHashMap<>();
    for (String t : tableNames) {
      parts.put(t, new TableParts(t));
    }
    return parts;
  }

  /** Adds to the named table; ignores a table the first query did not list (created while reading). */
  static void with(Map<String, TableParts> parts, String table, java.util.function.Consumer<TableParts> add) {
    TableParts t = parts.get(table);
    if (t != null) {
      add.accept(t);
    }
  }

  Table freeze() {
    return new Table(name, columns, primaryKey, uniqueKeys, indexes, foreignKeys, checks, comment, collation,
        partitioning);
  }

  static List<Table> freezeAll(Map<String, TableParts> parts) {
    return parts.values().stream().map(TableParts::freeze).toList();
  }
}
