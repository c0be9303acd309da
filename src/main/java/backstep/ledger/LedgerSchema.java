package backstep.ledger;

import static backstep.ledger.LedgerColumns.ACTOR;
import static backstep.ledger.LedgerColumns.APPROVER;
import static backstep.ledger.LedgerColumns.AT;
import static backstep.ledger.LedgerColumns.ATTEMPTS;
import static backstep.ledger.LedgerColumns.CHANGE_ID;
import static backstep.ledger.LedgerColumns.DETAIL;
import static backstep.ledger.LedgerColumns.DIALECT;
import static backstep.ledger.LedgerColumns.ENDED_AT;
import static backstep.ledger.LedgerColumns.ERROR;
import static backstep.ledger.LedgerColumns.HASH;
import static backstep.ledger.LedgerColumns.HOST;
import static backstep.ledger.LedgerColumns.KEY_ID;
import static backstep.ledger.LedgerColumns.KIND;
import static backstep.ledger.LedgerColumns.OPERATOR;
import static backstep.ledger.LedgerColumns.OS_USER;
import static backstep.ledger.LedgerColumns.PID;
import static backstep.ledger.LedgerColumns.PLAYBOOK_ID;
import static backstep.ledger.LedgerColumns.PLAYBOOK_PATH;
import static backstep.ledger.LedgerColumns.PLAYBOOK_SHA;
import static backstep.ledger.LedgerColumns.PLAYBOOK_TEXT;
import static backstep.ledger.LedgerColumns.PLAYBOOK_VERSION;
import static backstep.ledger.LedgerColumns.PREV_HASH;
import static backstep.ledger.LedgerColumns.RB_DONE;
import static backstep.ledger.LedgerColumns.ROWS;
import static backstep.ledger.LedgerColumns.RUN_ID;
import static backstep.ledger.LedgerColumns.RUN_SEQ;
import static backstep.ledger.LedgerColumns.SEQ;
import static backstep.ledger.LedgerColumns.STARTED_AT;
import static backstep.ledger.LedgerColumns.STATE;
import static backstep.ledger.LedgerColumns.STEP_ID;
import static backstep.ledger.LedgerColumns.STEP_INDEX;
import static backstep.ledger.LedgerColumns.STMT_DONE;
import static backstep.ledger.LedgerColumns.STMT_TOTAL;
import static backstep.ledger.LedgerColumns.TARGET;
import static backstep.ledger.LedgerColumns.TYPE;
import static backstep.ledger.LedgerColumns.UPDATED_AT;

import backstep.db.Database;
import backstep.db.DebugLog;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Creates the ledger's tables, or upgrades them in place (columns added since a ledger was made), and says which
 * privilege to grant when the role may not.
 */
final class LedgerSchema {
  private final LedgerTables t;

  LedgerSchema(LedgerTables t) {
    this.t = t;
  }

  /** {@link Ledger#ensureSchema}: jOOQ's unchecked exception is translated here, at the ledger's boundary. */
  void ensure(Connection c) throws SQLException {
    try {
      createOrUpgrade(c);
    } catch (DataAccessException e) {
      SQLException cause = e.getCause(SQLException.class);
      throw cannotCreate(c, cause != null ? cause : new SQLException(e.getMessage(), e.sqlState(), e));
    } catch (SQLException e) {
      throw cannotCreate(c, e);
    }
  }

  private SQLException cannotCreate(Connection c, SQLException e) {
    if (!Dialect.isPermissionDenied(e)) {
      return e;
    }
    Database db = t.db;
    String words = e.getMessage() == null ? "permission denied" : e.getMessage().lines().findFirst().orElse("");
    String grant;
    try {
      String who = db.dialect() == Dialect.POSTGRES ? "current_user" : "CURRENT_USER()";
      String role;
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT " + who)) {
        rs.next();
        role = rs.getString(1);
      }
      grant = db.dialect() == Dialect.POSTGRES
          ? "GRANT CREATE ON DATABASE " + db.databaseName() + " TO " + role
              + " (or have an owner run CREATE SCHEMA backstep AUTHORIZATION " + role + ")"
          : "GRANT CREATE, ALTER, INDEX ON " + db.databaseName() + ".* TO " + mysqlAccount(role);
    } catch (SQLException ignored) {
      DebugLog.ignored(Ledger.class, "the role's name is unknown: the GRANT names a placeholder", ignored);
      grant = db.dialect() == Dialect.POSTGRES ? "GRANT CREATE ON DATABASE " + db.databaseName() + " TO <role>"
          : "GRANT CREATE, ALTER, INDEX ON " + db.databaseName() + ".* TO <user>";
    }
    return new SQLException("this role may not create the Backstep ledger (" + String.join(", ", t.tableNames())
        + "): " + words + ". Grant the privilege, e.g. " + grant + ", or use a central ledger (docs/targets.md)",
        e.getSQLState(), e);
  }

  private static String mysqlAccount(String userAtHost) {
    int at = userAtHost.lastIndexOf('@');
    return at < 0 ? "'" + userAtHost + "'" : "'" + userAtHost.substring(0, at) + "'@'" + userAtHost.substring(at + 1)
        + "'";
  }

  private void createOrUpgrade(Connection c) throws SQLException {
    DSLContext d = t.dsl(c);
    if (t.schema != null) {
      d.createSchemaIfNotExists(t.schema).execute();
    }
    d.createTableIfNotExists(t.runs)
        .columns(RUN_ID, RUN_SEQ, CHANGE_ID, TARGET, PLAYBOOK_ID, PLAYBOOK_VERSION, PLAYBOOK_SHA, PLAYBOOK_PATH,
            PLAYBOOK_TEXT, DIALECT, STATE, OPERATOR, OS_USER, HOST, PID, APPROVER, STARTED_AT, UPDATED_AT, ENDED_AT,
            ERROR)
        .columns(RunTagColumns.ALL)
        .constraints(DSL.primaryKey(RUN_ID))
        .execute();
    RunTagColumns.upgrade(d, c, t.runs, t.schemaName());
    t.tagColumnsAdded();
    if (t.identity() != null) { // runs recorded before identities: this database's (all of them, in its own ledger)
      d.update(t.runs).set(RunTagColumns.DB_IDENTITY, t.identity())
          .where(RunTagColumns.DB_IDENTITY.isNull().and(t.colocated ? DSL.noCondition() : TARGET.eq(t.target)))
          .execute();
    }
    d.createTableIfNotExists(t.steps)
        .columns(RUN_ID, STEP_INDEX, STEP_ID, KIND, STATE, STMT_TOTAL, STMT_DONE, RB_DONE, ROWS, ATTEMPTS, ACTOR,
            STARTED_AT, ENDED_AT, DETAIL, ERROR)
        .constraints(DSL.primaryKey(RUN_ID, STEP_INDEX))
        .execute();
    d.createTableIfNotExists(t.events)
        .columns(TARGET, SEQ, RUN_ID, AT, TYPE, STEP_ID, ACTOR, DETAIL, PREV_HASH, HASH, KEY_ID)
        .constraints(DSL.primaryKey(TARGET, SEQ))
        .execute();
    if (!RunTagColumns.columns(c, t.events, t.schemaName()).containsKey(KEY_ID.getName())) {
      d.alterTable(t.events).addColumn(KEY_ID).execute(); // a ledger made before keyed chains: its events read unkeyed
    }
    t.keyColumnAdded();
    DrillAttempts.create(d, t.schema != null);
    FingerprintStore.create(d, t.schema != null);
  }
}
