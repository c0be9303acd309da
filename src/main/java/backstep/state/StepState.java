package backstep.state;

/** The states of one step within a run, with the icon the console and the CLI show. */
public enum StepState {
  PENDING("○", "pending"),
  RUNNING("▶", "running"),
  APPLIED("✔", "applied"),
  /** Its verify already passed before it ran: nothing to do (re-running a playbook is safe). */
  SKIPPED("↷", "already applied"),
  FAILED("✖", "failed"),
  ROLLING_BACK("⟲", "rolling back"),
  ROLLED_BACK("⟲", "rolled back"),
  ROLLBACK_FAILED("✖", "rollback failed");

  private final String icon;
  private final String words;

  StepState(String icon, String words) {
    this.icon = icon;
    this.words = words;
  }

  public String icon() {
    return icon;
  }

  public String words() {
    return words;
  }
}
