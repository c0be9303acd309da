package backstep.ledger;

/** What a ledger event records. Events are append-only and hash-chained. */
public enum EventType {
  RUN_STARTED,
  RUN_RESUMED,
  STEP_STARTED,
  /** A statement that commits on its own is about to be sent (its intent: position, line, session, fingerprint). */
  STATEMENT_SENT,
  STATEMENT_DONE,
  /**
   * After a crash: what the database showed of a statement recorded as sent and not as done (took effect, had no
   * effect, in part, unknown) and the differences that verdict rests on.
   */
  STATEMENT_RECOVERED,
  STEP_RETRY,
  STEP_APPLIED,
  STEP_SKIPPED,
  STEP_FAILED,
  MANUAL_TICKED,
  GATE_DECIDED,
  ROLLBACK_STARTED,
  STEP_ROLLED_BACK,
  STEP_ROLLBACK_FAILED,
  CHECK,
  RECOVERY_POINT,
  RECOVERY_DROPPED,
  GUARD,
  GUARD_ACTION,
  /**
   * An observe step's soak ended (detail: the verdict — passed, went on after a person's decision, paused, stopped
   * by a guard, too few samples — its duration, and each guard's samples: count, p50, p95, max, threshold, baseline,
   * how many above).
   */
  OBSERVED,
  RUN_PAUSED,
  RUN_APPLIED,
  RUN_FAILED,
  RUN_ROLLED_BACK,
  RUN_ROLLBACK_FAILED,
  /**
   * A run recorded by {@code backstep adopt}: another tool applied the migration before Backstep (detail: the tool,
   * its table's row, the checksum compared). The run is {@code APPLIED} without Backstep having run a step of it.
   */
  ADOPTED,
  /** A fingerprint of the target taken by a run (detail: label, sha256 of the stored body, tables). */
  FINGERPRINT,
  /** Something a step's record did not predict: verify no longer passing before rollback, a rollback's residue. */
  STEP_DEVIATION,
  /** How a rollback was proven: against which fingerprint, and every difference left. */
  ROLLBACK_PROOF,
  /** Drills (backstep.drill): a fault put in place, taken away; an alert or decision; the attempt's score. */
  FAULT_INJECTED,
  FAULT_UNDONE,
  DRILL_ALERT,
  DRILL_DECISION,
  DRILL_SCORED,
  /**
   * The operator cancelled the statement of, or ended, a session that blocked a run, from the console's blockers
   * table (detail: action, pid, the session as shown, the statement sent, whether the server did it).
   */
  SESSION_ENDED
}
