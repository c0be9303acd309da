package backstep.integrity;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.integrity.SchemaSnapshot.Column;
import backstep.integrity.SchemaSnapshot.ForeignKey;
import backstep.integrity.SchemaSnapshot.Index;
import backstep.integrity.SchemaSnapshot.Sequence;
import backstep.integrity.SchemaSnapshot.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies a schema's shape — and optionally the first rows of each table — from one database into another of the same
 * dialect family, for rehearsals on a copy of staging. The DDL is written from the source's {@link SchemaSnapshot} (no
 * pg_dump or mysqldump needed): sequences (with their increment, bounds, start, cache and cycle), tables with their
 * columns (type, collation, nullability, default, identity, comments), primary and unique keys, check constraints,
 * indexes, foreign keys and views, in the target's current schema. Rows are the first N of each table; sampled child
 * rows whose parent was not sampled are then deleted (repeatedly, for grandchildren), so the foreign keys, added last,
 * hold; sequences and identities are moved past the copied keys. Not copied: triggers, functions and procedures,
 * user-defined types (a column of one fails with the server's error), privileges, partitioning (a PostgreSQL
 * partitioned table and its partitions are copied as plain tables) and table default collations.
 */
public final class SchemaCopy {
  /** What was copied: tables, rows and notes on what was skipped. */
  public record Result(int tables, long rows, List<String> notes) {}

  private final Database source;
  private final String schema;
  private final Masking masking;

  /** Copies from {@code schema} of {@code source} (null: its current schema). */
  public SchemaCopy(Database source, String schema) {
    this(source, schema, null);
  }

  private SchemaCopy(Database source, String schema, Masking masking) {
    this.source = source;
    this.schema = schema == null ? source.schema() : schema;
    this.masking = masking;
  }

  /** The source schema's snapshot (to plan masking against). */
  public SchemaSnapshot snapshot() throws SQLException {
    try (Connection c = source.connection()) {
      return SchemaSnapshot.take(c, source.dialect(), schema);
    }
  }

  /** This copy with every copied row passed through {@code m}. */
  public SchemaCopy masked(Masking m) {
    return new SchemaCopy(source, schema, m);
  }

  /** The masking applied to copied rows, if any. */
  public java.util.Optional<Masking> masking() {
    return java.util.Optional.ofNullable(masking);
  }

  /** Creates the copy in {@code into}'s current schema, with at most {@code rows} rows per table (0: none). */
  public Result into(Database into, long rows) throws SQLException {
    if (into.dialect().family() != source.dialect().family()) {
      throw new IllegalArgumentException("cannot copy a " + source.dialect().displayName() + " schema into "
          + into.dialect().displayName() + ": the seed source must be of the same database family");
    }
    SchemaSnapshot s = snapshot();
    Dialect d = into.dialect();
    List<String> notes = new ArrayList<>();
    long copied = 0;
    try (Connection to = into.connection(); Statement st = to.createStatement()) {
      Map<String, Sequence> details = new HashMap<>();
      s.sequenceDetails().forEach(q -> details.put(q.name(), q));
      for (String seq : s.sequences()) {
        st.execute(createSequence(d, seq, details.get(seq)));
      }
      for (Table t : s.tables()) {
        st.execute(createTable(d, t));
      }
      if (rows > 0) {
        try (Connection from = source.connection()) {
          for (Table t : s.tables()) {
            copied += copyRows(from, to, d, t, rows);
          }
        }
        copied -= dropOrphans(to, d, s, notes);
        if (d == Dialect.POSTGRES) {
          resetSequences(to, s);
        }
      }
      for (Table t : s.tables()) {
        for (Index ix : t.indexes()) {
          index(d, t, ix).ifPresentOrElse(sql -> execute(st, sql), () -> notes.add("index " + ix.name()
              + " on an expression not copied"));
        }
      }
      if (d != Dialect.POSTGRES) {
        st.execute("SET foreign_key_checks = 0");
      }
      for (Table t : s.tables()) {
        for (ForeignKey fk : t.foreignKeys()) {
          if (fk.refTable().contains(".")) {
            notes.add("foreign key " + fk.name() + " references another schema: not copied");
            continue;
          }
          st.execute("ALTER TABLE " + Sql.ident(d, t.name()) + " ADD CONSTRAINT " + Sql.ident(d, fk.name())
              + " FOREIGN KEY (" + Sql.idents(d, fk.columns()) + ") REFERENCES " + Sql.ident(d, fk.refTable())
              + " (" + Sql.idents(d, fk.refColumns()) + ") ON DELETE " + fk.onDelete() + " ON UPDATE "
              + fk.onUpdate() + (d == Dialect.POSTGRES && !fk.validated() ? " NOT VALID" : ""));
        }
      }
      if (d != Dialect.POSTGRES) {
        st.execute("SET foreign_key_checks = 1");
      }
      if (d == Dialect.POSTGRES) {
        comments(st, s);
      }
      for (SchemaSnapshot.View v : s.views()) {
        st.execute("CREATE " + (v.materialized() ? "MATERIALIZED " : "") + "VIEW " + Sql.ident(d, v.name())
            + " AS " + v.definition());
      }
    } catch (UncheckedSql e) {
      throw e.cause;
    }
    if (!s.triggers().isEmpty() || !s.routines().isEmpty()) {
      notes.add(s.triggers().size() + " trigger(s) and " + s.routines().size() + " routine(s) not copied");
    }
    return new Result(s.tables().size(), copied, notes);
  }

