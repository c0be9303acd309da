package backstep.db;

import java.util.Locale;
import java.util.Optional;

/** The moments of a run a {@code notify:} webhook can be told about (docs/targets.md#notifications). */
public enum NotifyEvent {
  /** An apply, rollback or resume started on the target. */
  RUN_STARTED,
  /** A gate step was reached and asks for a decision (with {@code approval: true}, a second person's). */
  GATE_WAITING,
  /** A guard's threshold was crossed (and a sustained breach of an {@code alert} guard). */
  GUARD_BREACH,
  /** A sustained breach made a guard act: pause the run, or cancel the statement and roll back. */
  GUARD_ACTION,
  /** The run failed, aborted, could not roll back, was rolled back instead of applied, or did not finish. */
  RUN_FAILED,
  /** The run ended as asked: applied, rolled back (a rollback), or paused where it was told to stop. */
  RUN_COMPLETED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<NotifyEvent> fromKey(String key) {
    for (NotifyEvent e : values()) {
      if (e.key().equals(key)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
