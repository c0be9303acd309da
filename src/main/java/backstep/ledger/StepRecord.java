package backstep.ledger;

import backstep.state.StepState;
import java.time.Instant;

/**
 * One step's execution within a run. {@code statementsDone} counts forward statements committed (for steps that
 * cannot run in one transaction), {@code rollbackDone} counts rollback statements committed.
 */
public record StepRecord(
    String runId,
    int index,
    String stepId,
    String kind,
    StepState state,
    int statementsTotal,
    int statementsDone,
    int rollbackDone,
    long rowsAffected,
    int attempts,
    String actor,
    Instant startedAt,
    Instant endedAt,
    String detail,
    String error) {}