  /** With the source's properties where the snapshot has them (its current value is not copied). */
  static String createSequence(Dialect d, String name, Sequence q) {
    String sql = "CREATE SEQUENCE " + Sql.ident(d, name);
    if (q == null) {
      return sql;
    }
    boolean pg = d == Dialect.POSTGRES;
    return sql + (pg ? " AS " + q.type() : "") + " INCREMENT BY " + q.increment() + " MINVALUE " + q.minValue()
        + " MAXVALUE " + q.maxValue() + " START WITH " + q.start()
        + (q.cache() <= 0 && !pg ? " NOCACHE" : " CACHE " + Math.max(q.cache(), 1))
        + (q.cycle() ? " CYCLE" : pg ? " NO CYCLE" : " NOCYCLE");
  }

  static String createTable(Dialect d, Table t) {
    List<String> parts = new ArrayList<>();
    for (Column c : t.columns()) {
      parts.add(column(d, c));
    }
    if (t.primaryKey() != null) {
      parts.add((d == Dialect.POSTGRES ? "CONSTRAINT " + Sql.ident(d, t.primaryKey().name()) + " " : "")
          + "PRIMARY KEY (" + Sql.idents(d, t.primaryKey().columns()) + ")");
    }
    for (SchemaSnapshot.UniqueKey u : t.uniqueKeys()) {
      parts.add("CONSTRAINT " + Sql.ident(d, u.name()) + " UNIQUE (" + keyColumns(d, u.columns()) + ")");
    }
    for (SchemaSnapshot.Check ch : t.checks()) {
      String expr = ch.expression().startsWith("(") ? ch.expression() : "(" + ch.expression() + ")";
      parts.add("CONSTRAINT " + Sql.ident(d, ch.name()) + " CHECK " + expr
          + (d == Dialect.POSTGRES && !ch.validated() ? " NOT VALID" : ""));
    }
    String comment = d != Dialect.POSTGRES && t.comment() != null
        ? " COMMENT '" + t.comment().replace("'", "''") + "'" : "";
    return "CREATE TABLE " + Sql.ident(d, t.name()) + " (" + String.join(", ", parts) + ")" + comment;
  }

