package backstep.fleet;

/** The state of one member in a fleet run (the member's own run has its own state in its ledger). */
public enum MemberState {
  /** Waiting for its wave. */
  PENDING,
  /** A worker holds its lease and is applying it (or re-checking it after another worker's lease expired). */
  RUNNING,
  APPLIED,
  /** Its run failed; it waits for the fleet's rollback. */
  FAILED,
  ROLLING_BACK,
  ROLLED_BACK,
  /** Its rollback failed or was not proven equal: see the error and the proof. */
  ROLLBACK_FAILED,
  /** Never touched: the fleet was refused at preflight or stopped before its wave. */
  NOT_STARTED
}
