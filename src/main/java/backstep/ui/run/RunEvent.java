package backstep.ui.run;

import backstep.engine.CheckOutcome;
import backstep.engine.Direction;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import java.time.Duration;
import java.time.Instant;

/** The engine's listener calls as values, buffered on the engine thread and applied on the FX thread's tick. */
sealed interface RunEvent {
  Instant at();

  record RunStarted(Instant at, String changeId, String playbookId, String target, Direction direction)
      implements RunEvent {}

  record StepStarted(Instant at, int index, int total, String stepId, String title, Direction direction)
      implements RunEvent {}

  record StatementDone(Instant at, String stepId, int done, int total, long rows, Duration took)
      implements RunEvent {}

  /** An observe step's countdown with one line per guard. */
  record Observing(Instant at, String stepId, Duration left, Duration total, int samples, int needed,
      java.util.List<String> guardLines) implements RunEvent {}

  record Retrying(Instant at, String stepId, int attempt, int maxAttempts, Duration backoff, String reason)
      implements RunEvent {}

  record StepFinished(Instant at, StepResult result, Direction direction) implements RunEvent {}

  record Note(Instant at, String message) implements RunEvent {}

  record Check(Instant at, CheckOutcome outcome) implements RunEvent {}

  record Guard(Instant at, String description) implements RunEvent {}

  /** The database session the run's steps execute on (PostgreSQL backend pid, MySQL/MariaDB connection id). */
  record WorkSession(Instant at, long sessionId) implements RunEvent {}

  record RunFinished(Instant at, RunResult result) implements RunEvent {}
}
