package backstep.ui.run;

import backstep.engine.Direction;
import backstep.engine.Proof;
import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import backstep.ui.panels.IntegrityModel;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run view's state: the playbook, its checklist, the latest run of it on the current target, what the engine
 * is doing, the preflight, the event log, and for every action whether it is available and why (not).
 */
public final class RunModel {
  static final int LOG_LIMIT = 2000;

  private final ReadOnlyObjectWrapper<Playbook> playbook = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<java.util.List<backstep.lint.Finding>> findings =
      new ReadOnlyObjectWrapper<>(java.util.List.of());
  private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyIntegerWrapper problems = new ReadOnlyIntegerWrapper();
  private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
  private final ObservableList<StepRow> stepsView = FXCollections.unmodifiableObservableList(steps);
  private final ReadOnlyObjectWrapper<StepRow> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<DialectFamily> family = new ReadOnlyObjectWrapper<>(DialectFamily.POSTGRESQL);
  private final ReadOnlyStringWrapper targetName = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Proof> proof = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper interrupted = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper runId = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper changeId = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper operator = new ReadOnlyStringWrapper();
  private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper();
  private final ReadOnlyLongWrapper workSession = new ReadOnlyLongWrapper(-1);
  private final ReadOnlyObjectWrapper<Direction> direction = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper pauseRequested = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ReadOnlyObjectWrapper<Preflight.Report> preflight = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper preflightRunning = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no playbook open");
  private final ObservableList<LogLine> log = FXCollections.observableArrayList();
  // one read-only view each: listeners on a throwaway wrapper would be collected with it
  private final ObservableList<LogLine> logView = FXCollections.unmodifiableObservableList(log);
  private final IntegrityModel integrity = new IntegrityModel();
  private final ReadOnlyObjectWrapper<LogLine> notice = new ReadOnlyObjectWrapper<>();
  private final Map<Action, ReadOnlyBooleanWrapper> enabled = new EnumMap<>(Action.class);
  private final Map<Action, ReadOnlyStringWrapper> why = new EnumMap<>(Action.class);

  public RunModel() {
    for (Action a : Action.values()) {
      enabled.put(a, new ReadOnlyBooleanWrapper(false));
      why.put(a, new ReadOnlyStringWrapper(""));
    }
  }

  public ReadOnlyObjectProperty<Playbook> playbookProperty() {
    return playbook.getReadOnlyProperty();
  }

  /** The open playbook's lint findings (read off the FX thread; empty until then), marked on the SQL they are about. */
  public ReadOnlyObjectProperty<java.util.List<backstep.lint.Finding>> findingsProperty() {
    return findings.getReadOnlyProperty();
  }

  void setFindings(java.util.List<backstep.lint.Finding> f) {
    findings.set(java.util.List.copyOf(f));
  }

  public Playbook playbook() {
    return playbook.get();
  }

  public ReadOnlyObjectProperty<Path> fileProperty() {
    return file.getReadOnlyProperty();
  }

  /** Validation problems of the selected file (the run view refuses to run it). */
  public ReadOnlyIntegerProperty problemsProperty() {
    return problems.getReadOnlyProperty();
  }

  public ObservableList<StepRow> steps() {
    return stepsView;
  }

  ObservableList<StepRow> mutableSteps() {
    return steps;
  }

