package backstep.engine;

import backstep.state.StepState;
import java.time.Duration;

/**
 * What happened to one step in a run. {@code note} explains a skip or a partial state in plain words; {@code effect}
 * is the step's schema effect as recorded (what its SQL changed, in words: {@code added column t.c}) and
 * {@code deviations} what did not go as its record predicted (a verify that no longer passed before rollback, what its
 * rollback left behind).
 */
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
    String error,
    java.util.List<String> effect,
    java.util.List<String> deviations) {

  public StepResult {
    effect = effect == null ? java.util.List.of() : java.util.List.copyOf(effect);
    deviations = deviations == null ? java.util.List.of() : java.util.List.copyOf(deviations);
  }
}
