package backstep.integrity;

import backstep.db.Dialect;
import backstep.integrity.SchemaSnapshot.Check;
import backstep.integrity.SchemaSnapshot.Column;
import backstep.integrity.SchemaSnapshot.ForeignKey;
import backstep.integrity.SchemaSnapshot.Index;
import backstep.integrity.SchemaSnapshot.Partition;
import backstep.integrity.SchemaSnapshot.Partitioning;
import backstep.integrity.SchemaSnapshot.PrimaryKey;
import backstep.integrity.SchemaSnapshot.Routine;
import backstep.integrity.SchemaSnapshot.Sequence;
import backstep.integrity.SchemaSnapshot.Trigger;
import backstep.integrity.SchemaSnapshot.UniqueKey;
import backstep.integrity.SchemaSnapshot.View;
import backstep.integrity.TableParts.Row;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a MySQL/MariaDB database from information_schema. Every unique index is a unique key there (a UNIQUE
 * constraint and CREATE UNIQUE INDEX are the same thing), and the index InnoDB adds for a foreign key shows up as an
 * index, so a rollback that drops the key but leaves that index behind is caught. MySQL/MariaDB have no NOT VALID
 * constraints and no partial indexes: those fields are always true and null.
 */
final class MySqlCatalog {
  private static final Pattern ON_UPDATE = Pattern.compile("on update (\\S+)");

  private static final String TABLES = """
      SELECT TABLE_NAME, TABLE_COMMENT, TABLE_COLLATION, TABLE_TYPE FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SEQUENCE')""";

  /** One row per partition, or per subpartition; a table that is not partitioned has one row of NULLs. */
  private static final String PARTITIONS = """
      SELECT TABLE_NAME, PARTITION_NAME, SUBPARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION,
        SUBPARTITION_METHOD, SUBPARTITION_EXPRESSION, PARTITION_DESCRIPTION
      FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND PARTITION_NAME IS NOT NULL
      ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION""";

  /** A MariaDB sequence's properties (the table behind it has one row; its current value is left out). */
  private static final String SEQUENCE = """
      SELECT start_value, increment, minimum_value, maximum_value, cache_size, cycle_option FROM %s""";

  /**
   * The columns; a column's collation is kept only where it differs from its table's, which {@link #TABLES} read.
   * Not joined to TABLES here: MariaDB fills the second information_schema table of a join from every database on
   * the server (EXPLAIN: "Scanned all databases"), which made this the costliest query of a scoped read — 8–10 ms
   * of server CPU for one table of 100 against 1–2 ms without the join.
   */
  private static final String COLUMNS = """
      SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION,
        COLUMN_COMMENT, COLLATION_NAME, DATA_TYPE, CHARACTER_SET_NAME
      FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION""";

  /**
   * MariaDB: the row estimates of a fingerprint's data tables, read with the catalog (their columns come with
   * {@link #COLUMNS}), so a data table's checksum needs no query of its own for them ({@link RowHash#sized}).
   */
  private static final String ESTIMATES = """
      SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?""";

  private static final String INDEXES = """
      SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE
      FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX""";

  /**
   * The foreign keys' columns; their rules come from {@link #FOREIGN_KEY_RULES}, matched in Java. Not joined to
   * REFERENTIAL_CONSTRAINTS here: MariaDB filled the joined table from every table of every database on the server
   * (EXPLAIN: "Open_full_table; Scanned all databases", even with its schema and table written out), 8–38 ms of
   * server time a scoped read, growing with the server's databases; each table on its own is looked up by schema.
   */
  private static final String FOREIGN_KEYS = """
      SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,
        REFERENCED_COLUMN_NAME
      FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION""";

  private static final String FOREIGN_KEY_RULES = """
      SELECT TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS
      WHERE CONSTRAINT_SCHEMA = ?""";

  /** MariaDB's CHECK_CONSTRAINTS names the table; MySQL 8's does not, so MySQL joins TABLE_CONSTRAINTS. */
  private static final String MARIADB_CHECKS = """
      SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
      WHERE CONSTRAINT_SCHEMA = ?""";

  private static final String MYSQL_CHECKS = """
      SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
      FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc
        ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
      WHERE tc.TABLE_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK'""";

