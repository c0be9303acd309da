package backstep.ui.drill;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.drill.DrillResult;
import backstep.drill.DrillRunner;
import backstep.drill.DrillSession;
import backstep.drill.TimelineEvent;
import backstep.engine.Engine;
import backstep.report.DrillDebrief;
import backstep.ui.fx.Drain;
import backstep.ui.fx.UiThread;
import backstep.ui.panels.LiveController;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drill mode's controller: loads the drills folder, runs the selected drill on the target its file names (the
 * sandbox by default; named targets from the console's targets file, as {@code drill run --targets} resolves them)
 * through
 * {@link DrillRunner} (its own threads; events reach the FX thread in batches through a {@link Drain}), passes the
 * team's buttons to the {@link DrillSession} (each action timed there), writes the debrief and reads the drill's
 * history from the ledger — every database and file call on the background executor.
 */
public final class DrillController {
  private final DrillModel model;
  private final LiveController live;
  private final Engine engine;
  private final DrillTargets targets;
  private final UiThread fx;
  private final Executor io;
  private final Clock clock;
  private final Supplier<String> operator;
  private final Path debriefs;
  private final Drain<DrillFeed.Item> drain;
  private final DrillEvents events;
  private final javafx.collections.ObservableList<DrillEntry> drills =
      javafx.collections.FXCollections.observableArrayList();
  private TargetSpec spec;
  private Database db;
  private boolean shown;
  private volatile DrillSession session;
  private Consumer<DrillResult> afterDrill = r -> { };

  /** Create on the FX thread. {@code debriefs}: where debriefs are written (one folder per attempt). */
  public DrillController(DrillModel model, LiveController live, Engine engine, DrillTargets targets, UiThread fx,
      Executor io, Clock clock, Supplier<String> operator, Path debriefs) {
    this.model = model;
    this.live = live;
    this.engine = engine;
    this.targets = targets;
    this.fx = fx;
    this.io = io;
    this.clock = clock;
    this.operator = operator;
    this.debriefs = debriefs;
    this.events = new DrillEvents(model);
    this.drain = new Drain<>(javafx.util.Duration.millis(250), this::apply, this::tick);
  }

  public DrillModel model() {
    return model;
  }

  public LiveController live() {
    return live;
  }

  public javafx.collections.ObservableList<DrillEntry> drills() {
    return drills;
  }

  public void activate() {
    drain.start();
    live.activate();
  }

  public CompletableFuture<Void> close() {
    drain.stop();
    return live.close();
  }

  /** Called on the FX thread when a drill ends (the shell refreshes the ledger and the target's status). */
  public void setAfterDrill(Consumer<DrillResult> after) {
    afterDrill = after;
  }

  /** Reads every drill of {@code folder} off the FX thread. */
  public CompletableFuture<List<DrillEntry>> open(Path folder) {
    CompletableFuture<List<DrillEntry>> done = new CompletableFuture<>();
    fx.whenDone(CompletableFuture.supplyAsync(() -> DrillFiles.scan(folder), io), (list, e) -> {
      drills.setAll(e == null ? list : List.of());
      done.complete(drills);
    });
    return done;
  }

  /** Shows a drill (its briefing, faults and checklist) ready to start; ignored while a drill runs. */
  public void select(DrillEntry e) {
    UiThread.check();
    if (running()) {
      return;
    }
    model.setEntry(e);
    events.reset(e);
    model.setPhase(e == null ? DrillModel.Phase.NONE : DrillModel.Phase.READY);
    model.setStatus(e == null ? "" : e.valid() ? "Ready. The clock starts with Start drill." : e.problem());
    model.setClock("00:00.0", "incident: not yet");
    live.showPlaybook(e == null ? null : e.playbook());
    refreshTarget();
  }

  /**
   * Whether the drill page is on screen. Its live panels sample the target only then (or while a drill runs), so
   * the console does not keep a second sampler on the target while the run view's panels already watch it.
   */
  public void setShown(boolean onScreen) {
    UiThread.check();
    shown = onScreen;
    if (!running()) {
      live.showTarget(onScreen ? db : null);
    }
  }

