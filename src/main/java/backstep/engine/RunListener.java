package backstep.engine;

import backstep.integrity.CheckProgress;
import backstep.telemetry.Reading;
import java.time.Duration;

/**
 * Typed engine events for presentation (CLI progress, the console). Default methods do nothing. Listeners are
 * called on the engine's thread; they must not block. The ledger is written by the engine itself, inside the
 * step's transaction where the database allows (see docs/decisions/0001-ledger-in-step-transaction.md).
 */
public interface RunListener {
  default void runStarted(String changeId, String playbookId, String target, Direction direction) {}

  default void stepStarted(int index, int total, String stepId, String title, Direction direction) {}

  default void statementDone(String stepId, int done, int total, long rows, Duration took) {}

  default void retrying(String stepId, int attempt, int maxAttempts, Duration wait, String reason) {}

  default void stepFinished(StepResult result, Direction direction) {}

  default void note(String message) {}

  /** A gate step now waits for a person's decision ({@code approval}: a second person's); called before asking. */
  default void gateWaiting(String stepId, String prompt, boolean approval) {}

  /**
   * A reading of the run's telemetry sampler, on the sampler thread: the sampler runs when the playbook or the
   * target's environment has guards or a canary, or when {@link RunOptions#sampled()} asks for it.
   */
  default void sampled(Reading reading) {}

  /** A playbook check was evaluated (before the run, after a step, after forward or after rollback). */
  default void checkDone(CheckOutcome outcome) {}

  /** The run's guards are armed (their baselines measured): from now on they judge every reading. */
  default void guardsArmed(java.util.List<backstep.playbook.GuardRule> rules) {}

  /** A guard saw something (breach, transient spike, sustained breach, recovery); called on the sampler thread. */
  default void guard(String description) {}

  /** The same guard event as a value (drills score on its kind); by default passed on to {@link #guard}. */
  default void guardEvent(backstep.guard.GuardEvent event) {
    guard(event.describe());
  }

  /**
   * The database session id of the connection the steps run on (PostgreSQL backend pid, MySQL/MariaDB connection
   * id), once per run or rollback, right before its first statement. Drills use it to kill the step's connection.
   */
  default void workSession(long sessionId) {}

  /**
   * An observe step's countdown, about once a second: time {@code left} of {@code total}, the samples so far of
   * those {@code needed}, and one line per guard (its samples' p50, max, threshold and how many above).
   */
  default void observing(String stepId, java.time.Duration left, java.time.Duration total, int samples, int needed,
      java.util.List<String> guardLines) {}

  default void runFinished(RunResult result) {}

  /** Where checks on big tables report their start and end; a listener that shows progress returns itself. */
  default CheckProgress checkProgress() {
    return CheckProgress.NONE;
  }
}
