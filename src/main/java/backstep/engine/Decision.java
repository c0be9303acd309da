package backstep.engine;

/**
 * An operator's answer at a gate, a manual step or a run confirmation.
 *
 * @param actor who decided (recorded in the ledger)
 * @param approver the second person, where one is required
 * @param reason free text for the ledger
 */
public record Decision(boolean approved, String actor, String approver, String reason) {
  public static Decision declined(String actor, String reason) {
    return new Decision(false, actor, null, reason);
  }
}
