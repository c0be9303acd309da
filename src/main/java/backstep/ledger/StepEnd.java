package backstep.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL: a one-transaction step's ledger rows — the fingerprints stored with it, its {@code step_exec} upsert and
 * its hash-chained event — as one statement with bind values (data-modifying CTEs), in one round trip with what the
 * step's transaction still owes the connection ahead of it. The text is written once per shape (how many
 * fingerprints, keyed chain or not, what goes ahead), not built by jOOQ per step, and the driver prepares it on the
 * server after a few uses, so the server does not plan three inserts afresh every step. The rows are the ones
 * {@link FingerprintStore#upsert}, {@link Ledger#upsertStep} and {@link Ledger#append} write.
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
      b.append("f").append(i).append(" AS (INSERT INTO backstep.fingerprint (run_id, label, started_ms, sha256, body)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, label) DO UPDATE SET started_ms = EXCLUDED.started_ms, "
          + "sha256 = EXCLUDED.sha256, body = EXCLUDED.body),\n");
    }
    b.append("s AS (INSERT INTO backstep.step_exec (").append(STEP_COLUMNS).append(") VALUES (")
        .append(marks(15)).append(") ON CONFLICT (run_id, step_index) DO UPDATE SET ")
        .append(String.join(", ", STEP_UPDATED.stream().map(col -> col + " = EXCLUDED." + col).toList()))
        .append(")\n");
    b.append("INSERT INTO backstep.event (").append(EVENT_COLUMNS).append(keyed ? ", hash_key" : "")
        .append(") VALUES (").append(marks(keyed ? 11 : 10)).append(")");
    return b.toString();
  }

  private static String marks(int n) {
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
   * Binds the step's rows in the order both shapes of the statement take them, this one's and MariaDB's compound
   * statement's ({@link MySqlStepWrites}): the fingerprints, the step row, the event (and its key id when keyed).
   */
  static void bind(PreparedStatement ps, List<FingerprintStore.Row> fingerprints, StepRecord s, String target,
      EventRecord event) throws SQLException {
    int i = 1;
    for (FingerprintStore.Row f : fingerprints) {
      ps.setString(i++, f.runId());
      ps.setString(i++, f.label());
      ps.setLong(i++, f.at().toEpochMilli());
      ps.setString(i++, f.sha256());
      ps.setString(i++, f.body());
    }
    ps.setString(i++, s.runId());
    ps.setInt(i++, s.index());
    ps.setString(i++, s.stepId());
    ps.setString(i++, s.kind());
    ps.setString(i++, s.state().name());
    ps.setInt(i++, s.statementsTotal());
    ps.setInt(i++, s.statementsDone());
    ps.setInt(i++, s.rollbackDone());
    ps.setLong(i++, s.rowsAffected());
    ps.setInt(i++, s.attempts());
    ps.setString(i++, s.actor());
    i = millis(ps, i, Ledger.local(s.startedAt()));
    i = millis(ps, i, Ledger.local(s.endedAt()));
    ps.setString(i++, s.detail());
    ps.setString(i++, s.error());
    ps.setString(i++, target);
    ps.setLong(i++, event.seq());
    ps.setString(i++, event.runId());
    ps.setLong(i++, event.at().toEpochMilli());
    ps.setString(i++, event.type());
    ps.setString(i++, event.stepId());
    ps.setString(i++, event.actor());
    ps.setString(i++, event.detail());
    ps.setString(i++, event.prevHash());
    ps.setString(i++, event.hash());
    if (event.keyId() != null) {
      ps.setString(i, event.keyId());
    }
  }

  private static int millis(PreparedStatement ps, int i, Long ms) throws SQLException {
    if (ms == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, ms);
    }
    return i + 1;
  }
}