  /**
   * By the table's schema, which is the trigger's (MySQL/MariaDB keep a trigger in its table's database): MariaDB
   * looks triggers up by EVENT_OBJECT_SCHEMA and EVENT_OBJECT_TABLE, and scanned every database for TRIGGER_SCHEMA.
   */
  private static final String TRIGGERS = """
      SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORIENTATION,
        ACTION_STATEMENT
      FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ?""";

  private static final String VIEWS = """
      SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?""";

  /** Routines and their argument types (MySQL/MariaDB do not overload names, the types make it read alike). */
  private static final String ROUTINES = """
      SELECT r.ROUTINE_NAME, lower(r.ROUTINE_TYPE) AS kind, r.DTD_IDENTIFIER, r.ROUTINE_DEFINITION,
        (SELECT group_concat(concat(if(p.PARAMETER_MODE IS NULL OR p.PARAMETER_MODE = 'IN', '',
                  concat(p.PARAMETER_MODE, ' ')), p.DTD_IDENTIFIER) ORDER BY p.ORDINAL_POSITION SEPARATOR ', ')
         FROM information_schema.PARAMETERS p WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA
           AND p.SPECIFIC_NAME = r.SPECIFIC_NAME AND p.ROUTINE_TYPE = r.ROUTINE_TYPE AND p.ORDINAL_POSITION > 0)
          AS args
      FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = ?""";

  /**
   * MariaDB, a scoped read: six of the queries above return no rows for most scopes (no view, partition, check,
   * foreign key or routine among a step's objects), yet each filled its information_schema table — five of them in
   * an on-disk temporary table, as every information_schema table with a TEXT column is (`Created_tmp_disk_tables`,
   * four files created and removed each). Three cheaper counts of the same scope come first, into the block's
   * variables, and each of those queries runs only when its count is not 0 ({@link #when}); otherwise an empty
   * result set stands in for it. Views and partitioned tables are counted in TABLES (no TEXT column: an in-memory
   * temporary table), checks and foreign keys in TABLE_CONSTRAINTS (likewise; MariaDB lists column and table checks
   * there), routines in {@code mysql.proc} ({@link #GATE_ROUTINES}; where the session may not read it, the routines'
   * query runs).
   */
  private static final String GATE_DECLARATIONS = "DECLARE backstep_views, backstep_partitioned, backstep_checks,"
      + " backstep_foreign_keys, backstep_routines INT DEFAULT 0";

  private static final String GATE_TABLES = """
      SELECT coalesce(sum(TABLE_TYPE = 'VIEW'), 0), coalesce(sum(CREATE_OPTIONS LIKE '%partitioned%'), 0)
      INTO backstep_views, backstep_partitioned FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?""";

  private static final String GATE_CONSTRAINTS = """
      SELECT coalesce(sum(CONSTRAINT_TYPE = 'CHECK'), 0), coalesce(sum(CONSTRAINT_TYPE = 'FOREIGN KEY'), 0)
      INTO backstep_checks, backstep_foreign_keys FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ?""";

  /**
   * The routines are counted where MariaDB keeps them, {@code mysql.proc} (an index lookup, no temporary table),
   * when the session may read it; otherwise (any error) the count is 1 and the routines' query runs, as before.
   */
  private static final String GATE_ROUTINES = """
      SELECT count(*) INTO backstep_routines FROM mysql.proc WHERE db = ?""";

  /** A MariaDB server's version at the start of its version string, after the "5.5.5-" some versions send first. */
  private static final Pattern MARIADB_VERSION = Pattern.compile("(?:5\\.5\\.5-)?(\\d+)\\.(\\d+)");

  private MySqlCatalog() {}

  static SchemaSnapshot read(Connection c, Dialect dialect, String schema) throws SQLException {
    return read(c, dialect, schema, null);
  }

  /**
   * Only the tables, views and routines named in {@code only} (all when null), and their parts. On MariaDB the ten
   * catalog queries go as one compound statement, one round trip ({@link Queries}); on MySQL one after the other.
   */
  static SchemaSnapshot read(Connection c, Dialect dialect, String schema, java.util.Set<String> only)
      throws SQLException {
    return read(c, dialect, schema, only, java.util.Set.of(), null);
  }

