package backstep.engine;

import java.time.Duration;

/** What happened to one step in a run. {@code note} explains a skip or a partial state in plain words. */
public record StepResult(
    int index,
    String id,
    String title,
    String kind,
    StepState state,
    int attempts,
    long rowsAffected,
    int statementsDone,
    int statementsTotal,
    Duration duration,
    String actor,
    String note,
    String error) {}
