package backstep.ui.trainer;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * Trainer mode's state: the steps being explained and which one is shown; the replay loaded, the position on its
 * timeline (bound to the scrub slider), play/pause and speed, and what has happened up to the position.
 */
public final class TrainerModel {
  private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("Select a playbook or a drill.");
  private final ReadOnlyStringWrapper briefing = new ReadOnlyStringWrapper("");
  private final ObservableList<Explanation> steps = FXCollections.observableArrayList();
  private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
  private final ReadOnlyObjectWrapper<Explanation> current = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Replay> replay = new ReadOnlyObjectWrapper<>();
  private final DoubleProperty position = new SimpleDoubleProperty(0);
  private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
  private final ReadOnlyIntegerWrapper speed = new ReadOnlyIntegerWrapper(1);
  private final ObservableList<Replay.Event> happened = FXCollections.observableArrayList();
  private final XYChart.Series<Number, Number> p95 = new XYChart.Series<>();

  /** "Playbook add-email-verified v3" or "Drill failed-backfill (playbook …)". */
  public ReadOnlyStringProperty sourceProperty() {
    return source.getReadOnlyProperty();
  }

  /** A drill's briefing, shown before its steps; empty for a playbook. */
  public ReadOnlyStringProperty briefingProperty() {
    return briefing.getReadOnlyProperty();
  }

  void setSource(String s, String brief) {
    source.set(s);
    briefing.set(brief);
  }

  public ObservableList<Explanation> steps() {
    return steps;
  }

  public ReadOnlyIntegerProperty indexProperty() {
    return index.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Explanation> currentProperty() {
    return current.getReadOnlyProperty();
  }

  void show(int i) {
    index.set(i);
    current.set(i < 0 || i >= steps.size() ? null : steps.get(i));
  }

  public ReadOnlyObjectProperty<Replay> replayProperty() {
    return replay.getReadOnlyProperty();
  }

  void setReplay(Replay r) {
    replay.set(r);
  }

  /** Milliseconds into the replay; the scrub slider binds to it both ways. */
  public DoubleProperty positionProperty() {
    return position;
  }

  public ReadOnlyBooleanProperty playingProperty() {
    return playing.getReadOnlyProperty();
  }

  void setPlaying(boolean b) {
    playing.set(b);
  }

  public ReadOnlyIntegerProperty speedProperty() {
    return speed.getReadOnlyProperty();
  }

  void setSpeed(int s) {
    speed.set(s);
  }

  /** The replay's events up to the position, oldest first. */
  public ObservableList<Replay.Event> happened() {
    return happened;
  }

  /** The workload p95 up to the position (drill attempts only). */
  public XYChart.Series<Number, Number> p95() {
    return p95;
  }
}
