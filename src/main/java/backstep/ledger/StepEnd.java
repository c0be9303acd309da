package backstep.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL: a one-transaction step's ledger rows — the fingerprints stored with it, its {@code step_exec} upsert and
 * its hash-chained event — as one statement with bind values (data-modifying CTEs), in one round trip with what the
 * step's transaction still owes the connection ahead of it. The text is written once per shape (how many
 * fingerprints, keyed chain or not, what goes ahead), not built by jOOQ per step, and the driver prepares it on the
 * server after a few uses, so the server does not plan three inserts afresh every step. The rows are the ones
 * {@link FingerprintStore#upsert}, {@link Ledger#upsertStep} and {@link Ledger#append} write. The same statement with
 * its values written in as literals ({@link #text}) goes in one round trip with the step's commit.
 */
final class StepEnd {
  private static final String STEP_COLUMNS = "run_id, step_index, step_id, kind, state, statements_total, "
      + "statements_done, rollback_done, rows_affected, attempts, actor, started_ms, ended_ms, detail, error_message";
  /** The columns a step row's upsert sets when the row is there (all but its key, id and kind). */
  private static final List<String> STEP_UPDATED = List.of("state", "statements_total", "statements_done",
      "rollback_done", "rows_affected", "attempts", "actor", "started_ms", "ended_ms", "detail", "error_message");
  private static final String EVENT_COLUMNS = "target, seq, run_id, at_ms, event_type, step_id, actor, detail, "
      + "prev_hash, hash";

  private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

  private StepEnd() {}

  /** The statement for {@code fingerprints} fingerprint rows and an event with or without its key id. */
  static String sql(List<String> ahead, int fingerprints, boolean keyed) {
    String shape = String.join(";", ahead) + "|" + fingerprints + "|" + keyed;
    return TEXTS.computeIfAbsent(shape, k -> render(ahead, fingerprints, keyed));
  }

  private static String render(List<String> ahead, int fingerprints, boolean keyed) {
    StringBuilder b = new StringBuilder();
    ahead.forEach(a -> b.append(a).append(";\n"));
    b.append("WITH ");
    for (int i = 0; i < fingerprints; i++) {
      b.append("f").append(i).append(" AS (").append(FINGERPRINT_UPSERT).append("),\n");
    }
    b.append("s AS (INSERT INTO backstep.step_exec (").append(STEP_COLUMNS).append(") VALUES (")
        .append(marks(15)).append(") ON CONFLICT (run_id, step_index) DO UPDATE SET ")
        .append(String.join(", ", STEP_UPDATED.stream().map(col -> col + " = EXCLUDED." + col).toList()))
        .append(")\n");
    b.append(eventInsert(keyed));
    return b.toString();
  }

  /** A fingerprint row's upsert, five bind values ({@link #fingerprintValues}): {@link FingerprintStore#upsert}'s. */
  static final String FINGERPRINT_UPSERT = "INSERT INTO backstep.fingerprint (run_id, label, started_ms, sha256, body)"
      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, label) DO UPDATE SET started_ms = EXCLUDED.started_ms, "
      + "sha256 = EXCLUDED.sha256, body = EXCLUDED.body";

  /** An event's insert, ten bind values or eleven when keyed ({@link #eventValues}): {@link Ledger#append}'s row. */
  static String eventInsert(boolean keyed) {
    return "INSERT INTO backstep.event (" + EVENT_COLUMNS + (keyed ? ", hash_key" : "") + ") VALUES ("
        + marks(keyed ? 11 : 10) + ")";
  }

  static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /** Sends the step's rows (and {@code ahead}) on {@code c}: one statement, one round trip. */
  static void write(Connection c, List<String> ahead, List<FingerprintStore.Row> fingerprints, StepRecord s,
      String target, EventRecord event) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql(ahead, fingerprints.size(), event.keyId() != null))) {
      bind(ps, fingerprints, s, target, event);
      ps.execute();
    }
  }

  /**
   * The same statement as {@link #write} sends, with its values written into the text as literals instead of bound:
   * a text that can go in one round trip with statements after it (the step's {@code COMMIT}), where a prepared
   * statement could not take a query of the playbook's (pgjdbc would read a {@code ?} in it as a parameter).
   */
  static String text(List<String> ahead, List<FingerprintStore.Row> fingerprints, StepRecord s, String target,
      EventRecord event) {
    String body = sql(List.of(), fingerprints.size(), event.keyId() != null);
    List<Object> values = values(fingerprints, s, target, event);
    StringBuilder b = new StringBuilder(body.length() + 64 * values.size());
    ahead.forEach(a -> b.append(a).append(";\n"));
    int v = 0;
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch == '?') { // the template's only question marks are its parameters
        literal(b, values.get(v++));
      } else {
        b.append(ch);
      }
    }
    if (v != values.size()) {
      throw new IllegalStateException("step end: " + v + " parameters for " + values.size() + " values");
    }
    return b.toString();
  }

  /**
   * A value as a PostgreSQL literal: an escape string constant ({@code E'…'}, the same whatever
   * {@code standard_conforming_strings} says), a number, or NULL.
   */
  static void literal(StringBuilder b, Object value) {
    if (value == null || value instanceof Null) {
      b.append("NULL");
    } else if (value instanceof String str) {
      b.append("E'");
      for (int i = 0; i < str.length(); i++) {
        char ch = str.charAt(i);
        if (ch == '\\') {
          b.append("\\\\");
        } else if (ch == '\'') {
          b.append("''");
        } else {
          b.append(ch);
        }
      }
      b.append('\'');
    } else {
      b.append(value); // Integer or Long
    }
  }

  /** {@link #literal} of {@code value}. */
  static String literal(String value) {
    StringBuilder b = new StringBuilder();
    literal(b, value);
    return b.toString();
  }

  /** A null bound as a BIGINT (a step row's missing start or end); a plain null is bound as a string. */
  private static final Object NULL_BIGINT = new Null(Types.BIGINT);

  /** A null bound with its column's type (a plain null is bound as a string, which an integer column refuses). */
  record Null(int sqlType) {}

  /** {@code value}, or a null of {@code sqlType} in its place. */
  static Object orNull(Object value, int sqlType) {
    return value == null ? new Null(sqlType) : value;
  }

  /**
   * The step's rows' values in the order both shapes of the statement take them, this one's and MariaDB's compound
   * statement's ({@link MySqlStepWrites}): the fingerprints, the step row, the event (and its key id when keyed).
   */
  private static List<Object> values(List<FingerprintStore.Row> fingerprints, StepRecord s, String target,
      EventRecord event) {
    List<Object> v = new ArrayList<>(5 * fingerprints.size() + 26);
    for (FingerprintStore.Row f : fingerprints) {
      fingerprintValues(v, f);
    }
    v.add(s.runId());
    v.add(s.index());
    v.add(s.stepId());
    v.add(s.kind());
    v.add(s.state().name());
    v.add(s.statementsTotal());
    v.add(s.statementsDone());
    v.add(s.rollbackDone());
    v.add(s.rowsAffected());
    v.add(s.attempts());
    v.add(s.actor());
    v.add(millis(LedgerColumns.local(s.startedAt())));
    v.add(millis(LedgerColumns.local(s.endedAt())));
    v.add(s.detail());
    v.add(s.error());
    eventValues(v, target, event);
    return v;
  }

  /** A fingerprint row's values in {@link #FINGERPRINT_UPSERT}'s order. */
  static void fingerprintValues(List<Object> v, FingerprintStore.Row f) {
    v.add(f.runId());
    v.add(f.label());
    v.add(f.at().toEpochMilli());
    v.add(f.sha256());
    v.add(f.body());
  }

  /** An event's values in {@link #eventInsert}'s order (its key id last, when keyed). */
  static void eventValues(List<Object> v, String target, EventRecord event) {
    v.add(target);
    v.add(event.seq());
    v.add(event.runId());
    v.add(event.at().toEpochMilli());
    v.add(event.type());
    v.add(event.stepId());
    v.add(event.actor());
    v.add(event.detail());
    v.add(event.prevHash());
    v.add(event.hash());
    if (event.keyId() != null) {
      v.add(event.keyId());
    }
  }

  /** {@code ms} as a value to bind: a null as a BIGINT. */
  static Object millis(Long ms) {
    return ms == null ? NULL_BIGINT : ms;
  }

  /** Binds the step's rows ({@link #values}), each as it always was: strings (null too), ints, longs. */
  static void bind(PreparedStatement ps, List<FingerprintStore.Row> fingerprints, StepRecord s, String target,
      EventRecord event) throws SQLException {
    bind(ps, values(fingerprints, s, target, event));
  }

  /**
   * Binds {@code values} in order, each as jOOQ bound it: strings (null too), ints, longs, booleans, a typed
   * {@link Null} as a null of its type.
   */
  static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
    int i = 1;
    for (Object v : values) {
      if (v instanceof Null n) {
        ps.setNull(i++, n.sqlType());
      } else if (v instanceof Integer n) {
        ps.setInt(i++, n);
      } else if (v instanceof Long n) {
        ps.setLong(i++, n);
      } else if (v instanceof Boolean t) {
        ps.setBoolean(i++, t);
      } else {
        ps.setString(i++, (String) v);
      }
    }
  }
}
