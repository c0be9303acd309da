package backstep.ui.run;

import backstep.db.Database;
import backstep.db.Redact;
import backstep.db.TargetSpec;
import backstep.engine.Direction;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RollbackRequest;
import backstep.engine.RunListener;
import backstep.engine.RunListeners;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.engine.TargetStatus;
import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.ui.fx.Drain;
import backstep.ui.fx.UiThread;
import backstep.ui.panels.RecordedChecks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Drives the engine for the run view: preflight, step forward, run to end, pause, roll back, resume. Every engine
 * and database call runs on a background executor; results come home through {@link UiThread}, progress through a
 * {@link Drain} emptied every 250 ms. Decisions are asked with dialogs ({@link DialogDecisions}).
 */
public final class RunController {
  private final RunModel model;
  private final Engine engine;
  private final UiThread fx;
  private final Executor io;
  private final Clock clock;
  private final Supplier<String> operator;
  private final Supplier<Window> owner;
  private final Supplier<Set<String>> knownTargets;
  private final Drain<RunEvent> drain;
  private final RunFollower follower;
  private final RecordedChecks recorded;
  private final AtomicBoolean pause = new AtomicBoolean();
  /** Where ROLL BACK asks the forward run under way to stop and roll back (a fresh one for each run). */
  private RollbackRequest stopAndRollBack = new RollbackRequest();
  private Runnable afterRun = () -> {};
  /** Who else hears the engine's events (the console's metrics endpoint), or null. */
  private RunListener observer;
  private Consumer<Path> playbookChanged = p -> {};

  private TargetSpec target;
  private Database db;
  private String targetWaiting = "no target";
  private String busyElsewhere;
  private TargetStatus status;
  private final RunClock runClock = new RunClock();
  private Pending pending;

  /** A playbook picked in the library while a run was in progress: shown when the run ends. */
  private record Pending(Path file, Playbook playbook, int problems) {}

  /** Lets {@code listener} hear every run's events too (the metrics endpoint); its runs then sample telemetry. */
  public void observedBy(RunListener listener) {
    this.observer = listener;
  }

  /** Create on the FX thread. */
  public RunController(RunModel model, Engine engine, UiThread fx, Executor io, Clock clock,
      Supplier<String> operator, Supplier<Window> owner, Supplier<Set<String>> knownTargets) {
    this.model = model;
    this.engine = engine;
    this.fx = fx;
    this.io = io;
    this.clock = clock;
    this.operator = operator;
    this.owner = owner;
    this.knownTargets = knownTargets;
    this.follower = new RunFollower(model, operator);
    this.recorded = new RecordedChecks(model.integrity(), fx, io, java.time.ZoneId.systemDefault());
    this.drain = new Drain<>(javafx.util.Duration.millis(250), events -> {
      follower.apply(events);
      recompute();
    }, this::tick);
    recompute();
  }

  public RunModel model() {
    return model;
  }

  /** Starts following the engine (the 250 ms tick). */
  public void activate() {
    drain.start();
  }

  public void deactivate() {
    drain.stop();
  }

  /** Called after every engine call ends (the shell refreshes the target's status and the ledger browser). */
  public void setAfterRun(Runnable r) {
    afterRun = r;
  }

  /** Called when preflight found the file changed and reloaded it. */
  public void setOnPlaybookChanged(Consumer<Path> c) {
    playbookChanged = c;
  }

  /** Lints {@code pb} off the FX thread (JSqlParser's first parse takes a while) for the SQL panes' marks. */
  private void lint(Playbook pb) {
    model.setFindings(java.util.List.of());
    if (pb == null) {
      return;
    }
    // after the console has closed (a library scan finished after it) the pool drops this (ConsoleThreads)
    CompletableFuture<java.util.List<backstep.lint.Finding>> linted =
        CompletableFuture.supplyAsync(() -> backstep.lint.Linter.lint(pb), io);
    fx.whenDone(linted, (found, error) -> {
      if (model.playbook() == pb) {
        model.setFindings(error == null ? found : java.util.List.of()); // the library's lint section says why
      }
    });
  }

  // ---- inputs from the shell ---------------------------------------------------------------------------------

