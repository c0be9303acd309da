package backstep.ledger;

import backstep.playbook.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The run table's tag columns (added in ledger version 2): {@code git_commit}, {@code git_dirty} and
 * {@code run_tags} (the free tags as a JSON object). A ledger created by an older Backstep lacks them: they are
 * added in place, nullable, the first time a run is recorded; old runs read as untagged.
 */
final class RunTagColumns {
  /** Wide enough for a SHA-256 repository's commit ids (64 hex digits); ledgers made with 40 are widened. */
  static final Field<String> GIT_COMMIT = DSL.field(DSL.name("git_commit"), SQLDataType.VARCHAR(64));
  static final Field<Boolean> GIT_DIRTY = DSL.field(DSL.name("git_dirty"), SQLDataType.BOOLEAN);
  static final Field<String> RUN_TAGS = DSL.field(DSL.name("run_tags"), SQLDataType.CLOB);
  /** The database the run changed ({@code Database.identity()}), whatever its target's name; added in version 3. */
  static final Field<String> DB_IDENTITY = DSL.field(DSL.name("db_identity"), SQLDataType.VARCHAR(300));
  /**
   * The chain head when the run last changed state (sequence and hash of the newest event then): {@code audit verify}
   * requires that event, so deleting the newest events, or all of them, shows. Added in version 3.
   */
  static final Field<Long> HEAD_SEQ = DSL.field(DSL.name("head_seq"), SQLDataType.BIGINT);
  static final Field<String> HEAD_HASH = DSL.field(DSL.name("head_hash"), SQLDataType.CHAR(64));
  static final List<Field<?>> ALL = List.of(GIT_COMMIT, GIT_DIRTY, RUN_TAGS, DB_IDENTITY, HEAD_SEQ, HEAD_HASH);
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private RunTagColumns() {}

  /**
   * Adds the tag columns the run table lacks (an upgrade in place of a ledger made by an older version), and widens
   * a {@code git_commit} made as {@code VARCHAR(40)}, which a SHA-256 repository's commit overflowed (issue 14).
   */
  static void upgrade(DSLContext d, Connection c, Table<Record> runs, String schema) throws SQLException {
    Map<String, Integer> have = columns(c, runs, schema);
    for (Field<?> f : ALL) {
      if (!have.containsKey(f.getName())) {
        d.alterTable(runs).addColumn(f).execute();
      }
    }
    Integer width = have.get(GIT_COMMIT.getName());
    if (width != null && width < GIT_COMMIT.getDataType().length()) {
      d.alterTable(runs).alterColumn(GIT_COMMIT).set(GIT_COMMIT.getDataType()).execute();
    }
  }

  /** The tag columns the run table does not have (all of them in a ledger made before tags existed). */
  static List<Field<?>> missing(Connection c, Table<Record> runs, String schema) throws SQLException {
    Set<String> have = columns(c, runs, schema).keySet();
    return ALL.stream().filter(f -> !have.contains(f.getName())).toList();
  }

  /** A ledger table's columns, lower-case, with their declared size. */
  static Map<String, Integer> columns(Connection c, Table<Record> runs, String schema) throws SQLException {
    Map<String, Integer> have = new HashMap<>();
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = schema == null ? meta.getColumns(c.getCatalog(), null, runs.getName(), null)
        : meta.getColumns(null, schema, runs.getName(), null)) {
      while (rs.next()) {
        have.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("COLUMN_SIZE"));
      }
    }
    return have;
  }

  static InsertSetMoreStep<Record> set(InsertSetMoreStep<Record> insert, RunTags t) {
    return insert.set(GIT_COMMIT, t.gitCommit()).set(GIT_DIRTY, t.gitDirty())
        .set(RUN_TAGS, t.labels().isEmpty() ? null : Json.compact(t.labels()));
  }

  /** The tags of a run row; none when the row was read from a ledger without the tag columns. */
  static RunTags read(Record r) {
    if (r.field(RUN_TAGS) == null) {
      return RunTags.NONE;
    }
    Map<String, String> labels = Map.of();
    String json = r.get(RUN_TAGS);
    if (json != null && !json.isBlank()) {
      try {
        labels = Json.MAPPER.readValue(json, LABELS);
      } catch (JsonProcessingException e) {
        labels = Map.of("unreadable", json);
      }
    }
    return new RunTags(r.get(GIT_COMMIT), r.get(GIT_DIRTY), labels);
  }
}