  private static String column(Dialect d, Column c) {
    StringBuilder sb = new StringBuilder(Sql.ident(d, c.name())).append(' ').append(c.type());
    if (c.collation() != null) {
      sb.append(" COLLATE ").append(d == Dialect.POSTGRES ? Sql.ident(d, c.collation()) : c.collation());
    }
    String def = c.defaultValue();
    if (def != null && def.startsWith("generated always as")) {
      sb.append(' ').append(def);
    } else {
      sb.append(c.nullable() ? (d == Dialect.POSTGRES ? "" : " NULL") : " NOT NULL");
      if (def != null) {
        sb.append(" DEFAULT ").append(def);
      }
    }
    if ("always".equals(c.identity()) || "by default".equals(c.identity())) {
      sb.append(" GENERATED ").append(c.identity().toUpperCase(java.util.Locale.ROOT)).append(" AS IDENTITY");
      SchemaSnapshot.Sequence o = c.identitySequence();
      if (o != null) { // its declared options; the type is the column's
        sb.append(String.format(java.util.Locale.ROOT,
            " (START WITH %d INCREMENT BY %d MINVALUE %d MAXVALUE %d CACHE %d %s)", o.start(), o.increment(),
            o.minValue(), o.maxValue(), o.cache(), o.cycle() ? "CYCLE" : "NO CYCLE"));
      }
    } else if ("auto_increment".equals(c.identity())) {
      sb.append(" AUTO_INCREMENT");
    }
    if (c.comment() != null && d != Dialect.POSTGRES) {
      sb.append(" COMMENT '").append(c.comment().replace("'", "''")).append('\'');
    }
    return sb.toString();
  }

  /** MySQL key columns may carry a prefix length: {@code name(10)}. */
  private static String keyColumns(Dialect d, List<String> cols) {
    return cols.stream().map(col -> {
      int paren = col.indexOf('(');
      return d != Dialect.POSTGRES && paren > 0 && col.endsWith(")")
          ? Sql.ident(d, col.substring(0, paren)) + col.substring(paren) : Sql.ident(d, col);
    }).collect(Collectors.joining(", "));
  }

  private static java.util.Optional<String> index(Dialect d, Table t, Index ix) {
    if (d == Dialect.POSTGRES) { // columns are pg_get_indexdef's text: identifiers already quoted where needed
      return java.util.Optional.of("CREATE " + (ix.unique() ? "UNIQUE " : "") + "INDEX " + Sql.ident(d, ix.name())
          + " ON " + Sql.ident(d, t.name()) + " USING " + ix.method() + " (" + String.join(", ", ix.columns()) + ")"
          + (ix.predicate() == null ? "" : " WHERE " + ix.predicate()));
    }
    if (ix.columns().stream().anyMatch(col -> col.startsWith("(expression)"))) {
      return java.util.Optional.empty();
    }
    String kind = ix.method().equals("fulltext") ? "FULLTEXT " : ix.method().equals("spatial") ? "SPATIAL " : "";
    return java.util.Optional.of("CREATE " + kind + "INDEX " + Sql.ident(d, ix.name()) + " ON "
        + Sql.ident(d, t.name()) + " (" + keyColumns(d, ix.columns()) + ")");
  }

