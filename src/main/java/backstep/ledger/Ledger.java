package backstep.ledger;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.db.LedgerKey;
import backstep.state.RunState;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The ledger of one target: runs and step executions (current state, updated in place) and events (append-only,
 * hash-chained: each event's hash covers its fields and the previous event's hash). Lives in the target itself:
 * schema {@code backstep} on PostgreSQL, tables prefixed {@code backstep_} on MySQL/MariaDB. Every write takes the
 * connection to write on, so a step's ledger rows can commit in the same transaction as the step.
 */
public final class Ledger {
  /** Times are epoch milliseconds (UTC): exact on every dialect and driver, immune to session time zones. */
  private static final DataType<Long> TS = SQLDataType.BIGINT;
  private static final String GENESIS = "0".repeat(64);

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

  private final Database db;
  private final String target;
  private final boolean colocated;
  private final Table<Record> runs;
  private final Table<Record> steps;
  private final Table<Record> events;
  private final Name schema;
  private long lastSeq;
  private String lastHash = GENESIS;
  /** Whether the run table has the tag columns; asked once (a ledger made before tags existed has none). */
  private Boolean tagColumns;
  /** Whether the event table has {@link #KEY_ID}; asked once (a ledger made before keyed chains has none). */
  private Boolean keyColumn;
  /** The key of this target's chain, or null for plain SHA-256. */
  private final LedgerKey key;
  /** The key id of the chain head (null: unkeyed or empty), loaded with the head. */
  private String lastKeyId;
  private final Database targetDb;
  private String identity;

