package backstep.ledger;

import backstep.db.Database;
import backstep.db.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The fingerprints a run takes of its target, kept with the ledger: {@code backstep.fingerprint} on PostgreSQL,
 * {@code backstep_fingerprint} on MySQL/MariaDB, one row per run and label ({@code run} before the first step,
 * {@code step:<id>} before a step), the body as JSON with its SHA-256. The engine records that hash in a
 * hash-chained {@code FINGERPRINT} event, so a body edited afterwards no longer matches the chain. The ledger does
 * not read the bodies: the engine does, to prove a rollback.
 */
public final class FingerprintStore {
  static final Field<String> LABEL = DSL.field(DSL.name("label"), SQLDataType.VARCHAR(200).nullable(false));
  static final Field<String> SHA = DSL.field(DSL.name("sha256"), SQLDataType.CHAR(64).nullable(false));
  static final Field<String> BODY = DSL.field(DSL.name("body"), SQLDataType.CLOB.nullable(false));

  private final Database db;
  private final Table<Record> table;

  public FingerprintStore(Database target) {
    this.db = target.ledgerStore();
    this.table = table(db.dialect() == Dialect.POSTGRES);
  }

  private static Table<Record> table(boolean pg) {
    return DSL.table(pg ? DSL.name("backstep", "fingerprint") : DSL.name("backstep_fingerprint"));
  }

  /** Creates the table if absent (called by {@link Ledger#ensureSchema}). */
  static void create(DSLContext d, boolean pg) {
    d.createTableIfNotExists(table(pg))
        .columns(LedgerColumns.RUN_ID, LABEL, LedgerColumns.STARTED_AT, SHA, BODY)
        .constraints(DSL.primaryKey(LedgerColumns.RUN_ID, LABEL))
        .execute();
  }

  /** Stores (or replaces) a run's fingerprint under {@code label}; returns the body's SHA-256. */
  public String save(Connection c, String runId, String label, String body, Instant at) throws SQLException {
    return save(c, new Row(runId, label, body, at));
  }

  /** Stores (or replaces) {@code row}; returns its SHA-256 (taken once, when the row was made). */
  public String save(Connection c, Row row) throws SQLException {
    try { // one statement, one commit: replaces the one a retried step stored
      upsert(db.dsl(c), db.dialect() == Dialect.POSTGRES, row).execute();
    } catch (org.jooq.exception.DataAccessException e) {
      throw LedgerColumns.translated(e);
    }
    return row.sha256();
  }

  /**
   * A fingerprint to store: run, label, JSON body, when it was taken, and the body's SHA-256 (stored with it and
   * recorded in the hash chain). The hash is taken once, here, and cannot be given: a run's full "before" is about
   * 50 KB for 100 tables, and each of its uses (the event's detail, the upsert, the caller) used to hash it again.
   */
  public static final class Row {
    private final String runId;
    private final String label;
    private final String body;
    private final Instant at;
    private final String sha256;

    public Row(String runId, String label, String body, Instant at) {
      this.runId = runId;
      this.label = label;
      this.body = body;
      this.at = at;
      this.sha256 = FingerprintStore.sha256(body);
    }

    public String runId() {
      return runId;
    }

    public String label() {
      return label;
    }

    public String body() {
      return body;
    }

    public Instant at() {
      return at;
    }

    /** The SHA-256 of {@link #body()}'s UTF-8 text, in lower-case hex: stored with it, recorded in the chain. */
    public String sha256() {
      return sha256;
    }
  }

  /**
   * The insert that stores (or replaces) {@code row} ({@link Ledger#finishStep} sends it with a step's rows). The
   * replacing update takes the inserted row's values ({@code EXCLUDED.body}, MariaDB's {@code VALUES(body)}) rather
   * than the body bound a second time: a run's full "before" went to the server twice.
   */
  static org.jooq.Query upsert(DSLContext d, boolean pg, Row row) {
    return d.insertInto(table(pg)).set(LedgerColumns.RUN_ID, row.runId()).set(LABEL, row.label())
        .set(LedgerColumns.STARTED_AT, row.at().toEpochMilli()).set(SHA, row.sha256()).set(BODY, row.body())
        .onConflict(LedgerColumns.RUN_ID, LABEL).doUpdate()
        .set(LedgerColumns.STARTED_AT, DSL.excluded(LedgerColumns.STARTED_AT)).set(SHA, DSL.excluded(SHA))
        .set(BODY, DSL.excluded(BODY));
  }

  /** One stored fingerprint: its body and the SHA-256 recorded with it. */
  public record Stored(String body, String sha256) {
    /** Whether the body still hashes to the recorded value. */
    public boolean intact() {
      return FingerprintStore.sha256(body).equals(sha256);
    }
  }

  public Optional<Stored> load(Connection c, String runId, String label) throws SQLException {
    return db.dsl(c).select(BODY, SHA).from(table).where(LedgerColumns.RUN_ID.eq(runId).and(LABEL.eq(label)))
        .fetchOptional(r -> new Stored(r.get(BODY), r.get(SHA)));
  }

  /**
   * Every fingerprint of run {@code runId} whose label starts with {@code prefix}, by label, in one query (a rollback
   * in a new process needs the "before" of every step it undoes: one read instead of one a step).
   */
  public Map<String, Stored> loadAll(Connection c, String runId, String prefix) throws SQLException {
    Map<String, Stored> out = new HashMap<>();
    try {
      db.dsl(c).select(LABEL, BODY, SHA).from(table).where(LedgerColumns.RUN_ID.eq(runId).and(LABEL.startsWith(prefix)))
          .fetch().forEach(r -> out.put(r.get(LABEL), new Stored(r.get(BODY), r.get(SHA))));
    } catch (org.jooq.exception.DataAccessException e) {
      throw LedgerColumns.translated(e);
    }
    return out;
  }

  /** The SHA-256 that {@link #save} records for {@code body}. */
  public static String sha256Of(String body) {
    return sha256(body);
  }

  static String sha256(String body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