  /**
   * Finds and connects the target the selected drill names (its {@code target:}, the sandbox by default) and says
   * on the drill page where it will run; a target the console does not know, a production target or one it cannot
   * reach is shown with the reason, and Start stays off. Called on selection and when the target list changes.
   */
  public void refreshTarget() {
    UiThread.check();
    if (running()) {
      return;
    }
    DrillEntry e = model.entry();
    spec = null;
    db = null;
    live.showTarget(null);
    if (e == null || e.drill() == null) {
      model.setWhere(e == null ? "no drill selected" : "cannot run: the drill is invalid", false);
      refreshHistory();
      return;
    }
    String name = e.drill().target();
    TargetSpec t = targets.find(name).orElse(null);
    if (t == null && targets.names().contains(name)) {
      model.setWhere("will run on " + name + " · reading the targets…", false); // the list is not read yet
    } else if (t == null) {
      model.setWhere("the drill names target '" + name + "', which the console's targets file does not define "
          + "(known: " + String.join(", ", targets.names()) + "): it cannot start", false);
    } else if (t.environment() == EnvironmentClass.PRODUCTION) {
      model.setWhere(t.name() + " is PRODUCTION: drills inject faults and never run there", false);
    } else {
      spec = t;
      model.setWhere("will run on " + where(t) + " · connecting…", false);
      fx.whenDone(targets.connect(t), (d, error) -> connected(e, t, d, error));
    }
    refreshHistory();
  }

  private void connected(DrillEntry e, TargetSpec t, Database d, Throwable error) {
    if (model.entry() != e || spec != t || running()) {
      return; // another drill was selected meanwhile
    }
    if (error != null) {
      model.setWhere("cannot reach " + t.name() + ", the drill's target: " + UiThread.unwrap(error).getMessage()
          + " — it cannot start", false);
      return;
    }
    db = d;
    live.showTarget(shown ? d : null);
    model.setWhere("runs on " + where(t), true);
    refreshHistory();
  }

  private static String where(TargetSpec t) {
    return t.isSandbox() ? "the sandbox" : t.name() + " (" + t.environment().key() + ")";
  }

  public boolean running() {
    return model.phase() == DrillModel.Phase.RUNNING;
  }

  /** Start drill: workload, baseline, the change with its faults; the clock runs from now. */
  public void start() {
    UiThread.check();
    DrillEntry e = model.entry();
    if (e == null || !e.valid() || db == null || running() || !model.targetOkProperty().get()) {
      return;
    }
    events.reset(e);
    model.setPhase(DrillModel.Phase.RUNNING);
    model.setStartedAt(clock.instant());
    model.setStatus("starting: workload, then the baseline…");
    live.setRunActive(true);
    Database target = db;
    String who = operator.get();
    DrillFeed feed = new DrillFeed(drain::offer);
    DrillRunner.Options o = new DrillRunner.Options(who, new DrillDecisions(fx, who, this::rollback), false, feed);
    CompletableFuture<DrillResult> result = CompletableFuture.supplyAsync(() -> {
      try {
        DrillSession s = new DrillRunner(engine, clock).start(e.drill(), e.playbook(), target, o, feed);
        session = s;
        return s;
      } catch (Exception ex) {
        throw new CompletionException(ex);
      }
    }, io).thenCompose(DrillSession::result);
    fx.whenDone(result, (r, error) -> finished(r, error));
  }

  /** A batch of the drill's events, on the FX thread: the drill's own views, and who the blocker list marks. */
  private void apply(java.util.List<DrillFeed.Item> batch) {
    events.apply(batch);
    for (DrillFeed.Item item : batch) {
      if (item instanceof DrillFeed.WorkSession w) {
        live.setRunSession(w.id());
      }
    }
  }