  /** The target database's identity ({@link Database#identity()}), or null when it cannot be read. */
  private String identity() {
    if (identity == null) {
      try {
        identity = targetDb.identity();
      } catch (SQLException e) {
        backstep.db.DebugLog.ignored(Ledger.class, "no identity: runs are found by the target's name alone", e);
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
  private org.jooq.Condition mine(Connection c) throws SQLException {
    runFields(c);
    String id = identity();
    return tagColumns && id != null ? TARGET.eq(target).or(RunTagColumns.DB_IDENTITY.eq(id)) : TARGET.eq(target);
  }

  /** The ledger of target {@code target}: kept in the target itself, or in the central ledger it names. */
  public Ledger(Database target) {
    Database db = target.ledgerStore();
    this.db = db;
    this.target = target.spec().name();
    this.targetDb = target;
    this.key = target.ledgerKey().orElse(null);
    this.colocated = db == target;
    boolean pg = db.dialect() == Dialect.POSTGRES;
    this.schema = pg ? DSL.name("backstep") : null;
    this.runs = DSL.table(pg ? DSL.name("backstep", "run") : DSL.name("backstep_run"));
    this.steps = DSL.table(pg ? DSL.name("backstep", "step_exec") : DSL.name("backstep_step_exec"));
    this.events = DSL.table(pg ? DSL.name("backstep", "event") : DSL.name("backstep_event"));
  }

  /**
   * jOOQ's unchecked {@code DataAccessException} as the {@link SQLException} every caller handles (the engine's
   * {@code catch (SQLException)} would miss it and a failed ledger write would end as an internal error).
   */
  static SQLException translated(DataAccessException e) {
    return e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e.sqlState(), e);
  }

  /** Whether the ledger lives in the target itself (so a step's ledger rows can share its transaction). */
  public boolean colocated() {
    return colocated;
  }

  /** A connection to where the ledger lives (the target, or the central ledger database). */
  public Connection connection() throws SQLException {
    return db.connection();
  }

  /** The ledger's tables as written in SQL (for people comparing dumps, and for tests). */
  public List<String> tableNames() {
    return List.of(runs.getName(), steps.getName(), events.getName()).stream()
        .map(n -> schema == null ? n : "backstep." + n).toList();
  }

  /**
   * Creates the ledger tables if absent, or upgrades them in place. Call while holding the target lock. A role that
   * may not create them gets an {@link SQLException} with the database's words and the privilege to grant (jOOQ's
   * unchecked {@link DataAccessException} is translated here, at the ledger's boundary).
   */
  public void ensureSchema(Connection c) throws SQLException {
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
      backstep.db.DebugLog.ignored(Ledger.class, "the role's name is unknown: the GRANT names a placeholder", ignored);
      grant = db.dialect() == Dialect.POSTGRES ? "GRANT CREATE ON DATABASE " + db.databaseName() + " TO <role>"
          : "GRANT CREATE, ALTER, INDEX ON " + db.databaseName() + ".* TO <user>";
    }
    return new SQLException("this role may not create the Backstep ledger (" + String.join(", ", tableNames())
        + "): " + words + ". Grant the privilege, e.g. " + grant + ", or use a central ledger (docs/targets.md)",
        e.getSQLState(), e);
  }

  private static String mysqlAccount(String userAtHost) {
    int at = userAtHost.lastIndexOf('@');
    return at < 0 ? "'" + userAtHost + "'" : "'" + userAtHost.substring(0, at) + "'@'" + userAtHost.substring(at + 1)
        + "'";
  }

  private void createOrUpgrade(Connection c) throws SQLException {
    DSLContext d = db.dsl(c);
    if (schema != null) {
      d.createSchemaIfNotExists(schema).execute();
    }
    d.createTableIfNotExists(runs)
        .columns(RUN_ID, RUN_SEQ, CHANGE_ID, TARGET, PLAYBOOK_ID, PLAYBOOK_VERSION, PLAYBOOK_SHA, PLAYBOOK_PATH,
            PLAYBOOK_TEXT, DIALECT, STATE, OPERATOR, OS_USER, HOST, PID, APPROVER, STARTED_AT, UPDATED_AT, ENDED_AT,
            ERROR)
        .columns(RunTagColumns.ALL)
        .constraints(DSL.primaryKey(RUN_ID))
        .execute();
    RunTagColumns.upgrade(d, c, runs, schema == null ? null : schema.last());
    tagColumns = true;
    if (identity() != null) { // runs recorded before identities: this database's (all of them, in its own ledger)
      d.update(runs).set(RunTagColumns.DB_IDENTITY, identity())
          .where(RunTagColumns.DB_IDENTITY.isNull().and(colocated ? DSL.noCondition() : TARGET.eq(target)))
          .execute();
    }
    d.createTableIfNotExists(steps)
        .columns(RUN_ID, STEP_INDEX, STEP_ID, KIND, STATE, STMT_TOTAL, STMT_DONE, RB_DONE, ROWS, ATTEMPTS, ACTOR,
            STARTED_AT, ENDED_AT, DETAIL, ERROR)
        .constraints(DSL.primaryKey(RUN_ID, STEP_INDEX))
        .execute();
    d.createTableIfNotExists(events)
        .columns(TARGET, SEQ, RUN_ID, AT, TYPE, STEP_ID, ACTOR, DETAIL, PREV_HASH, HASH, KEY_ID)
        .constraints(DSL.primaryKey(TARGET, SEQ))
        .execute();
    if (!RunTagColumns.columns(c, events, schema == null ? null : schema.last()).containsKey(KEY_ID.getName())) {
      d.alterTable(events).addColumn(KEY_ID).execute(); // a ledger made before keyed chains: its events read unkeyed
    }
    keyColumn = true;
    DrillAttempts.create(d, schema != null);
    FingerprintStore.create(d, schema != null);
  }

  /** Whether the ledger tables exist on this target (read-only commands on a fresh target find none). */
  public boolean exists(Connection c) throws SQLException {
    var meta = c.getMetaData();
    String table = events.getName();
    try (var rs = schema == null
        ? meta.getTables(c.getCatalog(), null, table, null)
        : meta.getTables(null, "backstep", table, null)) {
      return rs.next();
    }
  }

  /** Loads the chain head (last sequence and hash). Call while holding the target lock, before appending. */
  public void loadHead(Connection c) throws SQLException {
    try {
      Record r = db.dsl(c).select(SEQ, HASH, keyIdField(c)).from(events).where(TARGET.eq(target))
          .orderBy(SEQ.desc()).limit(1).fetchOne();
      lastSeq = r == null ? 0 : r.get(SEQ);
      lastHash = r == null ? GENESIS : r.get(HASH);
      lastKeyId = r == null ? null : r.get(keyIdField(c));
    } catch (DataAccessException e) {
      throw translated(e);
    }
    refuseKeyMismatch();
  }

  /**
   * A chain whose newest event is keyed only grows with that key: events appended without it (or with another key)
   * would read as a rewrite. Raised before anything is written.
   */
  private void refuseKeyMismatch() throws LedgerKeyException {
    if (lastKeyId == null || key != null && key.id().equals(lastKeyId)) {
      return;
    }
    throw new LedgerKeyException("the ledger of target '" + target + "' is keyed (its events are HMAC-SHA256 with "
        + "the key whose id is " + lastKeyId + ") and " + (key == null ? "no ledger key was given"
        : "the ledger key given is another one (id " + key.id() + ")") + ": set " + LedgerKey.ENV
        + " or pass --ledger-key-file (or `ledger_key_file:` in targets.yaml) with that key; nothing was changed");
  }

  /** {@link #KEY_ID}, or a NULL in its place on a ledger made before keyed chains. */
  private Field<String> keyIdField(Connection c) throws SQLException {
    if (keyColumn == null) {
      keyColumn = RunTagColumns.columns(c, events, schema == null ? null : schema.last())
          .containsKey(KEY_ID.getName());
    }
    return keyColumn ? KEY_ID : DSL.inline((String) null, SQLDataType.VARCHAR(16)).as(KEY_ID.getName());
  }

  /** The chain head, to restore with {@link #reset} when a transaction that appended events rolls back. */
  public record Head(long seq, String hash) {}

  public Head head() {
    return new Head(lastSeq, lastHash);
  }

  public void reset(Head head) {
    lastSeq = head.seq();
    lastHash = head.hash();
  }

  /** Appends one event on {@code c}; returns it with its sequence and hash. */
  public EventRecord append(Connection c, String runId, EventType type, String stepId, String actor, String detail,
      Instant at) throws SQLException {
    try {
      Appending a = appending(db.dsl(c), runId, type, stepId, actor, detail, at);
      a.insert().execute();
      return appended(a);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** An event about to be appended: its insert and its record (the chain moves on once the insert is done). */
  private record Appending(org.jooq.Query insert, EventRecord event) {}

  private Appending appending(DSLContext d, String runId, EventType type, String stepId, String actor, String detail,
      Instant at) throws LedgerKeyException {
    EventRecord e = next(runId, type, stepId, actor, detail, at);
    var insert = key == null
        ? d.insertInto(events, TARGET, SEQ, RUN_ID, AT, TYPE, STEP_ID, ACTOR, DETAIL, PREV_HASH, HASH)
            .values(target, e.seq(), runId, local(e.at()), e.type(), stepId, actor, detail, e.prevHash(), e.hash())
        : d.insertInto(events, TARGET, SEQ, RUN_ID, AT, TYPE, STEP_ID, ACTOR, DETAIL, PREV_HASH, HASH, KEY_ID)
            .values(target, e.seq(), runId, local(e.at()), e.type(), stepId, actor, detail, e.prevHash(), e.hash(),
                e.keyId());
    return new Appending(insert, e);
  }

  /** The event that comes next in the chain: its sequence, its link to the head and its hash (nothing written). */
  private EventRecord next(String runId, EventType type, String stepId, String actor, String detail, Instant at)
      throws LedgerKeyException {
    refuseKeyMismatch();
    Instant ts = at.truncatedTo(ChronoUnit.MILLIS);
    long seq = lastSeq + 1;
    String keyId = key == null ? null : key.id();
    String hash = hash(key, lastHash, seq, runId, ts, type.name(), stepId, actor, detail);
    return new EventRecord(seq, runId, ts, type.name(), stepId, actor, detail, lastHash, hash, keyId);
  }

  private EventRecord appended(Appending a) {
    return appended(a.event());
  }

  private EventRecord appended(EventRecord e) {
    lastSeq = e.seq();
    lastHash = e.hash();
    lastKeyId = e.keyId();
    return e;
  }

  /**
   * A step's end on {@code c}: {@code ahead} sent first (statements the step's transaction still owes the
   * connection, such as a savepoint's way back), {@code fingerprints} stored ({@link FingerprintStore#save}), the
   * step's row ({@link #upsertStep}) and its event ({@link #append}). On PostgreSQL one statement with bind values,
   * one round trip ({@link StepEnd}) — the writes a one-transaction step commits with; on MariaDB one compound
   * statement ({@link MySqlStepWrites}), one transaction when {@code c} is in autocommit; on MySQL one after the
   * other.
   */
  public EventRecord finishStep(Connection c, List<String> ahead, List<FingerprintStore.Row> fingerprints,
      StepRecord s, EventType type, String actor, String detail, Instant at) throws SQLException {
    if (db.dialect() == Dialect.POSTGRES) {
      EventRecord event = next(s.runId(), type, s.stepId(), actor, detail, at);
      StepEnd.write(c, ahead, fingerprints, s, target, event);
      return appended(event);
    }
    if (!ahead.isEmpty()) {
      try (var st = c.createStatement()) {
        for (String sql : ahead) {
          st.execute(sql);
        }
      }
    }
    if (db.dialect() == Dialect.MARIADB) {
      EventRecord event = next(s.runId(), type, s.stepId(), actor, detail, at);
      MySqlStepWrites.write(c, fingerprints, s, target, event);
      return appended(event);
    }
    try {
      for (FingerprintStore.Row f : fingerprints) {
        FingerprintStore.upsert(db.dsl(c), false, f).execute();
      }
    } catch (DataAccessException e) {
      throw translated(e);
    }
    upsertStep(c, s);
    return append(c, s.runId(), type, s.stepId(), actor, detail, at);
  }

  /**
   * PostgreSQL: {@link #finishStep}'s statement as text with its values in it ({@link StepEnd#text}), not sent, to go
   * in one round trip with the step's {@code COMMIT}. The chain moves on to the step's event now, as if written: when
   * the text does not commit, {@link #reset} it to the head before. {@link StepEndText#written} tells afterwards
   * whether the event is in the ledger.
   */
  public StepEndText finishStepText(List<String> ahead, List<FingerprintStore.Row> fingerprints, StepRecord s,
      EventType type, String actor, String detail, Instant at) throws SQLException {
    if (db.dialect() != Dialect.POSTGRES || !colocated) {
      throw new IllegalStateException("a step's end as text is for a ledger in a PostgreSQL target");
    }
    EventRecord event = next(s.runId(), type, s.stepId(), actor, detail, at);
    String sql = StepEnd.text(ahead, fingerprints, s, target, event);
    appended(event);
    return new StepEndText(sql, "SELECT count(*) FROM backstep.event WHERE target = " + StepEnd.literal(target)
        + " AND seq = " + event.seq() + " AND hash = " + StepEnd.literal(event.hash()));
  }

  /**
   * A step's ledger rows as one statement's text ({@link #finishStepText}), and a query that counts its event in the
   * ledger (1 once the rows committed, 0 if they never did: the event's sequence and hash are its alone).
   */
  public record StepEndText(String sql, String written) {}

  /**
   * A step's row and an event about it on {@code c} ({@link #upsertStep}, then {@link #append}): on MariaDB one
   * compound statement, one round trip and, on a connection in autocommit, one transaction; elsewhere one after the
   * other, as before.
   */
  public EventRecord stepWithEvent(Connection c, StepRecord s, EventType type, String actor, String detail,
      Instant at) throws SQLException {
    return stepWithEvent(c, List.of(), s, type, actor, detail, at);
  }

  /**
   * {@link #stepWithEvent} with {@code fingerprints} stored ahead of the row: in the same statement and transaction
   * on MariaDB (a step's "before" with its start), one after the other elsewhere.
   */
  public EventRecord stepWithEvent(Connection c, List<FingerprintStore.Row> fingerprints, StepRecord s,
      EventType type, String actor, String detail, Instant at) throws SQLException {
    if (stepRowAndEventTogether()) {
      return finishStep(c, List.of(), fingerprints, s, type, actor, detail, at);
    }
    FingerprintStore store = new FingerprintStore(db);
    for (FingerprintStore.Row f : fingerprints) {
      store.save(c, f);
    }
    upsertStep(c, s);
    return append(c, s.runId(), type, s.stepId(), actor, detail, at);
  }

  /**
   * Whether {@link #finishStep} writes a step's row and its event in one statement on every connection (MariaDB):
   * then no moment lies between them, on the control connection either.
   */
  public boolean stepRowAndEventTogether() {
    return db.dialect() == Dialect.MARIADB;
  }

  /** The unkeyed hash of one event: its fields and the hash of the event before (also a fleet run's events). */
  public static String hash(String prev, long seq, String runId, Instant at, String type, String stepId, String actor,
      String detail) {
    return hash(null, prev, seq, runId, at, type, stepId, actor, detail);
  }

  /**
   * An event's hash: SHA-256 of its fields and the previous hash, or with {@code key} an HMAC-SHA256 of the same
   * fields and the key's id (so the id stored next to it cannot be swapped unseen).
   */
  static String hash(LedgerKey key, String prev, long seq, String runId, Instant at, String type, String stepId,
      String actor, String detail) {
    String input = String.join("\u001f", prev, Long.toString(seq), String.valueOf(runId),
        Long.toString(at.toEpochMilli()), type, String.valueOf(stepId), String.valueOf(actor), String.valueOf(detail));
    if (key != null) {
      return key.mac(key.id() + "\u001f" + input);
    }
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records a new run. Call right before appending its RUN_STARTED event: the run's order number is that event's
   * sequence, so "latest run" never depends on clock resolution.
   */
  public void insertRun(Connection c, RunRecord r, String playbookText) throws SQLException {
    try {
      RunTagColumns.set(db.dsl(c).insertInto(runs)
          .set(RUN_ID, r.runId()).set(RUN_SEQ, lastSeq + 1).set(CHANGE_ID, r.changeId()).set(TARGET, r.target())
          .set(PLAYBOOK_ID, r.playbookId()).set(PLAYBOOK_VERSION, r.playbookVersion())
          .set(PLAYBOOK_SHA, r.playbookSha256()).set(PLAYBOOK_PATH, r.playbookPath()).set(PLAYBOOK_TEXT, playbookText)
          .set(DIALECT, r.dialect()).set(StateColumns.RUN, r.state()).set(OPERATOR, r.operator())
          .set(OS_USER, r.osUser()).set(HOST, r.host()).set(PID, r.pid()).set(APPROVER, r.approver())
          .set(STARTED_AT, local(r.startedAt())).set(UPDATED_AT, local(r.updatedAt()))
          .set(ENDED_AT, local(r.endedAt())).set(ERROR, r.error()).set(RunTagColumns.DB_IDENTITY, identity()),
          r.tags())
          .execute();
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * Whether {@link #startRun}, {@link #runState} and {@link #runFingerprint} each write their rows as one statement
   * on {@code c} ({@link RunRows}: a ledger on PostgreSQL with the run table's tag columns), so that on a connection
   * in autocommit they are one transaction without a {@code BEGIN} and {@code COMMIT} of their own; elsewhere they
   * write one row after the other, and the caller makes them one transaction.
   */
  public boolean runRowsInOneStatement(Connection c) throws SQLException {
    if (db.dialect() != Dialect.POSTGRES) {
      return false;
    }
    runFields(c);
    return tagColumns;
  }

  /** A new run's row ({@link #insertRun}) and its RUN_STARTED event ({@link #append}). */
  public EventRecord startRun(Connection c, RunRecord r, String playbookText, String actor, String detail,
      Instant at) throws SQLException {
    return startRun(c, r, playbookText, actor, detail, at, null);
  }

  /**
   * {@link #startRun}, and with {@code fingerprint} (else null) the run's fingerprint and its FINGERPRINT event
   * right after RUN_STARTED ({@link #runFingerprint}): one statement on PostgreSQL.
   */
  public EventRecord startRun(Connection c, RunRecord r, String playbookText, String actor, String detail,
      Instant at, FingerprintEvent fingerprint) throws SQLException {
    if (!runRowsInOneStatement(c)) {
      insertRun(c, r, playbookText);
      EventRecord started = append(c, r.runId(), EventType.RUN_STARTED, null, actor, detail, at);
      if (fingerprint != null) {
        runFingerprint(c, fingerprint.row(), fingerprint.actor(), fingerprint.detail(), fingerprint.at());
      }
      return started;
    }
    EventRecord event = next(r.runId(), EventType.RUN_STARTED, null, actor, detail, at);
    if (fingerprint == null) {
      RunRows.started(c, r, playbookText, identity(), target, event, null, null);
      return appended(event);
    }
    Head before = head();
    appended(event); // the FINGERPRINT event links to it
    EventRecord fingerprinted = next(r.runId(), EventType.FINGERPRINT, null, fingerprint.actor(),
        fingerprint.detail(), fingerprint.at());
    reset(before);
    RunRows.started(c, r, playbookText, identity(), target, event, fingerprint.row(), fingerprinted);
    appended(event);
    appended(fingerprinted);
    return event;
  }

  /** A run's fingerprint to store with its FINGERPRINT event ({@link #runFingerprint}). */
  public record FingerprintEvent(FingerprintStore.Row row, String actor, String detail, Instant at) {}

  /**
   * A run's new state ({@link #updateRun}), the event about it ({@link #append}) and the chain head recorded in its
   * row ({@link #recordHead}).
   */
  public EventRecord runState(Connection c, RunRecord r, EventType type, String actor, String detail, Instant at)
      throws SQLException {
    if (!runRowsInOneStatement(c)) {
      updateRun(c, r);
      EventRecord e = append(c, r.runId(), type, null, actor, detail, at);
      recordHead(c, r.runId());
      return e;
    }
    EventRecord event = next(r.runId(), type, null, actor, detail, at);
    RunRows.state(c, r, target, event);
    return appended(event);
  }

  /** A run's fingerprint ({@link FingerprintStore#save}) and the FINGERPRINT event with its hash ({@link #append}). */
  public EventRecord runFingerprint(Connection c, FingerprintStore.Row f, String actor, String detail, Instant at)
      throws SQLException {
    if (!runRowsInOneStatement(c)) {
      new FingerprintStore(targetDb).save(c, f.runId(), f.label(), f.body(), f.at());
      return append(c, f.runId(), EventType.FINGERPRINT, null, actor, detail, at);
    }
    EventRecord event = next(f.runId(), EventType.FINGERPRINT, null, actor, detail, at);
    RunRows.fingerprint(c, f, target, event);
    return appended(event);
  }

  /** Updates a run's state, who holds it now (pid/host of a resuming process) and its error. */
  public void updateRun(Connection c, RunRecord r) throws SQLException {
    try {
      db.dsl(c).update(runs)
          .set(StateColumns.RUN, r.state()).set(UPDATED_AT, local(r.updatedAt())).set(ENDED_AT, local(r.endedAt()))
          .set(ERROR, r.error()).set(PID, r.pid()).set(HOST, r.host()).set(APPROVER, r.approver())
          .set(OPERATOR, r.operator())
          .where(RUN_ID.eq(r.runId()))
          .execute();
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** Inserts or updates a step's row: one statement ({@code ON CONFLICT} / {@code ON DUPLICATE KEY UPDATE}). */
  public void upsertStep(Connection c, StepRecord s) throws SQLException {
    try {
      upsert(db.dsl(c), s).execute();
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * One round trip instead of UPDATE-then-INSERT: same row, same columns updated on conflict (jOOQ writes it as
   * {@code ON DUPLICATE KEY UPDATE} on MySQL/MariaDB, whose step table has no unique key but its primary key).
   */
  private org.jooq.Query upsert(DSLContext d, StepRecord s) {
    return d.insertInto(steps)
        .set(RUN_ID, s.runId()).set(STEP_INDEX, s.index()).set(STEP_ID, s.stepId()).set(KIND, s.kind())
        .set(StateColumns.STEP, s.state()).set(STMT_TOTAL, s.statementsTotal()).set(STMT_DONE, s.statementsDone())
        .set(RB_DONE, s.rollbackDone()).set(ROWS, s.rowsAffected()).set(ATTEMPTS, s.attempts())
        .set(ACTOR, s.actor()).set(STARTED_AT, local(s.startedAt())).set(ENDED_AT, local(s.endedAt()))
        .set(DETAIL, s.detail()).set(ERROR, s.error())
        .onConflict(RUN_ID, STEP_INDEX).doUpdate()
        .set(StateColumns.STEP, s.state()).set(STMT_TOTAL, s.statementsTotal()).set(STMT_DONE, s.statementsDone())
        .set(RB_DONE, s.rollbackDone()).set(ROWS, s.rowsAffected()).set(ATTEMPTS, s.attempts())
        .set(ACTOR, s.actor()).set(STARTED_AT, local(s.startedAt())).set(ENDED_AT, local(s.endedAt()))
        .set(DETAIL, s.detail()).set(ERROR, s.error());
  }

  public Optional<RunRecord> run(Connection c, String runIdOrChangeId) throws SQLException {
    try {
      return db.dsl(c).select(runFields(c)).from(runs)
          .where(mine(c).and(RUN_ID.eq(runIdOrChangeId).or(CHANGE_ID.eq(runIdOrChangeId))))
          .orderBy(RUN_SEQ.desc()).limit(1)
          .fetchOptional().map(Ledger::toRun);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  public String playbookText(Connection c, String runId) throws SQLException {
    try {
      return db.dsl(c).select(PLAYBOOK_TEXT).from(runs).where(RUN_ID.eq(runId)).fetchOne(PLAYBOOK_TEXT);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** Runs, newest first, optionally for one playbook. */
  public List<RunRecord> runs(Connection c, String playbookId, int limit) throws SQLException {
    try {
      var q = db.dsl(c).select(runFields(c)).from(runs);
      var where = mine(c).and(playbookId == null ? DSL.noCondition() : PLAYBOOK_ID.eq(playbookId));
      return q.where(where).orderBy(RUN_SEQ.desc()).limit(limit).fetch().map(Ledger::toRun);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** Runs in any of the given states, oldest first. */
  public List<RunRecord> runsInStates(Connection c, Collection<RunState> states) throws SQLException {
    try {
      return db.dsl(c).select(runFields(c)).from(runs).where(mine(c).and(StateColumns.RUN.in(states)))
          .orderBy(RUN_SEQ)
          .fetch().map(Ledger::toRun);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  public List<StepRecord> steps(Connection c, String runId) throws SQLException {
    try {
      return db.dsl(c).select(RUN_ID, STEP_INDEX, STEP_ID, KIND, StateColumns.STEP, STMT_TOTAL, STMT_DONE, RB_DONE,
              ROWS, ATTEMPTS, ACTOR, STARTED_AT, ENDED_AT, DETAIL, ERROR)
          .from(steps).where(RUN_ID.eq(runId)).orderBy(STEP_INDEX)
          .fetch(r -> new StepRecord(r.get(RUN_ID), r.get(STEP_INDEX), r.get(STEP_ID), r.get(KIND),
              r.get(StateColumns.STEP), nz(r.get(STMT_TOTAL)), nz(r.get(STMT_DONE)), nz(r.get(RB_DONE)),
              r.get(ROWS) == null ? 0 : r.get(ROWS), nz(r.get(ATTEMPTS)), r.get(ACTOR), instant(r.get(STARTED_AT)),
              instant(r.get(ENDED_AT)), r.get(DETAIL), r.get(ERROR)));
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** Events of a run (or all events when {@code runId} is null), in order. */
  public List<EventRecord> events(Connection c, String runId) throws SQLException {
    try {
      // A run's events, under whichever name of the database recorded them (run ids are unique); all events: this
      // name's chain, in order.
      var where = runId == null ? TARGET.eq(target) : RUN_ID.eq(runId);
      Field<String> keyId = keyIdField(c);
      return db.dsl(c).select(SEQ, RUN_ID, AT, TYPE, STEP_ID, ACTOR, DETAIL, PREV_HASH, HASH, keyId).from(events)
          .where(where).orderBy(runId == null ? List.of(SEQ.asc()) : List.of(AT.asc(), TARGET.asc(), SEQ.asc()))
          .fetch(r -> new EventRecord(r.get(SEQ), r.get(RUN_ID), instant(r.get(AT)), r.get(TYPE), r.get(STEP_ID),
              r.get(ACTOR), r.get(DETAIL), r.get(PREV_HASH), r.get(HASH), r.get(keyId)));
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * The result of recomputing the hash chain: the first broken link, if any. {@code keyed} events carry an HMAC;
   * {@code unchecked} of them could not be recomputed because no key was given (their links were still checked).
   * {@code intact} here means the links hold; its JSON (every output that reports the chain) names that
   * {@code linksHold} and gives {@code intact} the meaning of {@link #proven()}, with the verdict and counts beside.
   */
  @JsonPropertyOrder({"intact", "verdict", "events", "keyed", "unchecked", "linksHold", "firstBadSeq", "problem"})
  public record ChainCheck(long events, @JsonProperty("linksHold") boolean intact, long firstBadSeq, String problem,
      long keyed, long unchecked) {
    /** A check of a chain with no keyed events. */
    public ChainCheck(long events, boolean intact, long firstBadSeq, String problem) {
      this(events, intact, firstBadSeq, problem, 0, 0);
    }

    /** This check, failed at event {@code seq} for {@code why}. */
    public ChainCheck failed(long seq, String why) {
      return new ChainCheck(events, false, seq, why, keyed, unchecked);
    }

    /** Every event was checked and recomputes: only then may an output call the chain intact (JSON "intact"). */
    @JsonProperty("intact")
    public boolean proven() {
      return intact && unchecked == 0;
    }

    /** {@link ChainVerdict#of}: the chain's state as every output names it. */
    @JsonProperty("verdict")
    public ChainVerdict verdict() {
      return ChainVerdict.of(this);
    }
  }

  /** This target's chain head as stored now (sequence 0 and 64 zeros when empty). */
  public Head head(Connection c) throws SQLException {
    try {
      Record r = db.dsl(c).select(SEQ, HASH).from(events).where(TARGET.eq(target)).orderBy(SEQ.desc()).limit(1)
          .fetchOne();
      return r == null ? new Head(0, GENESIS) : new Head(r.get(SEQ), r.get(HASH));
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /** The stored hash of this target's event {@code seq}, if there is one. */
  public Optional<String> eventHash(Connection c, long seq) throws SQLException {
    try {
      return db.dsl(c).select(HASH).from(events).where(TARGET.eq(target).and(SEQ.eq(seq))).fetchOptional(HASH);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * Records the chain head in the run's row (call right after appending a run-state event): the newest events can no
   * longer be deleted unseen, nor all of them.
   */
  public void recordHead(Connection c, String runId) throws SQLException {
    try {
      runFields(c);
      if (tagColumns && lastSeq > 0) {
        db.dsl(c).update(runs).set(RunTagColumns.HEAD_SEQ, lastSeq).set(RunTagColumns.HEAD_HASH, lastHash)
            .where(RUN_ID.eq(runId).and(TARGET.eq(target))).execute(); // the head of this name's chain
      }
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  /**
   * Recomputes this target's hash chain: every event in sequence, linked to the one before and unaltered; then every
   * run's recorded head (see {@link #recordHead}) must still be in the chain, so truncation shows. What it cannot see:
   * the run rows and events deleted together, or the chain rewritten with fresh hashes by someone with write access.
   */
  public ChainCheck verifyChain(Connection c) throws SQLException {
    ChainCheck chain = verifyLinks(c);
    if (!chain.intact()) {
      return chain;
    }
    try {
      runFields(c);
      if (!tagColumns) {
        return chain;
      }
      Map<Long, String> hashes = new java.util.HashMap<>();
      for (EventRecord e : events(c, null)) {
        hashes.put(e.seq(), e.hash());
      }
      for (Record r : db.dsl(c).select(CHANGE_ID, RunTagColumns.HEAD_SEQ, RunTagColumns.HEAD_HASH).from(runs)
          .where(TARGET.eq(target).and(RunTagColumns.HEAD_SEQ.isNotNull())).orderBy(RUN_SEQ).fetch()) {
        long seq = r.get(RunTagColumns.HEAD_SEQ);
        String hash = hashes.get(seq);
        if (hash == null || !hash.equals(r.get(RunTagColumns.HEAD_HASH))) {
          return chain.failed(seq, "the ledger was truncated or rewritten: run "
              + r.get(CHANGE_ID) + " recorded event " + seq + " as the chain's head, and it is "
              + (hash == null ? "missing" : "different"));
        }
      }
      return chain;
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  private ChainCheck verifyLinks(Connection c) throws SQLException {
    try {
      String prev = GENESIS;
      long expectedSeq = 1;
      long n = 0;
      long keyed = 0;
      long unchecked = 0;
      for (EventRecord e : events(c, null)) {
        n++;
        String problem = null;
        if (e.seq() != expectedSeq) {
          problem = "event " + expectedSeq + " is missing (next is " + e.seq() + ")";
        } else if (!e.prevHash().equals(prev)) {
          problem = "event " + e.seq() + " does not link to the event before it";
        } else if (e.keyId() == null && keyed > 0) {
          problem = "event " + e.seq() + " is not keyed although the events before it are: the chain was rewritten "
              + "without the key";
        } else if (e.keyId() != null) {
          keyed++;
          if (key == null) {
            unchecked++;
          } else if (!key.id().equals(e.keyId())) {
            problem = "event " + e.seq() + " is keyed with another key (id " + e.keyId() + ", the key given is "
                + key.id() + ")";
          }
        }
        if (problem == null && (e.keyId() == null || key != null)) {
          String h = hash(e.keyId() == null ? null : key, prev, e.seq(), e.runId(), e.at(), e.type(), e.stepId(),
              e.actor(), e.detail());
          if (!h.equals(e.hash())) {
            problem = "event " + e.seq() + " was altered (" + (e.keyId() == null ? "hash" : "HMAC") + " mismatch)";
          }
        }
        if (problem != null) {
          return new ChainCheck(n, false, e.seq(), problem, keyed, unchecked);
        }
        prev = e.hash();
        expectedSeq++;
      }
      return new ChainCheck(n, true, 0, "", keyed, unchecked);
    } catch (DataAccessException e) {
      throw translated(e);
    }
  }

  private List<Field<?>> runFields(Connection c) throws SQLException {
    if (tagColumns == null) {
      tagColumns = RunTagColumns.missing(c, runs, schema == null ? null : schema.last()).isEmpty();
    }
    List<Field<?>> f = new ArrayList<>(List.of(RUN_ID, CHANGE_ID, TARGET, PLAYBOOK_ID, PLAYBOOK_VERSION, PLAYBOOK_SHA,
        PLAYBOOK_PATH, DIALECT, StateColumns.RUN, OPERATOR, OS_USER, HOST, PID, APPROVER, STARTED_AT, UPDATED_AT,
        ENDED_AT, ERROR));
    if (tagColumns) {
      f.addAll(RunTagColumns.ALL);
    }
    return f;
  }

  private static RunRecord toRun(Record r) {
    return new RunRecord(r.get(RUN_ID), r.get(CHANGE_ID), r.get(TARGET), r.get(PLAYBOOK_ID),
        nz(r.get(PLAYBOOK_VERSION)), r.get(PLAYBOOK_SHA), r.get(PLAYBOOK_PATH), r.get(DIALECT), r.get(StateColumns.RUN),
        r.get(OPERATOR), r.get(OS_USER), r.get(HOST), r.get(PID) == null ? 0 : r.get(PID), r.get(APPROVER),
        instant(r.get(STARTED_AT)), instant(r.get(UPDATED_AT)), instant(r.get(ENDED_AT)), r.get(ERROR),
        RunTagColumns.read(r));
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  static Long local(Instant i) {
    return i == null ? null : i.toEpochMilli();
  }

  static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }
}