  /** The library's selection: a valid playbook, or a file with {@code problems}. */
  public void showPlaybook(Path file, Playbook pb, int problems) {
    UiThread.check();
    if (model.workingProperty().get()) {
      pending = new Pending(file, pb, problems);
      return;
    }
    pending = null;
    Playbook old = model.playbook();
    boolean same = old != null && pb != null && Objects.equals(model.fileProperty().get(), file)
        && old.sha256().equals(pb.sha256());
    model.setPlaybook(file, pb, problems);
    if (!same) {
      lint(pb);
      model.setPreflight(null);
      model.setError(null);
      model.mutableSteps().clear();
      showRecordedChecks();
      if (pb != null) {
        for (int i = 0; i < pb.steps().size(); i++) {
          model.mutableSteps().add(new StepRow(i, pb.steps().get(i)));
        }
      }
      model.select(model.steps().isEmpty() ? null : model.steps().get(0));
      applyStatus();
    }
    recompute();
  }

  /** The current target: its spec, the open database (or null and why not), the ledger status (or null). */
  public void showTarget(TargetSpec spec, Database database, String waiting, TargetStatus st) {
    UiThread.check();
    boolean changed = !Objects.equals(spec, target) || database != db;
    target = spec;
    db = database;
    status = st;
    targetWaiting = spec == null ? "no target selected" : database == null ? waiting
        : st == null ? "reading its ledger…" : null;
    model.setTarget(spec == null ? "" : spec.name(),
        database == null ? DialectFamily.POSTGRESQL : database.dialect().family());
    if (changed) {
      model.setPreflight(null);
      model.setError(null);
    }
    if (!model.workingProperty().get()) {
      if (changed) {
        showRecordedChecks();
      }
      applyStatus();
    }
    recompute();
  }

  public void select(StepRow row) {
    model.select(row);
  }

  /**
   * Another part of the console is running on the target (a history walk): why, in words, or null when it is done.
   * Every action waits meanwhile and says why.
   */
  public void setBusyElsewhere(String why) {
    UiThread.check();
    busyElsewhere = why;
    recompute();
  }

  // ---- actions -----------------------------------------------------------------------------------------------

  public void preflight() {
    if (!model.enabled(Action.PREFLIGHT)) {
      return;
    }
    Path file = model.fileProperty().get();
    Playbook opened = model.playbook();
    Set<String> names = knownTargets.get();
    Database d = db;
    model.setPreflightRunning(true);
    model.setPreflight(null);
    model.setError(null);
    log(LogLine.Level.RUNNING, "preflight: " + opened.id() + " on " + target.name());
    recompute();
    fx.whenDone(CompletableFuture.supplyAsync(() -> Preflight.run(file, opened, names, d), io), (r, e) -> {
      model.setPreflightRunning(false);
      if (e != null) {
        model.setError("Preflight could not run: " + e.getMessage());
        log(LogLine.Level.ERROR, "preflight could not run: " + e.getMessage());
        recompute();
        return;
      }
      if (r.playbook() != null && !r.playbook().sha256().equals(opened.sha256())) {
        showPlaybook(file, r.playbook(), 0);
        playbookChanged.accept(file);
      }
      model.setPreflight(r);
      for (Preflight.Check c : r.checks()) {
        log(c.ok() ? LogLine.Level.OK : LogLine.Level.ERROR, "preflight: " + c.text());
      }
      r.plan().forEach(p -> log(LogLine.Level.INFO, "plan: " + p));
      log(r.passed() ? LogLine.Level.OK : LogLine.Level.ERROR, r.passed() ? "preflight passed"
          : "preflight failed: " + r.failed() + " check(s)");
      if (r.status() != null) {
        status = r.status();
        targetWaiting = null;
        applyStatus();
      }
      recompute();
    });
  }

  public void stepForward() {
    forward(Action.STEP_FORWARD);
  }

  public void runToEnd() {
    forward(Action.RUN_TO_END);
  }

  public void resume() {
    forward(Action.RESUME);
  }

  private void forward(Action action) {
    if (!model.enabled(action)) {
      return;
    }
    RunState st = model.state();
    boolean unsettled = st != null && !st.settled();
    String to = action == Action.STEP_FORWARD ? nextStep().step().id() : null;
    String op = operator.get();
    pause.set(false);
    model.setPauseRequested(false);
    stopAndRollBack = new RollbackRequest();
    RunOptions o = new RunOptions(op, null, to, unsettled ? model.runIdProperty().get() : null, null, pause::get)
        .withSampling(observer != null).withRollbackRequest(stopAndRollBack);
    DialogDecisions decisions = decisions(op).rollingBackWith(at -> requestRollback(op, at));
    RunListener events = RunListeners.of(new EngineEvents(drain, clock), observer);
    Direction dir = st == RunState.ROLLBACK_FAILED || st == RunState.ROLLING_BACK ? Direction.ROLLBACK
        : Direction.FORWARD;
    log(LogLine.Level.RUNNING, (unsettled ? "resume" : "apply") + " " + model.playbook().id()
        + (to == null ? "" : " up to step '" + to + "'") + " on " + target.name() + " as " + op);
    track(unsettled ? engine.resume(db, model.playbook(), o, decisions, events)
        : engine.apply(db, model.playbook(), o, decisions, events), dir);
  }