  public ReadOnlyObjectProperty<StepRow> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** The SQL family shown in the detail pane: the current target's. */
  public ReadOnlyObjectProperty<DialectFamily> familyProperty() {
    return family.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty targetNameProperty() {
    return targetName.getReadOnlyProperty();
  }

  /** The latest run of this playbook on the current target; null when there is none. */
  public ReadOnlyObjectProperty<RunState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public RunState state() {
    return state.get();
  }

  /** How the latest run's rollback was proven (compared with the fingerprint before it); null unless rolled back. */
  public ReadOnlyObjectProperty<Proof> proofProperty() {
    return proof.getReadOnlyProperty();
  }

  public Proof proof() {
    return proof.get();
  }

  /** Whether the latest run was rolled back with differences from before it (a failure, shown as one). */
  public boolean different() {
    Proof p = proof.get();
    return p != null && p.verdict() == Proof.Verdict.DIFFERENT;
  }

  public ReadOnlyBooleanProperty interruptedProperty() {
    return interrupted.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty runIdProperty() {
    return runId.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty changeIdProperty() {
    return changeId.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty operatorProperty() {
    return operator.getReadOnlyProperty();
  }

  /** True while an engine call of this console is in flight. */
  public ReadOnlyBooleanProperty workingProperty() {
    return working.getReadOnlyProperty();
  }

  /**
   * The database session the engine call in progress runs its steps on (PostgreSQL pid, MySQL/MariaDB
   * connection id), known from its first statement; -1 before that and while idle.
   */
  public ReadOnlyLongProperty workSessionProperty() {
    return workSession.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Direction> directionProperty() {
    return direction.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty pauseRequestedProperty() {
    return pauseRequested.getReadOnlyProperty();
  }

  /** "00:12" while working, the last run's duration after. */
  public ReadOnlyStringProperty elapsedProperty() {
    return elapsed.getReadOnlyProperty();
  }

  /** The last failure in words (a failed step, a refused run), or null. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Preflight.Report> preflightProperty() {
    return preflight.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty preflightRunningProperty() {
    return preflightRunning.getReadOnlyProperty();
  }

  /** One line for the top bar: playbook, change, state, clock. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ObservableList<LogLine> log() {
    return logView;
  }

  /** The playbook's checks as the engine evaluates them (the integrity table's rows). */
  public IntegrityModel integrity() {
    return integrity;
  }

  /** The latest notification (a guard breach, a run's end), shown for a few seconds over the live panels. */
  public ReadOnlyObjectProperty<LogLine> noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty enabledProperty(Action a) {
    return enabled.get(a).getReadOnlyProperty();
  }

  /** What the action will do, or why it is not available. */
  public ReadOnlyStringProperty whyProperty(Action a) {
    return why.get(a).getReadOnlyProperty();
  }

  public boolean enabled(Action a) {
    return enabled.get(a).get();
  }

  // ---- mutators for the controller (package-private) ----------------------------------------------------------

  void setPlaybook(Path f, Playbook p, int problemCount) {
    file.set(f);
    problems.set(problemCount);
    playbook.set(p);
  }

  void select(StepRow row) {
    selected.set(row);
  }

  void setTarget(String name, DialectFamily f) {
    targetName.set(name);
    family.set(f);
  }

  void setRun(RunState s, String id, String change, boolean wasInterrupted, String op) {
    state.set(s);
    runId.set(id);
    changeId.set(change);
    interrupted.set(wasInterrupted);
    operator.set(op);
  }

  void setProof(Proof p) {
    proof.set(p);
  }

  void setWorking(boolean w, Direction d) {
    working.set(w);
    direction.set(d);
    workSession.set(-1);
  }

  /** The run under way turns to rolling back (ROLL BACK during the run): still working, on the same session. */
  void turnBack() {
    direction.set(Direction.ROLLBACK);
  }

  void setWorkSession(long id) {
    if (working.get()) {
      workSession.set(id);
    }
  }

  void setPauseRequested(boolean p) {
    pauseRequested.set(p);
  }

  void setElapsed(String e) {
    elapsed.set(e);
  }

  void setError(String e) {
    error.set(e);
  }

  void setPreflight(Preflight.Report r) {
    preflight.set(r);
  }

  void setPreflightRunning(boolean b) {
    preflightRunning.set(b);
  }

  void setSummary(String s) {
    summary.set(s);
  }

  void log(LogLine line) {
    log.add(line);
    if (log.size() > LOG_LIMIT) {
      log.remove(0, log.size() - LOG_LIMIT);
    }
  }

  void notify(LogLine line) {
    notice.set(line);
  }

  void setAvailability(Map<Action, ActionPolicy.Availability> m) {
    m.forEach((a, v) -> {
      why.get(a).set(v.why());
      enabled.get(a).set(v.enabled());
    });
  }
}
