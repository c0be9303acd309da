package backstep.ui.drill;

import backstep.drill.Drill;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One scheduled fault on the drill's timeline: planned (grey), fired (red, with its time), undone (amber). */
public final class FaultRow {
  /** Where a fault is. */
  public enum State {
    PLANNED("○", "planned"), FIRED("✖", "fired"), UNDONE("⟲", "undone"), FAILED("!", "could not inject");

    final String icon;
    final String words;

    State(String icon, String words) {
      this.icon = icon;
      this.words = words;
    }
  }

  private final Drill.FaultSpec spec;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.PLANNED);
  private final ReadOnlyStringWrapper when = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

  FaultRow(Drill.FaultSpec spec) {
    this.spec = spec;
    detail.set(spec.describe());
  }

  public Drill.FaultSpec spec() {
    return spec;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State state() {
    return state.get();
  }

  /** "fired T+1.2 s · undone T+4.3 s". */
  public ReadOnlyStringProperty whenProperty() {
    return when.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  void fired(String at, String what) {
    state.set(State.FIRED);
    when.set("fired " + at);
    detail.set(what);
  }

  void failed(String at, String what) {
    state.set(State.FAILED);
    when.set(at);
    detail.set(what);
  }

  void undone(String at) {
    state.set(State.UNDONE);
    when.set(when.get() + " · undone " + at);
  }
}