  /**
   * As {@link #read(Connection, Dialect, String, java.util.Set)}; on MariaDB also, for each table of {@code data} the
   * read finds (in {@code only}), what its checksum needs ({@link RowHash#sized}), read with the catalog, into
   * {@code sized}: its row estimate in the same compound statement, its columns from the columns' query.
   */
  static SchemaSnapshot read(Connection c, Dialect dialect, String schema, java.util.Set<String> only,
      java.util.Set<String> data, Map<String, RowHash.Sized> sized) throws SQLException {
    java.util.Set<String> dataRead = sized == null || dialect != Dialect.MARIADB ? java.util.Set.of()
        : data.stream().filter(t -> only == null || only.contains(t)).collect(Collectors.toSet());
    Map<String, List<RowHash.Col>> dataColumns = new LinkedHashMap<>();
    Map<String, Long> estimates = new LinkedHashMap<>();
    Map<String, String> comments = new LinkedHashMap<>();
    Map<String, String> collations = new LinkedHashMap<>();
    List<String> sequenceNames = new ArrayList<>();
    Map<String, TableParts> tables = new LinkedHashMap<>();
    boolean gated = only != null && dialect == Dialect.MARIADB && gatesKnown(c);
    Queries q = new Queries();
    if (gated) {
      q.declare(GATE_DECLARATIONS);
      q.silent(Sql.restrict(GATE_TABLES, "TABLE_NAME", only));
      q.silent(Sql.restrict(GATE_CONSTRAINTS, "TABLE_NAME", only));
      q.silent("BEGIN DECLARE CONTINUE HANDLER FOR SQLEXCEPTION SET backstep_routines = 1;\n"
          + Sql.restrict(GATE_ROUTINES, "name", only) + ";\nEND");
    }
    q.forEach(Sql.restrict(TABLES, "TABLE_NAME", only), rs -> {
      if (rs.getString(4).equals("SEQUENCE")) {
        sequenceNames.add(rs.getString(1));
      } else if (!Scope.isBackstepTable(rs.getString(1))) {
        comments.put(rs.getString(1), blankToNull(rs.getString(2)));
        collations.put(rs.getString(1), rs.getString(3));
      }
    });
    List<PartitionRow> partitions = q.add(when(gated, "backstep_partitioned",
        Sql.restrict(PARTITIONS, "TABLE_NAME", only)), MySqlCatalog::partitionRow);
    List<Row<Column>> columns = q.add(Sql.restrict(COLUMNS, "TABLE_NAME", only), rs -> {
      String table = rs.getString("TABLE_NAME");
      if (dataRead.contains(table)) { // as RowHash.sized reads them
        dataColumns.computeIfAbsent(table, k -> new ArrayList<>()).add(new RowHash.Col(rs.getString("COLUMN_NAME"),
            rs.getString("DATA_TYPE").toLowerCase(Locale.ROOT), 0, "NO".equalsIgnoreCase(rs.getString("IS_NULLABLE")),
            rs.getString("CHARACTER_SET_NAME")));
      }
      return new Row<>(table, column(rs, collations.get(table))); // TABLES's rows came first
    });
    if (!dataRead.isEmpty()) {
      q.forEach(Sql.restrict(ESTIMATES, "TABLE_NAME", dataRead), rs -> estimates.put(rs.getString(1),
          rs.getLong(2))); // NULL (no estimate) reads as 0, as RowHash.sized reads it
    }
    List<IndexColumn> indexes = q.add(Sql.restrict(INDEXES, "TABLE_NAME", only), MySqlCatalog::indexColumn);
    List<KeyColumn> keys = q.add(when(gated, "backstep_foreign_keys", Sql.restrict(FOREIGN_KEYS, "TABLE_NAME",
        only)), rs -> keyColumn(rs, schema));
    Map<List<String>, List<String>> rules = new LinkedHashMap<>();
    q.forEach(when(gated, "backstep_foreign_keys", Sql.restrict(FOREIGN_KEY_RULES, "TABLE_NAME", only)),
        rs -> rules.put(List.of(rs.getString(1), rs.getString(2)), List.of(rs.getString(3), rs.getString(4))));
    List<Row<Check>> checks = q.add(dialect == Dialect.MARIADB
        ? when(gated, "backstep_checks", Sql.restrict(MARIADB_CHECKS, "TABLE_NAME", only))
        : Sql.restrict(MYSQL_CHECKS, "tc.TABLE_NAME", only),
        rs -> new Row<>(rs.getString(1), new Check(rs.getString(2), Sql.squash(rs.getString(3)), true)));
    List<Trigger> triggers = q.add(Sql.restrict(TRIGGERS, "EVENT_OBJECT_TABLE", only), MySqlCatalog::trigger);
    List<View> views = q.add(when(gated, "backstep_views", Sql.restrict(VIEWS, "TABLE_NAME", only)),
        rs -> new View(rs.getString(1), withoutSchema(Sql.squash(rs.getString(2)), schema), false));
    List<Routine> routines = q.add(when(gated, "backstep_routines", Sql.restrict(ROUTINES, "r.ROUTINE_NAME", only)),
        rs -> new Routine(
        rs.getString("ROUTINE_NAME") + "(" + (rs.getString("args") == null ? "" : rs.getString("args")) + ")",
        rs.getString("kind"), rs.getString("DTD_IDENTIFIER"), "SQL",
        withoutSchema(Sql.squash(rs.getString("ROUTINE_DEFINITION")), schema)));
    q.run(c, dialect, schema);
    tables.putAll(TableParts.of(List.copyOf(comments.keySet())));
    tables.forEach((name, t) -> {
      t.comment = comments.get(name);
      t.collation = collations.get(name);
    });
    partitions(partitions, tables);
    for (Row<Column> col : columns) {
      TableParts.with(tables, col.table(), t -> t.columns.add(col.value()));
    }
    indexes(indexes, tables);
    foreignKeys(keys, rules, tables);
    for (Row<Check> check : checks) {
      TableParts.with(tables, check.table(), t -> t.checks.add(check.value()));
    }
    dataColumns.forEach((table, cols) -> {
      if (estimates.containsKey(table) && tables.containsKey(table)) {
        cols.sort(java.util.Comparator.comparing(RowHash.Col::name));
        sized.put(table, new RowHash.Sized(estimates.get(table), List.copyOf(cols)));
      }
    });
    return new SchemaSnapshot(dialect, TableParts.freezeAll(tables), views,
        triggers.stream().filter(t -> !Scope.isBackstepTable(t.table())).toList(), List.of(), routines,
        sequences(c, schema, sequenceNames), SchemaSnapshot.FORMAT);
  }

