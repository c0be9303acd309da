package backstep.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MariaDB: a step's ledger writes on one connection — the fingerprints stored with it, its {@code step_exec} row
 * (inserted or updated: {@code ON DUPLICATE KEY UPDATE}) and its hash-chained event — as one compound statement
 * ({@code BEGIN NOT ATOMIC … END}), one round trip where they were two to four. On a connection in autocommit (the
 * control connection, where MariaDB's ledger rows go because its DDL commits implicitly) the block is one
 * transaction: an error rolls all of it back and is raised with the server's code ({@code RESIGNAL}), so a step row
 * is never committed without its event. Inside a caller's transaction it only adds to that transaction. The rows are
 * the ones {@link FingerprintStore#upsert}, {@link Ledger#upsertStep} and {@link Ledger#append} write; the text is
 * written once per shape and the values go as bind values (client-side prepared: the server does not prepare a
 * compound statement). MySQL has no compound statements outside stored programs and keeps the one-by-one writes.
 */
final class MySqlStepWrites {
  private static final String STEP_COLUMNS = "run_id, step_index, step_id, kind, state, statements_total, "
      + "statements_done, rollback_done, rows_affected, attempts, actor, started_ms, ended_ms, detail, error_message";
  /** The columns a step row's upsert sets when the row is there (all but its key, id and kind). */
  private static final List<String> STEP_UPDATED = List.of("state", "statements_total", "statements_done",
      "rollback_done", "rows_affected", "attempts", "actor", "started_ms", "ended_ms", "detail", "error_message");
  private static final String EVENT_COLUMNS = "target, seq, run_id, at_ms, event_type, step_id, actor, detail, "
      + "prev_hash, hash";

  private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

  private MySqlStepWrites() {}

  /** The block for {@code fingerprints} fingerprint rows, a step row and an event (keyed or not). */
  static String sql(int fingerprints, boolean keyed, boolean ownTransaction) {
    String shape = fingerprints + "|" + keyed + "|" + ownTransaction;
    return TEXTS.computeIfAbsent(shape, k -> render(fingerprints, keyed, ownTransaction));
  }

  private static String render(int fingerprints, boolean keyed, boolean ownTransaction) {
    StringBuilder b = new StringBuilder("BEGIN NOT ATOMIC\n");
    if (ownTransaction) {
      b.append("DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;\nSTART TRANSACTION;\n");
    }
    for (int i = 0; i < fingerprints; i++) {
      b.append("INSERT INTO backstep_fingerprint (run_id, label, started_ms, sha256, body) VALUES (?, ?, ?, ?, ?) "
          + "ON DUPLICATE KEY UPDATE started_ms = VALUE(started_ms), sha256 = VALUE(sha256), body = VALUE(body);\n");
    }
    b.append("INSERT INTO backstep_step_exec (").append(STEP_COLUMNS).append(") VALUES (").append(marks(15))
        .append(") ON DUPLICATE KEY UPDATE ")
        .append(String.join(", ", STEP_UPDATED.stream().map(col -> col + " = VALUE(" + col + ")").toList()))
        .append(";\n");
    b.append("INSERT INTO backstep_event (").append(EVENT_COLUMNS).append(keyed ? ", hash_key" : "")
        .append(") VALUES (").append(marks(keyed ? 11 : 10)).append(");\n");
    if (ownTransaction) {
      b.append("COMMIT;\n");
    }
    return b.append("END").toString();
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** Sends the step's rows on {@code c}: one statement, one round trip (one transaction in autocommit). */
  static void write(Connection c, List<FingerprintStore.Row> fingerprints, StepRecord s, String target,
      EventRecord event) throws SQLException {
    String sql = sql(fingerprints.size(), event.keyId() != null, c.getAutoCommit());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      StepEnd.bind(ps, fingerprints, s, target, event);
      ps.execute();
    }
  }
}
