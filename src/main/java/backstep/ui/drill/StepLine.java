package backstep.ui.drill;

import backstep.playbook.Step;
import backstep.state.StepState;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One step of the drill's playbook on its checklist: state and timing, as the engine reports them. */
public final class StepLine {
  private final int index;
  private final Step step;
  private final ReadOnlyObjectWrapper<StepState> state = new ReadOnlyObjectWrapper<>(StepState.PENDING);
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

  StepLine(int index, Step step) {
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

  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  void set(StepState s, String text) {
    state.set(s);
    detail.set(text);
  }
}