  /**
   * The catalog queries of one read, each with one parameter (the schema) and what reads its rows, in order. On
   * MariaDB they go as one compound statement ({@code BEGIN NOT ATOMIC SELECT …; SELECT …; END}, one round trip
   * with a result set per query; a compound statement needs no multi-statement option and is not prepared on the
   * server); on MySQL, which has none outside stored programs, one query after the other.
   */
  private static final class Queries {
    private final List<String> declarations = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Sql.RowConsumer> readers = new ArrayList<>();

    /** MariaDB: a declaration at the head of the block (no parameter). */
    void declare(String sql) {
      declarations.add(sql);
    }

    /** MariaDB: a statement with the schema as its parameter that returns no rows ({@code SELECT … INTO}). */
    void silent(String sql) {
      texts.add(sql);
    }

    void forEach(String sql, Sql.RowConsumer rows) {
      texts.add(sql);
      readers.add(rows);
    }

    /** Adds a query; the list it returns is filled by {@link #run}. */
    <T> List<T> add(String sql, Sql.RowMapper<T> mapper) {
      List<T> out = new ArrayList<>();
      forEach(sql, rs -> out.add(mapper.map(rs)));
      return out;
    }

    void run(Connection c, Dialect dialect, String schema) throws SQLException {
      if (dialect != Dialect.MARIADB) {
        for (int i = 0; i < texts.size(); i++) {
          Sql.forEach(c, texts.get(i), List.of(schema), readers.get(i));
        }
        return;
      }
      Sql.block(c, declarations, texts, schema, readers);
    }
  }

  /**
   * {@code query} when {@code gated} is false; else a statement of the block that runs it only when the block's
   * variable {@code count} is not 0, and otherwise returns an empty result set in its place ({@link #GATE_TABLES}).
   */
  private static String when(boolean gated, String count, String query) {
    return gated ? "IF " + count + " > 0 THEN\n" + query + ";\nELSE SELECT NULL FROM DUAL WHERE 0;\nEND IF" : query;
  }

