package backstep.ui.run;

import backstep.engine.StepResult;
import backstep.playbook.Step;
import backstep.state.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One line of the checklist: the step, its state, how long it took (or has been running), who acted, notes. */
public final class StepRow {
  private final int index;
  private final Step step;
  private final ReadOnlyObjectWrapper<StepState> state = new ReadOnlyObjectWrapper<>(StepState.PENDING);
  private final ReadOnlyObjectWrapper<Duration> duration = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper actor = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ReadOnlyObjectWrapper<List<String>> effect = new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyObjectWrapper<List<String>> deviations = new ReadOnlyObjectWrapper<>(List.of());
  private Instant startedAt;

  StepRow(int index, Step step) {
    this.index = index;
    this.step = step;
  }

  public int index() {
    return index;
  }

  public Step step() {
    return step;
  }

  public ReadOnlyObjectProperty<StepState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public StepState state() {
    return state.get();
  }

  /** Null until the step has run; counts up while it runs. */
  public ReadOnlyObjectProperty<Duration> durationProperty() {
    return duration.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty actorProperty() {
    return actor.getReadOnlyProperty();
  }

  /** Progress while running, or the engine's note (a skip, a partial state). */
  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** The step's schema effect as the engine recorded it, in words ({@code added column customers.email}). */
  public ReadOnlyObjectProperty<List<String>> effectProperty() {
    return effect.getReadOnlyProperty();
  }

  /** What did not go as the step's record predicted (a verify failing before rollback, what a rollback left). */
  public ReadOnlyObjectProperty<List<String>> deviationsProperty() {
    return deviations.getReadOnlyProperty();
  }

  void reset() {
    state.set(StepState.PENDING);
    duration.set(null);
    actor.set(null);
    detail.set(null);
    error.set(null);
    effect.set(List.of());
    deviations.set(List.of());
    startedAt = null;
  }

  void started(Instant at, StepState s, String who) {
    startedAt = at;
    state.set(s);
    duration.set(Duration.ZERO);
    actor.set(who);
    detail.set(null);
    error.set(null);
  }

  void progress(String text) {
    detail.set(text);
  }

  void tick(Instant now) {
    if (startedAt != null && (state.get() == StepState.RUNNING || state.get() == StepState.ROLLING_BACK)) {
      duration.set(Duration.between(startedAt, now));
    }
  }

  void result(StepResult r) {
    startedAt = null;
    state.set(r.state());
    duration.set(r.state() == StepState.PENDING ? null : r.duration());
    actor.set(r.actor());
    detail.set(r.note());
    error.set(r.error());
    effect.set(r.effect());
    deviations.set(r.deviations());
  }
}
