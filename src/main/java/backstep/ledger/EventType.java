package backstep.ledger;

/** What a ledger event records. Events are append-only and hash-chained. */
public enum EventType {
  RUN_STARTED,
  RUN_RESUMED,
  STEP_STARTED,
  STATEMENT_DONE,
  STEP_RETRY,
  STEP_APPLIED,
  STEP_SKIPPED,
  STEP_FAILED,
  MANUAL_TICKED,
  GATE_DECIDED,
  ROLLBACK_STARTED,
  STEP_ROLLED_BACK,
  STEP_ROLLBACK_FAILED,
  RUN_PAUSED,
  RUN_APPLIED,
  RUN_FAILED,
  RUN_ROLLED_BACK,
  RUN_ROLLBACK_FAILED
}
