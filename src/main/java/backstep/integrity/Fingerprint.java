package backstep.integrity;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.db.OwedSql;
import backstep.integrity.Difference.Kind;
import backstep.playbook.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole observable state of a target: its schema snapshot and, for every table, the row count and checksum,
 * all read in one read-only REPEATABLE READ transaction so they describe one moment. A rehearsal takes one before
 * forward and one after rollback; {@link #compare} must then find nothing. Costs one full scan of every table (see
 * {@link DataChecks} for the rates).
 */
public record Fingerprint(SchemaSnapshot schema, List<TableChecksum> tables) {

  public Fingerprint {
    tables = SchemaSnapshot.sorted(tables, Comparator.comparing(TableChecksum::table));
  }

  public static Fingerprint take(Database db) throws SQLException {
    return take(db, CheckProgress.NONE);
  }

  /** Reports each table to {@code progress} before checksumming it, and big tables' checksums as checks. */
  public static Fingerprint take(Database db, CheckProgress progress) throws SQLException {
    try (Connection c = db.connection()) {
      return take(c, db.dialect(), db.schema(), progress);
    }
  }

  /** On a connection the caller holds; inside a transaction it sees that transaction's work. */
  public static Fingerprint take(Connection c, Dialect dialect, String schema) throws SQLException {
    return take(c, dialect, schema, CheckProgress.NONE);
  }

  static Fingerprint take(Connection c, Dialect dialect, String schema, CheckProgress progress)
      throws SQLException {
    return ReadSession.run(c, dialect, conn -> {
      SchemaSnapshot snapshot = SchemaSnapshot.read(conn, dialect, schema);
      List<TableChecksum> sums = new ArrayList<>();
      List<SchemaSnapshot.Table> tables = snapshot.tables();
      for (int i = 0; i < tables.size(); i++) {
        String table = tables.get(i).name();
        if (progress == CheckProgress.NONE) {
          sums.add(Checksums.compute(conn, dialect, schema, table));
          continue;
        }
        long estimate = DataChecks.estimatedRows(conn, dialect, schema, table);
        progress.fingerprintTable(i, tables.size(), table, estimate);
        long start = System.nanoTime();
        TableChecksum sum = Checksums.compute(conn, dialect, schema, table);
        if (estimate >= CheckProgress.BIG_TABLE_ROWS) {
          progress.checkFinished("checksum", table, sum.rows(), Duration.ofNanos(System.nanoTime() - start));
        }
        sums.add(sum);
      }
      return new Fingerprint(snapshot, sums);
    });
  }

  /** The checksum of a table too big to scan on every run: its row count is compared, its values are not. */
  public static final String COUNT_ONLY = "counts only";

  /**
   * What a run records around its steps: the schema of {@code only} (every object when null) and, for each table of
   * {@code data} that exists, its row count and checksum — or, above {@code maxRows} estimated rows, its count only
   * ({@link #COUNT_ONLY}). On a connection inside a transaction it sees that transaction's work.
   */
  public static Fingerprint take(Connection c, Dialect dialect, String schema, java.util.Set<String> only,
      java.util.Set<String> data, long maxRows) throws SQLException {
    return take(c, dialect, schema, only, data, maxRows, null);
  }