  private long copyRows(Connection from, Connection to, Dialect d, Table t, long limit) throws SQLException {
    List<Column> cols = t.columns().stream().filter(c -> c.defaultValue() == null
        || !c.defaultValue().startsWith("generated always as")).toList();
    if (cols.isEmpty()) {
      return 0;
    }
    List<String> names = cols.stream().map(Column::name).toList();
    boolean overriding = d == Dialect.POSTGRES && cols.stream().anyMatch(c -> "always".equals(c.identity()));
    String insert = "INSERT INTO " + Sql.ident(d, t.name()) + " (" + Sql.idents(d, names) + ")"
        + (overriding ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES ("
        + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")";
    String select = "SELECT " + Sql.idents(source.dialect(), names) + " FROM "
        + Sql.qualified(source.dialect(), schema, t.name()) + " LIMIT " + limit;
    boolean masked = masking != null && masking.masks(t.name());
    long n = 0;
    try (Statement read = from.createStatement(); ResultSet rs = read.executeQuery(select);
        PreparedStatement ps = to.prepareStatement(insert)) {
      while (rs.next()) {
        for (int i = 1; i <= names.size(); i++) {
          Object v = rs.getObject(i);
          ps.setObject(i, masked ? masking.apply(t.name(), names.get(i - 1), v) : v,
              rs.getMetaData().getColumnType(i));
        }
        ps.addBatch();
        if (++n % 500 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    } catch (SQLException e) {
      if (!masked) {
        throw e;
      }
      SQLException first = e.getNextException() != null ? e.getNextException() : e;
      throw new SQLException("copying the masked rows of " + t.name() + ": " + first.getMessage(),
          first.getSQLState(), e);
    }
    return n;
  }

  private static void comments(Statement st, SchemaSnapshot s) throws SQLException {
    for (Table t : s.tables()) {
      String tbl = Sql.ident(Dialect.POSTGRES, t.name());
      if (t.comment() != null) {
        st.execute("COMMENT ON TABLE " + tbl + " IS '" + t.comment().replace("'", "''") + "'");
      }
      for (Column c : t.columns()) {
        if (c.comment() != null) {
          st.execute("COMMENT ON COLUMN " + tbl + "." + Sql.ident(Dialect.POSTGRES, c.name()) + " IS '"
              + c.comment().replace("'", "''") + "'");
        }
      }
    }
  }

  /**
   * Deletes sampled child rows whose parent was not sampled, until none is left (a deletion can orphan a
   * grandchild), so the copy's foreign keys hold. Returns how many rows went.
   */
  private static long dropOrphans(Connection to, Dialect d, SchemaSnapshot s, List<String> notes)
      throws SQLException {
    long dropped = 0;
    try (Statement st = to.createStatement()) {
      for (int round = 0; round < 20; round++) {
        long now = 0;
        for (Table t : s.tables()) {
          for (ForeignKey fk : t.foreignKeys()) {
            if (fk.refTable().contains(".") || (fk.refTable().equals(t.name()) && d != Dialect.POSTGRES)) {
              continue; // another schema; or MySQL, which cannot delete from a table its subquery reads
            }
            List<String> join = new ArrayList<>();
            List<String> notNull = new ArrayList<>();
            for (int i = 0; i < fk.columns().size(); i++) {
              String col = Sql.ident(d, fk.columns().get(i));
              join.add("p." + Sql.ident(d, fk.refColumns().get(i)) + " = " + Sql.ident(d, t.name()) + "." + col);
              notNull.add(Sql.ident(d, t.name()) + "." + col + " IS NOT NULL");
            }
            now += st.executeUpdate("DELETE FROM " + Sql.ident(d, t.name()) + " WHERE " + String.join(" AND ", notNull)
                + " AND NOT EXISTS (SELECT 1 FROM " + Sql.ident(d, fk.refTable()) + " p WHERE "
                + String.join(" AND ", join) + ")");
          }
        }
        dropped += now;
        if (now == 0) {
          break;
        }
      }
    }
    if (dropped > 0) {
      notes.add(dropped + " sampled row(s) whose parent was not in the sample were left out");
    }
    return dropped;
  }

  /** Moves every sequence and identity past the copied keys, so the playbook's inserts do not collide. */
  private static void resetSequences(Connection to, SchemaSnapshot s) throws SQLException {
    try (Statement st = to.createStatement()) {
      for (Table t : s.tables()) {
        for (Column c : t.columns()) {
          String def = c.defaultValue();
          String seq = null;
          if (def != null && def.startsWith("nextval('") && def.indexOf('\'', 9) > 9) {
            seq = "'" + def.substring(9, def.indexOf('\'', 9)) + "'";
          } else if (c.identity() != null) {
            seq = "pg_get_serial_sequence('" + Sql.ident(Dialect.POSTGRES, t.name()).replace("'", "''") + "', '"
                + c.name().replace("'", "''") + "')";
          }
          if (seq != null) {
            String tbl = Sql.ident(Dialect.POSTGRES, t.name());
            st.execute("SELECT setval(" + seq + ", coalesce(max(" + Sql.ident(Dialect.POSTGRES, c.name())
                + "), 0) + 1, false) FROM " + tbl);
          }
        }
      }
    }
  }

  private static void execute(Statement st, String sql) {
    try {
      st.execute(sql);
    } catch (SQLException e) {
      throw new UncheckedSql(e);
    }
  }

  /** Carries an SQLException out of a lambda. */
  private static final class UncheckedSql extends RuntimeException {
    private final SQLException cause;

    UncheckedSql(SQLException cause) {
      super(cause);
      this.cause = cause;
    }
  }
}
