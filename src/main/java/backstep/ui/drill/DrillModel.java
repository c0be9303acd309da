package backstep.ui.drill;

import backstep.drill.DrillResult;
import backstep.drill.TimelineEvent;
import backstep.ui.panels.IntegrityModel;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * What drill mode shows, as read-only properties for the view: the drill, where it would run, the clock, the fault
 * timeline, the checklist, the workload, the alert and the team's actions so far, the result and the history.
 * Written only by {@link DrillController}, on the FX thread.
 */
public final class DrillModel {
  /** Where the drill view is. */
  public enum Phase { NONE, READY, RUNNING, SCORED, ERROR }

  private final ReadOnlyObjectWrapper<DrillEntry> entry = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.NONE);
  private final ReadOnlyStringWrapper where = new ReadOnlyStringWrapper("no target");
  private final ReadOnlyBooleanWrapper targetOk = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper clock = new ReadOnlyStringWrapper("00:00.0");
  private final ReadOnlyStringWrapper incidentClock = new ReadOnlyStringWrapper("incident: not yet");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper alert = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper acknowledged = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper decision = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper ops = new ReadOnlyStringWrapper("–");
  private final ReadOnlyStringWrapper p95 = new ReadOnlyStringWrapper("–");
  private final ReadOnlyStringWrapper errors = new ReadOnlyStringWrapper("–");
  private final ReadOnlyObjectWrapper<DrillResult> result = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper debrief = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper trend = new ReadOnlyStringWrapper("");
  private final ObservableList<FaultRow> faults = FXCollections.observableArrayList();
  private final ObservableList<StepLine> steps = FXCollections.observableArrayList();
  private final ObservableList<TimelineEvent> timeline = FXCollections.observableArrayList();
  private final ObservableList<AttemptRow> history = FXCollections.observableArrayList();
  private final XYChart.Series<Number, Number> p95Series = new XYChart.Series<>();
  private final XYChart.Series<Number, Number> opsSeries = new XYChart.Series<>();
  private final IntegrityModel integrity = new IntegrityModel();
  private Instant startedAt;
  private Instant incidentAt;

  public DrillModel() {
    p95Series.setName("p95 ms");
    opsSeries.setName("ops/s");
  }

  public ReadOnlyObjectProperty<DrillEntry> entryProperty() {
    return entry.getReadOnlyProperty();
  }

  public DrillEntry entry() {
    return entry.get();
  }

  void setEntry(DrillEntry e) {
    entry.set(e);
  }

  public ReadOnlyObjectProperty<Phase> phaseProperty() {
    return phase.getReadOnlyProperty();
  }

  public Phase phase() {
    return phase.get();
  }

  void setPhase(Phase p) {
    phase.set(p);
  }

  /** "on drill-pg (sandbox)" or why the drill cannot start there. */
  public ReadOnlyStringProperty whereProperty() {
    return where.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty targetOkProperty() {
    return targetOk.getReadOnlyProperty();
  }

  void setWhere(String text, boolean ok) {
    where.set(text);
    targetOk.set(ok);
  }

  public ReadOnlyStringProperty clockProperty() {
    return clock.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty incidentClockProperty() {
    return incidentClock.getReadOnlyProperty();
  }

  void setClock(String total, String sinceIncident) {
    clock.set(total);
    incidentClock.set(sinceIncident);
  }

  /** The drill's latest phase in words (baseline, change started, watching for restore…) or an error. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  void setStatus(String s) {
    status.set(s);
  }

  /** The latest alert, shown as a banner until the drill ends; empty for none. */
  public ReadOnlyStringProperty alertProperty() {
    return alert.getReadOnlyProperty();
  }

  void setAlert(String a) {
    alert.set(a);
  }

  public ReadOnlyBooleanProperty acknowledgedProperty() {
    return acknowledged.getReadOnlyProperty();
  }

  void setAcknowledged(boolean b) {
    acknowledged.set(b);
  }

  public ReadOnlyBooleanProperty pausedProperty() {
    return paused.getReadOnlyProperty();
  }

  void setPaused(boolean b) {
    paused.set(b);
  }

  /** "" until someone decides; then who decided what, and when. */
  public ReadOnlyStringProperty decisionProperty() {
    return decision.getReadOnlyProperty();
  }

  void setDecision(String d) {
    decision.set(d);
  }

  public ReadOnlyStringProperty opsProperty() {
    return ops.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty p95Property() {
    return p95.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorsProperty() {
    return errors.getReadOnlyProperty();
  }

  void setWorkload(String o, String p, String e) {
    ops.set(o);
    p95.set(p);
    errors.set(e);
  }

  public XYChart.Series<Number, Number> p95Series() {
    return p95Series;
  }

  public XYChart.Series<Number, Number> opsSeries() {
    return opsSeries;
  }

  public ReadOnlyObjectProperty<DrillResult> resultProperty() {
    return result.getReadOnlyProperty();
  }

  public DrillResult result() {
    return result.get();
  }

  void setResult(DrillResult r) {
    result.set(r);
  }

  /** Where the debrief was written, once exported. */
  public ReadOnlyStringProperty debriefProperty() {
    return debrief.getReadOnlyProperty();
  }

  void setDebrief(String d) {
    debrief.set(d);
  }

  /** The history in one line: "4 attempts · 3 passed · restore 9.1 s → 6.2 s". */
  public ReadOnlyStringProperty trendProperty() {
    return trend.getReadOnlyProperty();
  }

  void setTrend(String t) {
    trend.set(t);
  }

  public ObservableList<FaultRow> faults() {
    return faults;
  }

  public ObservableList<StepLine> steps() {
    return steps;
  }

  public ObservableList<TimelineEvent> timeline() {
    return timeline;
  }

  public ObservableList<AttemptRow> history() {
    return history;
  }

  public IntegrityModel integrity() {
    return integrity;
  }

  /** When the drill started (offsets on the timeline count from here); null before. */
  public Instant startedAt() {
    return startedAt;
  }

  void setStartedAt(Instant at) {
    startedAt = at;
  }

  public Instant incidentAt() {
    return incidentAt;
  }

  void setIncidentAt(Instant at) {
    incidentAt = at;
  }
}