  /**
   * Whether the server lists what the gates count where they look ({@link #GATE_TABLES}): MariaDB 10.5 and later,
   * the versions this was measured on (10.11); others read every query, as before. Read from the version the server
   * sent when the connection opened (no round trip).
   */
  private static boolean gatesKnown(Connection c) throws SQLException {
    Matcher m = MARIADB_VERSION.matcher(c.getMetaData().getDatabaseProductVersion());
    if (!m.lookingAt()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    return major > 10 || major == 10 && Integer.parseInt(m.group(2)) >= 5;
  }

  /** MariaDB 10.3+ sequences: one read of each (information_schema has no view of their properties before 11.5). */
  private static List<Sequence> sequences(Connection c, String schema, List<String> names) throws SQLException {
    List<Sequence> out = new ArrayList<>();
    for (String name : names) {
      String sql = String.format(java.util.Locale.ROOT, SEQUENCE, Sql.qualified(Dialect.MARIADB, schema, name));
      out.addAll(Sql.query(c, sql, List.of(),
          rs -> new Sequence(name, "bigint", rs.getLong("start_value"), rs.getLong("increment"),
              rs.getLong("minimum_value"), rs.getLong("maximum_value"), rs.getLong("cache_size"),
              rs.getBoolean("cycle_option"), null, null)));
    }
    return out;
  }

  /** One row of PARTITIONS: one partition, or one subpartition of it. */
  private record PartitionRow(String table, String partition, String subpartition, String method, String key,
      String subMethod, String subKey, String description) {}

  /**
   * Partitioned tables: method and expression (and subpartitioning) from their first row, then one partition per
   * PARTITION_NAME in the server's order, with its bound ({@code VALUES LESS THAN (…)}, {@code VALUES IN (…)}; none
   * for HASH and KEY) and its subpartitions' names.
   */
  private static PartitionRow partitionRow(ResultSet rs) throws SQLException {
    return new PartitionRow(rs.getString("TABLE_NAME"),
        rs.getString("PARTITION_NAME"), rs.getString("SUBPARTITION_NAME"), rs.getString("PARTITION_METHOD"),
        rs.getString("PARTITION_EXPRESSION"), rs.getString("SUBPARTITION_METHOD"),
        rs.getString("SUBPARTITION_EXPRESSION"), rs.getString("PARTITION_DESCRIPTION"));
  }

  private static void partitions(List<PartitionRow> rows, Map<String, TableParts> tables) {
    Map<String, List<PartitionRow>> byTable = rows.stream().collect(
        Collectors.groupingBy(PartitionRow::table, LinkedHashMap::new, Collectors.toList()));
    byTable.forEach((table, tableRows) -> TableParts.with(tables, table, t -> {
      PartitionRow first = tableRows.get(0);
      List<Partition> parts = tableRows.stream()
          .collect(Collectors.groupingBy(PartitionRow::partition, LinkedHashMap::new, Collectors.toList()))
          .values().stream().map(subs -> new Partition(subs.get(0).partition(),
              bound(first.method(), subs.get(0).description()),
              subs.stream().map(PartitionRow::subpartition).filter(Objects::nonNull).toList()))
          .toList();
      t.partitioning = new Partitioning(first.method(), first.key(), first.subMethod(), first.subKey(), parts);
    }));
  }

  private static String bound(String method, String description) {
    if (description == null || method == null) {
      return null;
    }
    if (method.startsWith("RANGE")) {
      return "VALUES LESS THAN (" + description + ")";
    }
    return method.startsWith("LIST") ? "VALUES IN (" + description + ")" : description;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** A column; its collation only when it differs from {@code tableCollation} (as {@code <>} in SQL: none if null). */
  private static Column column(ResultSet rs, String tableCollation) throws SQLException {
    String extra = rs.getString("EXTRA").toLowerCase(Locale.ROOT);
    String defaultExpr = rs.getString("COLUMN_DEFAULT");
    if ("NULL".equals(defaultExpr)) { // MariaDB prints a missing default of a nullable column as NULL
      defaultExpr = null;
    }
    String generation = rs.getString("GENERATION_EXPRESSION");
    if (generation != null && !generation.isEmpty() && extra.contains("generated")) {
      defaultExpr = "generated always as (" + generation + ")" + (extra.contains("stored") ? " stored" : " virtual");
    }
    Matcher onUpdate = ON_UPDATE.matcher(extra);
    if (onUpdate.find()) {
      defaultExpr = (defaultExpr == null ? "" : defaultExpr + " ") + "on update " + onUpdate.group(1);
    }
    String collation = rs.getString("COLLATION_NAME");
    boolean own = collation != null && tableCollation != null && !collation.equalsIgnoreCase(tableCollation);
    return new Column(rs.getString("COLUMN_NAME"), TypeNames.mysql(rs.getString("COLUMN_TYPE")),
        "YES".equals(rs.getString("IS_NULLABLE")), defaultExpr,
        extra.contains("auto_increment") ? "auto_increment" : null, own ? collation : null,
        blankToNull(rs.getString("COLUMN_COMMENT")));
  }

  /** One row of STATISTICS: one column of one index. */
  private record IndexColumn(String table, String index, boolean unique, String method, String column) {}

  /** One row of KEY_COLUMN_USAGE: one column of one foreign key. */
  private record KeyColumn(String table, String name, String column, String refTable, String refColumn) {}

  /** PRIMARY is the primary key, other unique indexes are unique keys, the rest are indexes. */
  private static IndexColumn indexColumn(ResultSet rs) throws SQLException {
    String column = rs.getString("COLUMN_NAME");
    long prefix = rs.getLong("SUB_PART");
    String prefixText = rs.wasNull() ? "" : "(" + prefix + ")";
    return new IndexColumn(rs.getString("TABLE_NAME"), rs.getString("INDEX_NAME"), rs.getInt("NON_UNIQUE") == 0,
        rs.getString("INDEX_TYPE").toLowerCase(Locale.ROOT), (column == null ? "(expression)" : column) + prefixText);
  }

  private static void indexes(List<IndexColumn> rows, Map<String, TableParts> tables) {
    Map<List<String>, List<IndexColumn>> byIndex = rows.stream().collect(
        Collectors.groupingBy(r -> List.of(r.table(), r.index()), LinkedHashMap::new, Collectors.toList()));
    byIndex.forEach((key, cols) -> TableParts.with(tables, key.get(0), t -> {
      IndexColumn first = cols.get(0);
      List<String> names = cols.stream().map(IndexColumn::column).toList();
      if (first.index().equals("PRIMARY")) {
        t.primaryKey = new PrimaryKey(first.index(), names);
      } else if (first.unique()) {
        t.uniqueKeys.add(new UniqueKey(first.index(), names));
      } else {
        t.indexes.add(new Index(first.index(), names, false, first.method(), null, true));
      }
    }));
  }

  private static KeyColumn keyColumn(ResultSet rs, String schema) throws SQLException {
    String refSchema = rs.getString("REFERENCED_TABLE_SCHEMA");
    String refTable = rs.getString("REFERENCED_TABLE_NAME");
    return new KeyColumn(rs.getString("TABLE_NAME"), rs.getString("CONSTRAINT_NAME"), rs.getString("COLUMN_NAME"),
        schema.equals(refSchema) ? refTable : refSchema + "." + refTable, rs.getString("REFERENCED_COLUMN_NAME"));
  }

  /**
   * The keys, each with its rules (by table and constraint name); a key without a REFERENTIAL_CONSTRAINTS row is
   * left out, as the inner join that read them together left it out.
   */
  private static void foreignKeys(List<KeyColumn> rows, Map<List<String>, List<String>> rules,
      Map<String, TableParts> tables) {
    Map<List<String>, List<KeyColumn>> byKey = rows.stream().collect(
        Collectors.groupingBy(r -> List.of(r.table(), r.name()), LinkedHashMap::new, Collectors.toList()));
    byKey.forEach((key, cols) -> {
      List<String> rule = rules.get(key);
      if (rule == null) {
        return;
      }
      TableParts.with(tables, key.get(0), t -> t.foreignKeys.add(new ForeignKey(key.get(1),
          cols.stream().map(KeyColumn::column).toList(), cols.get(0).refTable(),
          cols.stream().map(KeyColumn::refColumn).toList(), rule.get(0), rule.get(1), true)));
    });
  }

  private static Trigger trigger(ResultSet rs) throws SQLException {
    return new Trigger(rs.getString("TRIGGER_NAME"), rs.getString("EVENT_OBJECT_TABLE"),
        rs.getString("ACTION_TIMING"), List.of(rs.getString("EVENT_MANIPULATION")),
        rs.getString("ACTION_ORIENTATION"), Sql.squash(rs.getString("ACTION_STATEMENT")), true);
  }

  /** MySQL qualifies every name in a view's definition with the database: drop it so copies compare equal. */
  private static String withoutSchema(String definition, String schema) {
    return definition == null ? null : definition.replace("`" + schema.replace("`", "``") + "`.", "");
  }
}
