package backstep.fleet;

/** The events of a fleet run, hash-chained per fleet run in the central ledger's fleet event table. */
public enum FleetEventType {
  FLEET_STARTED,
  PREFLIGHT_PASSED,
  PREFLIGHT_FAILED,
  FLEET_REFUSED,
  MEMBER_CLAIMED,
  LEASE_EXPIRED,
  MEMBER_RECHECKED,
  MEMBER_APPLIED,
  MEMBER_FAILED,
  CANARY_OBSERVING,
  CANARY_OBSERVED,
  CANARY_GATE_WAITING,
  CANARY_APPROVED,
  CANARY_PASSED,
  CANARY_FAILED,
  BUDGET_EXCEEDED,
  ROLLBACK_REQUESTED,
  MEMBER_ROLLED_BACK,
  MEMBER_ROLLBACK_FAILED,
  MEMBER_NOT_STARTED,
  FLEET_APPLIED,
  FLEET_ROLLED_BACK,
  /** A fleet drill scored this fleet run (its detect/decide/restore and lost writes, in the detail). */
  DRILL_SCORED
}