  /**
   * As {@link #take(Connection, Dialect, String, java.util.Set, java.util.Set, long)}; inside a PostgreSQL
   * transaction what {@code owed} holds goes with the first read, and the read's way back is left owed there (a step
   * sends it with its ledger rows).
   */
  public static Fingerprint take(Connection c, Dialect dialect, String schema, java.util.Set<String> only,
      java.util.Set<String> data, long maxRows, OwedSql owed) throws SQLException {
    return ReadSession.run(c, dialect, owed, conn -> {
      // PostgreSQL: the data tables' row estimates and columns come with the catalog rows (one round trip less each)
      Map<String, RowHash.Sized> sized = new java.util.HashMap<>();
      SchemaSnapshot snapshot = SchemaSnapshot.read(conn, dialect, schema, only, data, sized);
      List<TableChecksum> sums = new ArrayList<>();
      for (SchemaSnapshot.Table t : snapshot.tables()) {
        if (!data.contains(t.name())) {
          continue;
        }
        RowHash.Sized table = sized.containsKey(t.name()) ? sized.get(t.name())
            : RowHash.sized(conn, dialect, schema, t.name());
        if (table.estimate() > maxRows) {
          long n = Sql.query(conn, "SELECT count(*) FROM " + Sql.qualified(dialect, schema, t.name()), List.of(),
              rs -> rs.getLong(1)).get(0);
          sums.add(new TableChecksum(t.name(), n, COUNT_ONLY));
        } else {
          sums.add(Checksums.compute(conn, dialect, schema, t.name(), table.columns()));
        }
      }
      return new Fingerprint(snapshot, sums);
    });
  }

  /** Only the objects named in {@code names} (tables, views, sequences, routines; triggers of those tables). */
  public Fingerprint restrictedTo(java.util.Set<String> names) {
    return new Fingerprint(schema.restrictedTo(names), tables.stream().filter(t -> names.contains(t.table()))
        .toList());
  }

  /**
   * What {@link #take(Connection, Dialect, String, java.util.Set, java.util.Set, long)} with {@code only} and
   * {@code data} would have read at the same moment, from a fingerprint of every object whose data tables include
   * {@code data}.
   */
  public Fingerprint restrictedTo(java.util.Set<String> only, java.util.Set<String> data) {
    return new Fingerprint(schema.restrictedTo(only), tables.stream()
        .filter(t -> data.contains(t.table()) && only.contains(t.table())).toList());
  }

  /**
   * The whole schema, with the row checksums of {@code data}'s tables only: what a read of the whole schema with just
   * those tables' rows would have found at the same moment (a fingerprint read with a superset of them).
   */
  public Fingerprint withDataOf(java.util.Set<String> data) {
    return new Fingerprint(schema, tables.stream().filter(t -> data.contains(t.table())).toList());
  }

  public Optional<TableChecksum> table(String name) {
    return tables.stream().filter(t -> t.table().equals(name)).findFirst();
  }

  /**
   * Schema differences ({@link SchemaDiff}) then data differences for tables on both sides:
   * {@code table customers: 20000 rows → 19998 rows}, or with the same row count
   * {@code table customers: checksum differs (same row count) — values changed}.
   */
  public static List<Difference> compare(Fingerprint before, Fingerprint after) {
    List<Difference> out = new ArrayList<>(SchemaDiff.diff(before.schema(), after.schema()));
    Map<String, TableChecksum> now = after.tables().stream()
        .collect(Collectors.toMap(TableChecksum::table, Function.identity()));
    for (TableChecksum b : before.tables()) {
      TableChecksum a = now.get(b.table());
      if (a == null) {
        continue; // reported as a missing table
      }
      if (a.rows() != b.rows()) {
        out.add(new Difference(Kind.DATA, b.table(), "rows", Long.toString(b.rows()), Long.toString(a.rows())));
      } else if (!a.checksum().equals(b.checksum()) && !COUNT_ONLY.equals(a.checksum())
          && !COUNT_ONLY.equals(b.checksum())) {
        out.add(new Difference(Kind.DATA, b.table(), "checksum", b.checksum(), a.checksum()));
      }
    }
    return List.copyOf(out);
  }

  public String toJson() {
    return Json.pretty(this);
  }

  /**
   * As a run stores it in the ledger: compact JSON without null fields (a column's absent default, comment,
   * collation …): half the characters of the body with them
   * (a 100-table run fingerprint: 104,029 → 51,129). Bodies stored with explicit nulls (before session 10)
   * read back to the same fingerprint; a body's SHA-256 is of its stored text either way.
   */
  public String compactJson() {
    return Json.compact(this);
  }

  public static Fingerprint fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, Fingerprint.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a fingerprint: " + e.getOriginalMessage(), e);
    }
  }
}
