package backstep.state;

import java.util.Arrays;
import java.util.List;

/**
 * The states of a run: pending → running → applied | paused | failed → rolling back → rolled back. A run that is
 * not settled leaves its target half-applied: no new run may start there until it is resumed or rolled back.
 */
public enum RunState {
  PENDING(false, "pending"),
  RUNNING(false, "running"),
  /** Stopped on purpose part way: at {@code --to}, a declined gate, or a manual step not yet done. */
  PAUSED(false, "paused"),
  APPLIED(true, "applied"),
  /** A step failed; what was applied before it is still applied. */
  FAILED(false, "failed"),
  /** A step failed before anything was applied: nothing to undo. */
  ABORTED(true, "aborted (nothing applied)"),
  ROLLING_BACK(false, "rolling back"),
  ROLLED_BACK(true, "rolled back"),
  ROLLBACK_FAILED(false, "rollback failed");

  private final boolean settled;
  private final String words;

  RunState(boolean settled, String words) {
    this.settled = settled;
    this.words = words;
  }

  /** Settled runs leave the target consistent; any other state blocks a new apply on the target. */
  public boolean settled() {
    return settled;
  }

  /** Whether a run in this state was moving (so, if nobody holds the target lock, it was interrupted). */
  public boolean moving() {
    return this == RUNNING || this == ROLLING_BACK;
  }

  public String words() {
    return words;
  }

  /** The states that leave a target half-applied. */
  public static List<RunState> unsettled() {
    return Arrays.stream(values()).filter(s -> !s.settled).toList();
  }
}