  private void finished(DrillResult r, Throwable error) {
    drain.flush();
    live.setRunActive(false);
    live.setRunSession(-1);
    session = null;
    if (error != null) {
      model.setPhase(DrillModel.Phase.ERROR);
      model.setStatus("the drill stopped: " + error.getMessage());
      return;
    }
    model.setResult(r);
    model.setPhase(DrillModel.Phase.SCORED);
    model.setStatus((r.passed() ? "PASSED" : "FAILED") + " · run " + r.finalState().words()
        .replace('_', ' ') + " · attempt kept in the ledger");
    refreshHistory();
    afterDrill.accept(r);
  }

  /**
   * "I see it": the operator's acknowledgement (time to detect, when it comes before any alert). Like every button
   * of the team, stamped with the click's instant here on the FX thread, before anything else is done.
   */
  public void acknowledge() {
    Instant clicked = clock.instant();
    DrillSession s = session;
    if (s != null) {
      s.acknowledge(operator.get(), clicked);
      model.setAcknowledged(true);
    }
  }

  /** Hold the change after its current step until the team decides. */
  public void pause() {
    Instant clicked = clock.instant();
    DrillSession s = session;
    if (s != null) {
      s.pause(operator.get(), clicked);
      model.setPaused(true);
    }
  }

  /** Decide to roll back (time to decide, from the click); the drill rolls back and watches the target recover. */
  public void rollback() {
    Instant clicked = clock.instant();
    DrillSession s = session;
    if (s != null) {
      s.acknowledge(operator.get(), clicked);
      s.rollback(operator.get(), clicked);
      model.setAcknowledged(true);
    }
  }

  /** Decide to carry on with the change (time to decide, from the click). */
  public void proceed() {
    Instant clicked = clock.instant();
    DrillSession s = session;
    if (s != null) {
      s.acknowledge(operator.get(), clicked);
      s.proceed(operator.get(), clicked);
      model.setAcknowledged(true);
    }
  }

  /** Writes the debrief (Markdown with its chart, HTML, JSON) of the last attempt, off the FX thread. */
  public CompletableFuture<Path> exportDebrief() {
    DrillResult r = model.result();
    CompletableFuture<Path> done = new CompletableFuture<>();
    if (r == null) {
      done.complete(null);
      return done;
    }
    Path dir = debriefs.resolve(r.drillId() + "-" + r.attemptId().substring(0, 8));
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        return DrillDebrief.write(r, dir).get(0);
      } catch (java.io.IOException ex) {
        throw new CompletionException(ex);
      }
    }, io), (p, e) -> {
      model.setDebrief(e == null ? "Debrief written: " + p.toAbsolutePath() : "Debrief not written: "
          + e.getMessage());
      done.complete(p);
    });
    return done;
  }

  private void refreshHistory() {
    DrillEntry e = model.entry();
    Database d = db;
    if (e == null || e.drill() == null || d == null) {
      model.history().clear();
      model.setTrend(d == null ? "history: connect a target" : "");
      return;
    }
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        return DrillHistory.load(d, e.drill().id());
      } catch (backstep.ledger.LedgerException ex) {
        throw new CompletionException(ex);
      }
    }, io), (rows, error) -> {
      if (model.entry() != e) {
        return;
      }
      model.history().setAll(error == null ? rows : List.of());
      model.setTrend(error == null ? AttemptRow.trend(rows) : "history unavailable: " + error.getMessage());
    });
  }

  private void tick() {
    Instant start = model.startedAt();
    if (!running() || start == null) {
      return;
    }
    Instant now = clock.instant();
    Instant incident = model.incidentAt();
    model.setClock(DrillEvents.clock(start, now), incident == null ? "incident: not yet"
        : "since the incident: " + DrillEvents.seconds(incident, now));
  }

  /** For the view: a timeline event's offset from the drill's start. */
  public String offset(TimelineEvent e) {
    return DrillEvents.offset(model.startedAt(), e.at());
  }
}
