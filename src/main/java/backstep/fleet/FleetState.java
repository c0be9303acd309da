package backstep.fleet;

/** The state of a fleet run, as stored in the central ledger. */
public enum FleetState {
  /** Members are being preflighted; nothing is changed anywhere yet. */
  PREFLIGHT(false),
  /** A member failed its preflight: nothing was changed anywhere. */
  REFUSED(true),
  /** Members are being applied, canary first, then wave by wave. */
  RUNNING(false),
  /** The canary is applied; its guards watch it for the group's {@code after_canary.observe} before any wave. */
  CANARY_OBSERVING(false),
  /** The canary is applied (and observed); the waves wait for {@code backstep fleet approve}. */
  CANARY_GATE(false),
  /** The failure budget was exceeded (or a rollback was asked for): every member that moved is rolled back. */
  ROLLING_BACK(false),
  /** Every member applied. */
  APPLIED(true),
  /** Every member applied but those that failed within the failure budget (each rolled back on its own). */
  APPLIED_WITH_FAILURES(true),
  /** Every member that moved was rolled back. */
  ROLLED_BACK(true),
  /** At least one member's rollback failed or left differences: see its state. */
  ROLLBACK_FAILED(true);

  private final boolean settled;

  FleetState(boolean settled) {
    this.settled = settled;
  }

  public boolean settled() {
    return settled;
  }
}
