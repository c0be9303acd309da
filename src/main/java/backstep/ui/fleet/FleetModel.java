package backstep.ui.fleet;

import backstep.fleet.FleetStore;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What the fleet page shows: the fleet runs, the one on screen, its members, its decision. FX thread only. */
public final class FleetModel {
  private final ObservableList<FleetStore.FleetRun> runs = FXCollections.observableArrayList();
  private final ObjectProperty<FleetStore.FleetRun> run = new SimpleObjectProperty<>();
  private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
  private final ObjectProperty<MemberRow> selected = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<FleetDecision> decision = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper hold = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("fleet: not read yet");

  public ObservableList<FleetStore.FleetRun> runs() {
    return runs;
  }

  /** The fleet run on screen (picked from {@link #runs()}). */
  public ObjectProperty<FleetStore.FleetRun> runProperty() {
    return run;
  }

  public ObservableList<MemberRow> members() {
    return members;
  }

  public ObjectProperty<MemberRow> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<FleetDecision> decisionProperty() {
    return decision.getReadOnlyProperty();
  }

  /** What happens between the canary and the first wave, and whether it passed. */
  public ReadOnlyStringProperty holdProperty() {
    return hold.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  void setDecision(FleetDecision d) {
    decision.set(d);
  }

  void setHold(String text) {
    hold.set(text);
  }

  void say(String text) {
    message.set(text);
  }
}
