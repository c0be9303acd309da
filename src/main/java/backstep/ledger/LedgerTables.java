package backstep.ledger;

import static backstep.ledger.LedgerColumns.APPROVER;
import static backstep.ledger.LedgerColumns.CHANGE_ID;
import static backstep.ledger.LedgerColumns.DIALECT;
import static backstep.ledger.LedgerColumns.ENDED_AT;
import static backstep.ledger.LedgerColumns.ERROR;
import static backstep.ledger.LedgerColumns.HOST;
import static backstep.ledger.LedgerColumns.KEY_ID;
import static backstep.ledger.LedgerColumns.OPERATOR;
import static backstep.ledger.LedgerColumns.OS_USER;
import static backstep.ledger.LedgerColumns.PID;
import static backstep.ledger.LedgerColumns.PLAYBOOK_ID;
import static backstep.ledger.LedgerColumns.PLAYBOOK_PATH;
import static backstep.ledger.LedgerColumns.PLAYBOOK_SHA;
import static backstep.ledger.LedgerColumns.PLAYBOOK_VERSION;
import static backstep.ledger.LedgerColumns.RUN_ID;
import static backstep.ledger.LedgerColumns.STARTED_AT;
import static backstep.ledger.LedgerColumns.TARGET;
import static backstep.ledger.LedgerColumns.UPDATED_AT;

import backstep.db.Database;
import backstep.db.DebugLog;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Where one target's ledger lives and what its tables have: the database holding them (the target, or a central
 * ledger), their names on its dialect, and what was asked of them once (the run table's tag columns, the event
 * table's key column, the target database's identity). The ledger's readers and writers share one.
 */
final class LedgerTables {
  final Database db;
  final String target;
  final Database targetDb;
  final boolean colocated;
  final Table<Record> runs;
  final Table<Record> steps;
  final Table<Record> events;
  /** Schema {@code backstep} on PostgreSQL; null on MySQL/MariaDB, whose tables are prefixed instead. */
  final Name schema;
  /** Whether the run table has the tag columns; asked once (a ledger made before tags existed has none). */
  private Boolean tagColumns;
  /** Whether the event table has {@link LedgerColumns#KEY_ID}; asked once (a ledger made before keyed chains). */
  private Boolean keyColumn;
  private String identity;

  LedgerTables(Database target) {
    Database db = target.ledgerStore();
    this.db = db;
    this.target = target.spec().name();
    this.targetDb = target;
    this.colocated = db == target;
    boolean pg = db.dialect() == Dialect.POSTGRES;
    this.schema = pg ? DSL.name("backstep") : null;
    this.runs = DSL.table(pg ? DSL.name("backstep", "run") : DSL.name("backstep_run"));
    this.steps = DSL.table(pg ? DSL.name("backstep", "step_exec") : DSL.name("backstep_step_exec"));
    this.events = DSL.table(pg ? DSL.name("backstep", "event") : DSL.name("backstep_event"));
  }

  DSLContext dsl(Connection c) {
    return db.dsl(c);
  }

  Dialect dialect() {
    return db.dialect();
  }

  /** The schema's name as the catalog reads it, or null where the tables are prefixed. */
  String schemaName() {
    return schema == null ? null : schema.last();
  }

  /** The ledger's tables as written in SQL. */
  List<String> tableNames() {
    return List.of(runs.getName(), steps.getName(), events.getName()).stream()
        .map(n -> schema == null ? n : "backstep." + n).toList();
  }

  /** Whether the ledger tables exist on this target (read-only commands on a fresh target find none). */
  boolean exists(Connection c) throws SQLException {
    var meta = c.getMetaData();
    String table = events.getName();
    try (var rs = schema == null
        ? meta.getTables(c.getCatalog(), null, table, null)
        : meta.getTables(null, "backstep", table, null)) {
      return rs.next();
    }
  }

  /** The run table was just created or upgraded: it has its tag columns. */
  void tagColumnsAdded() {
    tagColumns = true;
  }

  /** The event table was just created or upgraded: it has its key column. */
  void keyColumnAdded() {
    keyColumn = true;
  }

  /** The target database's identity ({@link Database#identity()}), or null when it cannot be read. */
  String identity() {
    if (identity == null) {
      try {
        identity = targetDb.identity();
      } catch (SQLException e) {
        DebugLog.ignored(Ledger.class, "no identity: runs are found by the target's name alone", e);
        identity = null; // runs are then found by the target's name alone, as before identities existed
      }
    }
    return identity;
  }

  /**
   * The runs of this database: recorded under this target's name, or under any other name of the same database
   * (a targets-file name and the default {@code --url} name are two names of one database), once the run table has
   * the identity column.
   */
  Condition mine(Connection c) throws SQLException {
    boolean tagged = tagColumns(c);
    String id = identity();
    return tagged && id != null ? TARGET.eq(target).or(RunTagColumns.DB_IDENTITY.eq(id)) : TARGET.eq(target);
  }

  /** Whether the run table has the tag columns (asked of the catalog once). */
  boolean tagColumns(Connection c) throws SQLException {
    if (tagColumns == null) {
      tagColumns = RunTagColumns.missing(c, runs, schemaName()).isEmpty();
    }
    return tagColumns;
  }

  /** The run table's columns a run is read from: with the tag columns where the table has them. */
  List<Field<?>> runFields(Connection c) throws SQLException {
    List<Field<?>> f = new ArrayList<>(List.of(RUN_ID, CHANGE_ID, TARGET, PLAYBOOK_ID, PLAYBOOK_VERSION, PLAYBOOK_SHA,
        PLAYBOOK_PATH, DIALECT, StateColumns.RUN, OPERATOR, OS_USER, HOST, PID, APPROVER, STARTED_AT, UPDATED_AT,
        ENDED_AT, ERROR));
    if (tagColumns(c)) {
      f.addAll(RunTagColumns.ALL);
    }
    return f;
  }

  /** {@link LedgerColumns#KEY_ID}, or a NULL in its place on a ledger made before keyed chains. */
  Field<String> keyIdField(Connection c) throws SQLException {
    if (keyColumn == null) {
      keyColumn = RunTagColumns.columns(c, events, schemaName()).containsKey(KEY_ID.getName());
    }
    return keyColumn ? KEY_ID : DSL.inline((String) null, SQLDataType.VARCHAR(16)).as(KEY_ID.getName());
  }
}