  public void rollback() {
    if (!model.enabled(Action.ROLLBACK)) {
      return;
    }
    String op = operator.get();
    if (model.workingProperty().get()) {
      requestRollback(op, clock.instant());
      return;
    }
    RunOptions o = new RunOptions(op, null, null, model.runIdProperty().get(), null).withSampling(observer != null);
    log(LogLine.Level.BACK, "roll back " + model.playbook().id() + " run " + model.changeIdProperty().get() + " on "
        + target.name() + " as " + op);
    track(engine.rollback(db, model.playbook(), o, decisions(op), RunListeners.of(new EngineEvents(drain, clock),
        observer)),
        Direction.ROLLBACK);
  }

  /**
   * ROLL BACK while the run goes forward (or from a gate's or manual step's dialog): stamped at the click, on the FX
   * thread; the statement, even one waiting on a lock, cancelled off it; the engine rolls back and proves it.
   */
  private void requestRollback(String op, Instant at) {
    RollbackRequest r = stopAndRollBack;
    model.turnBack();
    log(at, LogLine.Level.BACK, "roll back requested by " + op + " on " + target.name() + ": the run stops now");
    recompute();
    r.record(op, at); // now: before a dialog's answer reaches the engine
    Thread cancel = new Thread(r::cancelStatement, "backstep-rollback-request"); // never queued behind reads
    cancel.setDaemon(true);
    cancel.start();
  }

  /** Stops the run after the step in progress (it stays paused, resumable). */
  public void pause() {
    if (!model.enabled(Action.PAUSE)) {
      return;
    }
    pause.set(true);
    model.setPauseRequested(true);
    log(LogLine.Level.WARN, "pause requested: the run stops after the current step");
    recompute();
  }

  private DialogDecisions decisions(String op) {
    return new DialogDecisions(fx, owner, op, model.familyProperty().get(), this::log, clock, drain::flush);
  }

  private void track(CompletableFuture<RunResult> run, Direction dir) {
    recorded.cancel();
    RunState st = model.state();
    // a resume (or the rollback of a half-applied run) goes on with the same run: so does its clock
    runClock.start(clock.instant(), st != null && !st.settled());
    model.setWorking(true, dir);
    model.setError(null);
    recompute();
    fx.whenDone(run, this::finished);
  }

