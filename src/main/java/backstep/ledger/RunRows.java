package backstep.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: a run's ledger rows that belong together, each set as one statement with bind values (data-modifying
 * CTEs) instead of {@code BEGIN}, two or three jOOQ statements and {@code COMMIT}: a new run's row with its
 * RUN_STARTED event; a run's state with its event and the chain head; the run's fingerprint with its FINGERPRINT
 * event. One statement in autocommit is one transaction, so they are still all or none, with one commit; they are
 * the rows {@link Ledger#insertRun}, {@link Ledger#updateRun}, {@link Ledger#recordHead},
 * {@link FingerprintStore#save} and {@link Ledger#append} write, one round trip instead of three to five.
 */
final class RunRows {
  private static final String RUN_COLUMNS = "run_id, run_seq, change_id, target, playbook_id, playbook_version, "
      + "playbook_sha256, playbook_path, playbook_text, dialect, state, operator_name, os_user, host, pid, approver, "
      + "started_ms, updated_ms, ended_ms, error_message, git_commit, git_dirty, run_tags, db_identity";

  private RunRows() {}

  /**
   * A new run's row and its first event; with {@code fingerprint} (else null) also the run's fingerprint and its
   * FINGERPRINT event {@code fingerprinted}, the event after it.
   */
  static void started(Connection c, RunRecord r, String playbookText, String identity, String target,
      EventRecord event, FingerprintStore.Row fingerprint, EventRecord fingerprinted) throws SQLException {
    List<Object> v = new ArrayList<>(36);
    v.add(r.runId());
    v.add(event.seq()); // the run's order number is its RUN_STARTED event's sequence
    v.add(r.changeId());
    v.add(r.target());
    v.add(r.playbookId());
    v.add(r.playbookVersion());
    v.add(r.playbookSha256());
    v.add(r.playbookPath());
    v.add(playbookText);
    v.add(r.dialect());
    v.add(r.state().name());
    v.add(r.operator());
    v.add(r.osUser());
    v.add(r.host());
    v.add(r.pid());
    v.add(r.approver());
    v.add(StepEnd.millis(LedgerColumns.local(r.startedAt())));
    v.add(StepEnd.millis(LedgerColumns.local(r.updatedAt())));
    v.add(StepEnd.millis(LedgerColumns.local(r.endedAt())));
    v.add(r.error());
    v.add(r.tags().gitCommit());
    v.add(StepEnd.orNull(r.tags().gitDirty(), Types.BOOLEAN));
    v.add(r.tags().labels().isEmpty() ? null : backstep.playbook.Json.compact(r.tags().labels()));
    v.add(identity);
    String sql = "WITH r AS (INSERT INTO backstep.run (" + RUN_COLUMNS + ") VALUES (" + StepEnd.marks(24) + "))\n";
    if (fingerprint != null) {
      StepEnd.fingerprintValues(v, fingerprint);
      StepEnd.eventValues(v, target, event);
      sql += ", f AS (" + StepEnd.FINGERPRINT_UPSERT + ")\n, e AS (" + StepEnd.eventInsert(event.keyId() != null)
          + ")\n";
      event = fingerprinted;
    }
    StepEnd.eventValues(v, target, event);
    send(c, sql + StepEnd.eventInsert(event.keyId() != null), v);
  }

  /**
   * A run's state and the event about it, with the chain head recorded in the run's row when the row is this
   * target's ({@link Ledger#recordHead}'s condition: a run found under another name of the same database keeps the
   * head of that name's chain).
   */
  static void state(Connection c, RunRecord r, String target, EventRecord event) throws SQLException {
    List<Object> v = new ArrayList<>(24);
    v.add(r.state().name());
    v.add(StepEnd.millis(LedgerColumns.local(r.updatedAt())));
    v.add(StepEnd.millis(LedgerColumns.local(r.endedAt())));
    v.add(r.error());
    v.add(r.pid());
    v.add(r.host());
    v.add(r.approver());
    v.add(r.operator());
    v.add(target);
    v.add(event.seq());
    v.add(target);
    v.add(event.hash());
    v.add(r.runId());
    StepEnd.eventValues(v, target, event);
    send(c, "WITH u AS (UPDATE backstep.run SET state = ?, updated_ms = ?, ended_ms = ?, error_message = ?, pid = ?, "
        + "host = ?, approver = ?, operator_name = ?, head_seq = CASE WHEN target = ? THEN CAST(? AS bigint) ELSE "
        + "head_seq END, head_hash = CASE WHEN target = ? THEN CAST(? AS char(64)) ELSE head_hash END "
        + "WHERE run_id = ?)\n" + StepEnd.eventInsert(event.keyId() != null), v);
  }

  /** A fingerprint's row and the event that records its hash. */
  static void fingerprint(Connection c, FingerprintStore.Row f, String target, EventRecord event)
      throws SQLException {
    List<Object> v = new ArrayList<>(16);
    StepEnd.fingerprintValues(v, f);
    StepEnd.eventValues(v, target, event);
    send(c, "WITH f AS (" + StepEnd.FINGERPRINT_UPSERT + ")\n" + StepEnd.eventInsert(event.keyId() != null), v);
  }

  private static void send(Connection c, String sql, List<Object> values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      StepEnd.bind(ps, values);
      ps.execute();
    }
  }
}
