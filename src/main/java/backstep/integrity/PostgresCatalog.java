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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a PostgreSQL schema from pg_catalog, which (unlike information_schema) exposes partial index predicates,
 * index validity, NOT VALID constraints and disabled triggers. Internal triggers (those enforcing foreign keys) and
 * the sequences behind identity columns are left out as sequences: they are part of the constraint or column already
 * (an identity column carries its sequence's declared options).
 *
 * <p>Every statement takes the schema ({@code $1}) and the names it is limited to ({@code $2}, a text array; null
 * for every object of the schema), so a whole-schema read and the scoped read around each step of a run are the
 * same statements, planned once per session ({@link Sql#prepared}) instead of once for each kind of read. Comments
 * are joined from {@code pg_description} rather than read through {@code obj_description}/{@code col_description}
 * (SQL functions the server plans again on every execution), and an index's plain columns are quoted names
 * ({@code quote_ident}, what {@code pg_get_indexdef} prints for them); only expression columns go through
 * {@code pg_get_indexdef}. What they return is unchanged. The statements are package-private for the benchmark's
 * lower bound of a scoped read ({@code ReadFloor}, test tree), which also measures them as one {@code UNION ALL}:
 * one statement a read is cheaper to run, but planning it once per session cost more than a 20-step run saved
 * (docs/performance.md, session 14).
 */
final class PostgresCatalog {
  static final String TABLES = named("""
      SELECT c.relname::text AS name, ds.description AS comment,
        CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key, c.reltuples::bigint AS estimate
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname = ANY(${relations})""");

  /** The partitions of the schema's partitioned tables, with their bounds. */
  private static final String PARTITIONS = """
      SELECT p.relname::text AS table_name,
        CASE WHEN cn.nspname = n.nspname THEN c.relname::text ELSE cn.nspname || '.' || c.relname END AS name,
        pg_get_expr(c.relpartbound, c.oid) AS bound
      FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
      JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
      WHERE n.nspname = ? AND p.relkind = 'p' AND c.relispartition""";

  /**
   * A column's default, comment and collation name are scalar subqueries (each a unique-index look-up, as the
   * left joins they replace were), and the identity sequence's row is found by a subquery in its join condition:
   * the statement joins five catalogs instead of nine, and planning it (once per session, so once per
   * {@code apply}) was the largest single item of a run's catalog work (pg_stat_statements, docs/performance.md).
   */
  static final String COLUMNS = named("""
      SELECT c.relname::text AS table_name, a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
        a.attnotnull,
        (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d WHERE d.adrelid = a.attrelid
           AND d.adnum = a.attnum) AS default_expr,
        a.attidentity::text AS identity, a.attgenerated::text AS generated,
        (SELECT ds.description FROM pg_description ds WHERE ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
           AND ds.objsubid = a.attnum) AS comment,
        CASE WHEN a.attcollation <> t.typcollation
          THEN (SELECT co.collname::text FROM pg_collation co WHERE co.oid = a.attcollation) END AS collation,
        format_type(s.seqtypid, NULL) AS seq_type, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
        s.seqcycle, CASE WHEN t.typnamespace = 'pg_catalog'::regnamespace THEN t.typname::text ELSE '' END
          AS hash_type, a.atttypmod
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_sequence s ON a.attidentity <> '' AND s.seqrelid = (SELECT dep.objid FROM pg_depend dep
        WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
          AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i')
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relname = ANY(${relations})
      ORDER BY c.relname, a.attnum""");

  static final String CONSTRAINTS = named("""
      SELECT c.relname::text AS table_name, k.conname::text AS name, k.contype::text AS type, k.convalidated,
        ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(num, pos)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.pos) AS cols,
        CASE WHEN fn.nspname = n.nspname THEN fc.relname::text ELSE fn.nspname || '.' || fc.relname END AS ref_table,
        ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(num, pos)
              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.pos) AS ref_cols,
        k.confdeltype::text AS on_delete, k.confupdtype::text AS on_update,
        pg_get_expr(k.conbin, k.conrelid) AS check_expr
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_class fc ON fc.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND k.contype IN ('p', 'u', 'f', 'c')
        AND c.relname = ANY(${relations})""");

  static final String INDEXES = named("""
      SELECT t.relname::text AS table_name, i.relname::text AS name, x.indisunique, x.indisvalid,
        am.amname::text AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate,
        ARRAY(SELECT COALESCE(quote_ident(a.attname), pg_get_indexdef(x.indexrelid, k, true))
              FROM generate_series(1, x.indnkeyatts) k LEFT JOIN pg_attribute a ON x.indkey[k - 1] <> 0
                AND a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1] ORDER BY k) AS cols
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = $1 AND t.relkind IN ('r', 'p') AND t.relname = ANY(${relations})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid
                        AND k.contype IN ('p', 'u', 'x'))""");

  static final String TRIGGERS = named("""
      SELECT c.relname::text AS table_name, t.tgname::text AS name, t.tgtype::int AS type,
        t.tgenabled::text AS enabled, t.tgfoid::regproc::text AS action
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT t.tgisinternal AND c.relname = ANY(${relations})""");

  static final String VIEWS = named("""
      SELECT c.relname::text AS name, c.relkind = 'm' AS materialized, pg_get_viewdef(c.oid, true) AS definition
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('v', 'm') AND c.relname = ANY(${relations})""");

  /** Sequences with their properties and owning column; not those behind identity columns (part of the column). */
  static final String SEQUENCES = named("""
      SELECT c.relname::text AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart, s.seqincrement, s.seqmin,
        s.seqmax, s.seqcache, s.seqcycle, ds.description AS comment,
        (SELECT t.relname || '.' || a.attname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
           JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
           AND d.deptype = 'a' AND d.refobjsubid > 0 LIMIT 1) AS owned_by
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
      LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
      WHERE n.nspname = $1 AND c.relkind = 'S' AND c.relname = ANY(${relations})
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.deptype = 'i')""");

  /** Functions and procedures (trigger functions included), not those an extension created. */
  static final String ROUTINES = named("""
      SELECT p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature,
        CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
        CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS returns, l.lanname::text AS language,
        CASE WHEN p.prosrc <> '' THEN p.prosrc ELSE pg_get_functiondef(p.oid) END AS body
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
      WHERE n.nspname = $1 AND p.prokind IN ('f', 'p') AND p.proname = ANY(${routines})
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                        AND d.deptype = 'e')""");

  private PostgresCatalog() {}

  /**
   * The names condition of every statement: {@code $2}, or when it is null every relation (or routine) name of the
   * schema, read by the statement itself. Either way the server finds the rows through the catalog's name index
   * ({@code $2 IS NULL OR …} would not: every scoped read would then scan {@code pg_class}).
   */
  private static String named(String sql) {
    return sql.replace("${relations}", "COALESCE($2, ARRAY(SELECT x.relname::text FROM pg_class x"
        + " JOIN pg_namespace y ON y.oid = x.relnamespace WHERE y.nspname = $1 AND x.relkind IN ('r', 'p', 'v', 'm',"
        + " 'S')))").replace("${routines}", "COALESCE($2, ARRAY(SELECT x.proname::text FROM pg_proc x"
        + " JOIN pg_namespace y ON y.oid = x.pronamespace WHERE y.nspname = $1))");
  }

  static SchemaSnapshot read(Connection c, String schema) throws SQLException {
    return read(c, schema, null);
  }

  /** Only the tables, views, sequences and routines named in {@code only} (all when null), and their parts. */
  static SchemaSnapshot read(Connection c, String schema, java.util.Set<String> only) throws SQLException {
    return read(c, schema, only, Set.of(), new HashMap<>());
  }

  /**
   * As {@link #read(Connection, String, java.util.Set)}; and for each table of {@code data} that it finds, what a
   * checksum needs ({@link RowHash#sized}: the row estimate and the columns), from the same rows in the same round
   * trip, into {@code sized} (a fingerprint read one more round trip a table for them).
   */
  static SchemaSnapshot read(Connection c, String schema, java.util.Set<String> only, Set<String> data,
      Map<String, RowHash.Sized> sized) throws SQLException {
    return read(c, schema, only, data, sized, List.of());
  }

  /** As above, with {@code after} sent in the catalog's round trip ({@link Sql#prepared}: a run's checksums). */
  static SchemaSnapshot read(Connection c, String schema, java.util.Set<String> only, Set<String> data,
      Map<String, RowHash.Sized> sized, List<Sql.Part> after) throws SQLException {
    if (Scope.isBackstepSchema(schema)) {
      return new SchemaSnapshot(Dialect.POSTGRES, List.of(), List.of(), List.of(), List.of(), List.of());
    }
    // Every query in one round trip (a run reads a scoped snapshot around each of its steps), the same statements
    // for a whole and a scoped read: each result set read in order.
    List<Object> p = List.of(schema);
    Map<String, TableParts> tables = new LinkedHashMap<>();
    Map<String, String> partitionKeys = new HashMap<>();
    List<Trigger> triggers = new ArrayList<>();
    List<View> views = new ArrayList<>();
    List<Sequence> sequences = new ArrayList<>();
    List<Routine> routines = new ArrayList<>();
    Map<String, Long> estimates = new HashMap<>();
    Map<String, List<RowHash.Col>> hashColumns = new HashMap<>();
    List<Sql.Part> parts = List.of(
        new Sql.Part(TABLES, rs -> {
          TableParts t = new TableParts(rs.getString("name"));
          t.comment = rs.getString("comment");
          tables.put(t.name, t);
          partitionKeys.put(t.name, rs.getString("partition_key"));
          if (data.contains(t.name)) {
            estimates.put(t.name, rs.getLong("estimate"));
          }
        }),
        new Sql.Part(COLUMNS, rs -> {
          Row<Column> col = column(rs);
          TableParts.with(tables, col.table(), t -> t.columns.add(col.value()));
          if (data.contains(col.table())) {
            hashColumns.computeIfAbsent(col.table(), k -> new ArrayList<>()).add(new RowHash.Col(
                col.value().name(), rs.getString("hash_type"), rs.getInt("atttypmod"), rs.getBoolean("attnotnull"),
                null));
          }
        }),
        new Sql.Part(CONSTRAINTS, rs -> {
          TableParts t = tables.get(rs.getString("table_name"));
          if (t != null) {
            constraint(rs, t);
          }
        }),
        new Sql.Part(INDEXES, rs -> {
          Row<Index> ix = index(rs);
          TableParts.with(tables, ix.table(), t -> t.indexes.add(ix.value()));
        }),
        new Sql.Part(TRIGGERS, rs -> triggers.add(trigger(rs))),
        new Sql.Part(VIEWS, rs -> views.add(new View(rs.getString("name"),
            Sql.squash(rs.getString("definition")), rs.getBoolean("materialized")))),
        new Sql.Part(SEQUENCES, rs -> sequences.add(new Sequence(
            rs.getString("name"), TypeNames.postgres(rs.getString("type")), rs.getLong("seqstart"),
            rs.getLong("seqincrement"), rs.getLong("seqmin"), rs.getLong("seqmax"), rs.getLong("seqcache"),
            rs.getBoolean("seqcycle"), rs.getString("owned_by"), rs.getString("comment")))),
        new Sql.Part(ROUTINES, rs -> routines.add(new Routine(
            rs.getString("signature"), rs.getString("kind"), rs.getString("returns"), rs.getString("language"),
            Sql.squash(rs.getString("body"))))));
    Sql.prepared(c, parts, schema, only, after);
    estimates.forEach((table, estimate) -> {
      List<RowHash.Col> cols = new ArrayList<>(hashColumns.getOrDefault(table, List.of()));
      cols.sort(Comparator.comparing(RowHash.Col::name)); // by name, as RowHash.columns orders them
      sized.put(table, new RowHash.Sized(estimate, cols));
    });
    partitioning(c, p, tables, partitionKeys);
    return new SchemaSnapshot(Dialect.POSTGRES, TableParts.freezeAll(tables), views, triggers, List.of(), routines,
        sequences, SchemaSnapshot.FORMAT);
  }

  /**
   * Each partitioned table's method and key ({@code pg_get_partkeydef}: {@code RANGE (created_at)}) and its
   * partitions by name, with their bounds.
   */
  private static void partitioning(Connection c, List<Object> p, Map<String, TableParts> tables,
      Map<String, String> keys) throws SQLException {
    if (keys.values().stream().allMatch(Objects::isNull)) {
      return; // no partitioned table: spare the query
    }
    Map<String, List<Partition>> partitions = new HashMap<>();
    Sql.forEach(c, PARTITIONS, p, rs -> partitions.computeIfAbsent(rs.getString("table_name"), k -> new ArrayList<>())
        .add(new Partition(rs.getString("name"), rs.getString("bound"), List.of())));
    keys.forEach((table, def) -> {
      if (def != null) {
        int open = def.indexOf(" (");
        String method = open < 0 ? def : def.substring(0, open);
        String key = open < 0 ? null : def.substring(open + 2, def.length() - 1);
        List<Partition> parts = partitions.getOrDefault(table, List.of()).stream()
            .sorted(Comparator.comparing(Partition::name)).toList();
        TableParts.with(tables, table, t -> t.partitioning = new Partitioning(method, key, null, null, parts));
      }
    });
  }

  private static Row<Column> column(ResultSet rs) throws SQLException {
    String defaultExpr = rs.getString("default_expr");
    if ("s".equals(rs.getString("generated"))) {
      defaultExpr = "generated always as (" + defaultExpr + ") stored";
    }
    String identity = switch (rs.getString("identity")) {
      case "a" -> "always";
      case "d" -> "by default";
      default -> null;
    };
    // the identity's sequence by its declared options only: its name is generated, and its current value is state
    Sequence options = identity == null || rs.getString("seq_type") == null ? null : new Sequence(null,
        TypeNames.postgres(rs.getString("seq_type")), rs.getLong("seqstart"), rs.getLong("seqincrement"),
        rs.getLong("seqmin"), rs.getLong("seqmax"), rs.getLong("seqcache"), rs.getBoolean("seqcycle"), null, null);
    return new Row<>(rs.getString("table_name"), new Column(rs.getString("name"),
        TypeNames.postgres(rs.getString("type")), !rs.getBoolean("attnotnull"), defaultExpr, identity,
        rs.getString("collation"), rs.getString("comment"), options));
  }

  private static void constraint(ResultSet rs, TableParts t) throws SQLException {
    String name = rs.getString("name");
    List<String> cols = Sql.strings(rs, "cols");
    switch (rs.getString("type")) {
      case "p" -> t.primaryKey = new PrimaryKey(name, cols);
      case "u" -> t.uniqueKeys.add(new UniqueKey(name, cols));
      case "f" -> t.foreignKeys.add(new ForeignKey(name, cols, rs.getString("ref_table"),
          Sql.strings(rs, "ref_cols"), rule(rs.getString("on_delete")), rule(rs.getString("on_update")),
          rs.getBoolean("convalidated")));
      default -> t.checks.add(new Check(name, Sql.squash(rs.getString("check_expr")),
          rs.getBoolean("convalidated")));
    }
  }

  private static String rule(String code) {
    return switch (code) {
      case "r" -> "RESTRICT";
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      default -> "NO ACTION";
    };
  }

  private static Row<Index> index(ResultSet rs) throws SQLException {
    return new Row<>(rs.getString("table_name"), new Index(rs.getString("name"), Sql.strings(rs, "cols"),
        rs.getBoolean("indisunique"), rs.getString("method"), Sql.squash(rs.getString("predicate")),
        rs.getBoolean("indisvalid")));
  }

  /** Decodes {@code pg_trigger.tgtype}: bit 0 row, 1 before, 2 insert, 3 delete, 4 update, 5 truncate, 6 instead. */
  private static Trigger trigger(ResultSet rs) throws SQLException {
    int type = rs.getInt("type");
    String timing = (type & 2) != 0 ? "BEFORE" : (type & 64) != 0 ? "INSTEAD OF" : "AFTER";
    List<String> events = new ArrayList<>();
    if ((type & 4) != 0) {
      events.add("INSERT");
    }
    if ((type & 8) != 0) {
      events.add("DELETE");
    }
    if ((type & 16) != 0) {
      events.add("UPDATE");
    }
    if ((type & 32) != 0) {
      events.add("TRUNCATE");
    }
    return new Trigger(rs.getString("name"), rs.getString("table_name"), timing, events,
        (type & 1) != 0 ? "ROW" : "STATEMENT", rs.getString("action"), !"D".equals(rs.getString("enabled")));
  }
}
