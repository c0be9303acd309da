package backstep.ledger;

import backstep.db.LedgerKey;
import java.sql.SQLException;
import java.time.Instant;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The columns of the ledger's run, step and event tables, how a time is stored in them (epoch milliseconds), and
 * jOOQ's unchecked exception turned into the {@link SQLException} the ledger's callers handle.
 */
final class LedgerColumns {
  /** Times are epoch milliseconds (UTC): exact on every dialect and driver, immune to session time zones. */
  private static final DataType<Long> TS = SQLDataType.BIGINT;

  static final Field<String> RUN_ID = DSL.field(DSL.name("run_id"), SQLDataType.VARCHAR(40).nullable(false));
  static final Field<Long> RUN_SEQ = DSL.field(DSL.name("run_seq"), SQLDataType.BIGINT.nullable(false));
  static final Field<String> CHANGE_ID = DSL.field(DSL.name("change_id"), SQLDataType.VARCHAR(80).nullable(false));
  static final Field<String> TARGET = DSL.field(DSL.name("target"), SQLDataType.VARCHAR(200).nullable(false));
  static final Field<String> PLAYBOOK_ID = DSL.field(DSL.name("playbook_id"), SQLDataType.VARCHAR(100).nullable(false));
  static final Field<Integer> PLAYBOOK_VERSION = DSL.field(DSL.name("playbook_version"), SQLDataType.INTEGER);
  static final Field<String> PLAYBOOK_SHA = DSL.field(DSL.name("playbook_sha256"), SQLDataType.CHAR(64));
  static final Field<String> PLAYBOOK_PATH = DSL.field(DSL.name("playbook_path"), SQLDataType.VARCHAR(1000));
  static final Field<String> PLAYBOOK_TEXT = DSL.field(DSL.name("playbook_text"), SQLDataType.CLOB);
  static final Field<String> DIALECT = DSL.field(DSL.name("dialect"), SQLDataType.VARCHAR(20));
  static final Field<String> STATE = DSL.field(DSL.name("state"), SQLDataType.VARCHAR(30).nullable(false));
  static final Field<String> OPERATOR = DSL.field(DSL.name("operator_name"), SQLDataType.VARCHAR(200));
  static final Field<String> OS_USER = DSL.field(DSL.name("os_user"), SQLDataType.VARCHAR(200));
  static final Field<String> HOST = DSL.field(DSL.name("host"), SQLDataType.VARCHAR(200));
  static final Field<Long> PID = DSL.field(DSL.name("pid"), SQLDataType.BIGINT);
  static final Field<String> APPROVER = DSL.field(DSL.name("approver"), SQLDataType.VARCHAR(200));
  static final Field<Long> STARTED_AT = DSL.field(DSL.name("started_ms"), TS);
  static final Field<Long> UPDATED_AT = DSL.field(DSL.name("updated_ms"), TS);
  static final Field<Long> ENDED_AT = DSL.field(DSL.name("ended_ms"), TS);
  static final Field<String> ERROR = DSL.field(DSL.name("error_message"), SQLDataType.CLOB);

  static final Field<Integer> STEP_INDEX = DSL.field(DSL.name("step_index"), SQLDataType.INTEGER.nullable(false));
  static final Field<String> STEP_ID = DSL.field(DSL.name("step_id"), SQLDataType.VARCHAR(100));
  static final Field<String> KIND = DSL.field(DSL.name("kind"), SQLDataType.VARCHAR(20));
  static final Field<Integer> STMT_TOTAL = DSL.field(DSL.name("statements_total"), SQLDataType.INTEGER);
  static final Field<Integer> STMT_DONE = DSL.field(DSL.name("statements_done"), SQLDataType.INTEGER);
  static final Field<Integer> RB_DONE = DSL.field(DSL.name("rollback_done"), SQLDataType.INTEGER);
  static final Field<Long> ROWS = DSL.field(DSL.name("rows_affected"), SQLDataType.BIGINT);
  static final Field<Integer> ATTEMPTS = DSL.field(DSL.name("attempts"), SQLDataType.INTEGER);
  static final Field<String> ACTOR = DSL.field(DSL.name("actor"), SQLDataType.VARCHAR(200));
  static final Field<String> DETAIL = DSL.field(DSL.name("detail"), SQLDataType.CLOB);

  static final Field<Long> SEQ = DSL.field(DSL.name("seq"), SQLDataType.BIGINT.nullable(false));
  static final Field<Long> AT = DSL.field(DSL.name("at_ms"), TS.nullable(false));
  static final Field<String> TYPE = DSL.field(DSL.name("event_type"), SQLDataType.VARCHAR(40).nullable(false));
  static final Field<String> PREV_HASH = DSL.field(DSL.name("prev_hash"), SQLDataType.CHAR(64).nullable(false));
  static final Field<String> HASH = DSL.field(DSL.name("hash"), SQLDataType.CHAR(64).nullable(false));
  /** The id of the key an event's HMAC was made with ({@link LedgerKey#id()}); null for a plain SHA-256 event. */
  static final Field<String> KEY_ID = DSL.field(DSL.name("hash_key"), SQLDataType.VARCHAR(16));

  private LedgerColumns() {}

  /**
   * jOOQ's unchecked {@code DataAccessException} as the {@link SQLException} every caller handles (the engine's
   * {@code catch (SQLException)} would miss it and a failed ledger write would end as an internal error).
   */
  static SQLException translated(DataAccessException e) {
    return e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e.sqlState(), e);
  }

  static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  static Long local(Instant i) {
    return i == null ? null : i.toEpochMilli();
  }

  static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }
}
