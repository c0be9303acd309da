package backstep.engine;

import backstep.ledger.StepRecord;
import backstep.playbook.Json;
import backstep.playbook.Step;
import backstep.state.StepState;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's working copy of one step's execution; saved to the ledger as a {@link StepRecord}. */
final class StepExec {
  final int index;
  final Step step;
  StepState state = StepState.PENDING;
  int statementsTotal;
  int statementsDone;
  int rollbackDone;
  long rows;
  int attempts;
  String actor;
  Instant startedAt;
  Instant endedAt;
  String error;
  final Map<String, Object> detail = new LinkedHashMap<>();

  StepExec(int index, Step step) {
    this.index = index;
    this.step = step;
  }

  static StepExec from(StepRecord r, Step step) {
    StepExec e = new StepExec(r.index(), step);
    e.state = r.state();
    e.statementsTotal = r.statementsTotal();
    e.statementsDone = r.statementsDone();
    e.rollbackDone = r.rollbackDone();
    e.rows = r.rowsAffected();
    e.attempts = r.attempts();
    e.actor = r.actor();
    e.startedAt = r.startedAt();
    e.endedAt = r.endedAt();
    e.error = r.error();
    if (r.detail() != null && !r.detail().isBlank()) {
      try {
        e.detail.putAll(Json.MAPPER.readValue(r.detail(), new TypeReference<Map<String, Object>>() {}));
      } catch (java.io.IOException ex) {
        e.detail.put("unreadable_detail", r.detail());
      }
    }
    return e;
  }

  StepRecord record(String runId) {
    return new StepRecord(runId, index, step.id(), step.kind(), state, statementsTotal, statementsDone,
        rollbackDone, rows, attempts, actor, startedAt, endedAt, detail.isEmpty() ? null : Json.compact(detail),
        error);
  }

  /** Whether this step's effect is in the database and belongs to this change (so rollback must undo it). */
  boolean inEffect() {
    return switch (state) {
      case APPLIED, ROLLING_BACK, ROLLBACK_FAILED -> true;
      case SKIPPED -> Boolean.TRUE.equals(detail.get("owned"));
      case FAILED, RUNNING -> statementsDone > 0 || rollbackDone > 0 || detail.containsKey(SqlStepRunner.PARTIAL)
          || detail.containsKey(InFlight.KEY); // a statement in flight may have committed: decided before undoing
      default -> false;
    };
  }

  String note() {
    Object n = detail.get("note");
    return n == null ? null : n.toString();
  }

  void note(String text) {
    detail.put("note", text);
  }

  /** Detail key: the step's schema effect in words (a list). */
  static final String EFFECT = "effect";
  /** Detail key: what a step's rollback left different from the fingerprint taken before the step (a list). */
  static final String RESIDUE = "residue";
  /** Detail key: what did not go as the record predicted (a list). */
  static final String DEVIATIONS = "deviations";

  List<String> words(String key) {
    Object v = detail.get(key);
    return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  void deviation(String text) {
    List<String> all = new java.util.ArrayList<>(words(DEVIATIONS));
    all.add(text);
    detail.put(DEVIATIONS, all);
  }

  StepResult result() {
    Duration d = startedAt != null && endedAt != null ? Duration.between(startedAt, endedAt) : Duration.ZERO;
    return new StepResult(index, step.id(), step.title(), step.kind(), state, attempts, rows, statementsDone,
        statementsTotal, d, actor, note(), error, words(EFFECT), deviations());
  }

  /** The deviations recorded, then what the step's rollback left behind. */
  List<String> deviations() {
    List<String> out = new java.util.ArrayList<>(words(DEVIATIONS));
    words(RESIDUE).forEach(r -> out.add("left behind by its rollback: " + r));
    return out;
  }
}