  private void finished(RunResult r, Throwable e) {
    drain.flush();
    model.setWorking(false, null);
    model.setPauseRequested(false);
    pause.set(false);
    if (e != null) {
      runClock.finished(clock.instant(), null);
      String msg = Redact.text(e instanceof EngineException ? e.getMessage() : "internal error: " + e);
      model.setError(msg);
      log(e instanceof EngineException ee && ee.code() == EngineException.DECLINED ? LogLine.Level.WARN
          : LogLine.Level.ERROR, msg);
    } else {
      model.setRun(r.state(), r.runId(), r.changeId(), false, r.operator());
      model.setProof(r.proof());
      for (StepResult s : r.steps()) {
        follower.row(s.index(), s.id()).ifPresent(row -> row.result(s));
      }
      model.setError(r.error() == null ? null : r.error());
      model.setElapsed(clock(runClock.finished(clock.instant(), r.duration())));
      log(r.different() ? LogLine.Level.ERROR : RunFollower.level(r.state()), "run " + r.changeId() + " "
          + RunHeadline.words(r.state(), r.proof()) + " in "
          + String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0)
          + (r.error() == null ? "" : ": " + r.error()));
      if (r.proof() != null) {
        log(r.different() ? LogLine.Level.ERROR : LogLine.Level.INFO, "proof: " + r.proof().describe());
        r.proof().differences().forEach(d -> log(LogLine.Level.ERROR, "  ≠ " + d));
      }
    }
    if (pending != null) {
      Pending p = pending;
      pending = null;
      showPlaybook(p.file(), p.playbook(), p.problems());
    }
    recompute();
    afterRun.run();
  }

  private void tick() {
    Instant now = clock.instant();
    follower.tick(now);
    if (model.workingProperty().get()) {
      model.setElapsed(clock(runClock.elapsed(now)));
      summary();
    }
  }

  // ---- derived state -----------------------------------------------------------------------------------------

  /** The open playbook's checks pending, then what its latest run on the target recorded (read off the FX thread). */
  private void showRecordedChecks() {
    Playbook pb = model.playbook();
    model.integrity().reset(pb == null ? java.util.List.of() : pb.checks());
    recorded.load(db, pb);
  }

  private void applyStatus() {
    Playbook pb = model.playbook();
    TargetStatus.PlaybookState ps = status == null || pb == null ? null : status.playbooks().stream()
        .filter(p -> p.playbookId().equals(pb.id())).findFirst().orElse(null);
    model.mutableSteps().forEach(StepRow::reset);
    if (ps == null) {
      model.setRun(null, null, null, false, null);
      model.setProof(null);
      model.setElapsed("");
      runClock.recorded(null);
      return;
    }
    model.setRun(ps.state(), ps.runId(), ps.changeId(), ps.interrupted(), ps.operator());
    model.setProof(ps.proof());
    for (StepResult s : ps.steps()) {
      follower.row(s.index(), s.id()).ifPresent(row -> row.result(s));
    }
    if (ps.startedAt() != null && ps.endedAt() != null) {
      Duration took = Duration.between(ps.startedAt(), ps.endedAt());
      runClock.recorded(took);
      model.setElapsed(clock(took));
    }
    if (!ps.state().settled() && model.errorProperty().get() == null) {
      model.setError(ps.state() == RunState.PAUSED ? null : ps.explanation());
    }
  }

  private String blockedBy() {
    if (status == null) {
      return null;
    }
    Playbook pb = model.playbook();
    for (TargetStatus.PlaybookState p : status.playbooks()) {
      if (!p.state().settled() && (pb == null || !p.playbookId().equals(pb.id()))) {
        return "Target " + status.target() + " is half-applied by run " + p.changeId() + " of '" + p.playbookId()
            + "' (" + p.state().words() + "): open that playbook and Resume or Roll back it first";
      }
    }
    if (status.busyBy() != null && !model.workingProperty().get()) {
      return "Target " + status.target() + " is busy: " + status.busyBy();
    }
    return null;
  }

  /** The step Step forward applies: the first not applied in an unsettled run, else the first. */
  private StepRow nextStep() {
    RunState st = model.state();
    if (model.steps().isEmpty()) {
      return null;
    }
    if (st == null || st.settled()) {
      return model.steps().get(0);
    }
    return model.steps().stream().filter(r -> r.state() != StepState.APPLIED && r.state() != StepState.SKIPPED)
        .findFirst().orElse(null);
  }

  private void recompute() {
    Playbook pb = model.playbook();
    Preflight.Report pf = model.preflightProperty().get();
    StepRow next = pb == null ? null : nextStep();
    ActionPolicy.Situation s = new ActionPolicy.Situation(pb != null || model.problemsProperty().get() > 0,
        model.problemsProperty().get(), target == null ? "the target" : target.name(),
        busyElsewhere != null ? busyElsewhere : targetWaiting,
        model.preflightRunningProperty().get(), model.workingProperty().get(), model.directionProperty().get(),
        model.pauseRequestedProperty().get(), model.state(), model.interruptedProperty().get(),
        pf != null && pf.passed(), blockedBy(), next == null ? null : (next.index() + 1) + " · " + next.step().title());
    model.setAvailability(ActionPolicy.evaluate(s));
    summary();
  }

  private void summary() {
    Playbook pb = model.playbook();
    if (pb == null) {
      model.setSummary(model.problemsProperty().get() > 0 ? "playbook has problems" : "no playbook open");
      return;
    }
    RunState st = model.state();
    String change = model.changeIdProperty().get();
    model.setSummary(pb.id() + " v" + pb.version() + (change == null ? "" : "  ·  " + change) + "  ·  "
        + (st == null ? "not run on " + model.targetNameProperty().get() : RunHeadline.words(st, model.proof()))
        + (model.elapsedProperty().get().isEmpty() ? "" : "  ·  ◷ " + model.elapsedProperty().get()));
  }


  private void log(LogLine.Level level, String text) {
    log(clock.instant(), level, text);
  }

  private void log(LogLine line) {
    model.log(line);
  }

  private void log(Instant at, LogLine.Level level, String text) {
    follower.log(at, level, text);
  }

  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }

}
