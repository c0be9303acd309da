package backstep.ui.history;

import backstep.engine.RunResult;
import backstep.engine.TargetStatus;
import backstep.state.RunState;

/**
 * A migration's state on the target, as its playbook's latest run in the ledger says (icon, word and colour, as the
 * checklist draws step states), plus the two states the page shows while a walk is running it.
 */
public enum MigrationState {
  /** No target, or its ledger is not read yet. */
  UNKNOWN("…", "unknown", "pending"),
  NOT_APPLIED("○", "not applied", "pending"),
  APPLYING("▶", "applying…", "running"),
  APPLIED("✔", "applied", "applied"),
  ROLLING_BACK("⟲", "rolling back…", "rolling-back"),
  ROLLED_BACK("⟲", "rolled back", "rolled-back"),
  /** Rolled back, but the proof found differences from the fingerprint taken before the run. */
  ROLLED_BACK_DIFFERENT("✖", "rolled back WITH DIFFERENCES", "failed"),
  /** Its latest run is not settled (failed, paused, interrupted): the target is half-applied by it. */
  HALF_APPLIED("✖", "half-applied", "failed");

  private final String icon;
  private final String words;
  private final String style;

  MigrationState(String icon, String words, String style) {
    this.icon = icon;
    this.words = words;
    this.style = style;
  }

  public String icon() {
    return icon;
  }

  public String words() {
    return words;
  }

  /** The checklist's style class for the colour ({@code state-applied}, …). */
  public String styleClass() {
    return "state-" + style;
  }

  /** Whether a rollback of the history would undo it (as {@code HistoryRuns.rollback} decides). */
  public boolean inEffect() {
    return this == APPLIED || this == HALF_APPLIED;
  }

  /** From the playbook's latest run on the target ({@code null}: it never ran there). */
  public static MigrationState of(TargetStatus.PlaybookState latest) {
    if (latest == null) {
      return NOT_APPLIED;
    }
    return of(latest.state(), latest.different());
  }

  /** From a run that just ended. */
  public static MigrationState of(RunResult r) {
    return of(r.state(), r.different());
  }

  private static MigrationState of(RunState s, boolean different) {
    return switch (s) {
      case APPLIED -> APPLIED;
      case ROLLED_BACK -> different ? ROLLED_BACK_DIFFERENT : ROLLED_BACK;
      case ABORTED -> NOT_APPLIED;
      default -> HALF_APPLIED;
    };
  }
}
