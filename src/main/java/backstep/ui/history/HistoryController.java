package backstep.ui.history;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.Redact;
import backstep.db.TargetSpec;
import backstep.engine.Decisions;
import backstep.engine.Direction;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.HistoryRehearsal;
import backstep.engine.HistoryRuns;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.TargetStatus;
import backstep.history.History;
import backstep.history.HistoryLoader;
import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.fx.Drain;
import backstep.ui.fx.UiThread;
import backstep.ui.library.HistoryEntry;
import backstep.ui.run.DialogDecisions;
import backstep.ui.run.LogLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Drives the history page: shows a history's migrations with their state on the current target (from the target's
 * ledger status, read off the FX thread by the targets controller), and walks it — apply, roll back, rehearse — on
 * a thread of its own ({@code walker}), since {@link HistoryRuns} and {@link HistoryRehearsal} wait for each run on
 * the engine's thread. Progress comes home through a {@link Drain} emptied every 250 ms; decisions are asked with the
 * run view's dialogs ({@link DialogDecisions}), once for the whole walk.
 */
public final class HistoryController {
  private final HistoryModel model;
  private final Engine engine;
  private final UiThread fx;
  private final Executor walker;
  private final Clock clock;
  private final Supplier<String> operator;
  private final Supplier<Window> owner;
  private final Supplier<Set<String>> knownTargets;
  private final Drain<HistoryEvents.Event> drain;
  private Runnable afterWalk = () -> {};
  private Consumer<String> say = s -> {};

  private TargetSpec target;
  private Database db;
  private String targetWaiting = "no target selected";
  private TargetStatus status;
  private String busyElsewhere;
  private HistoryEntry pending;
  private boolean hasPending;

  /** What a walk does on the walker thread with the history as its files are now. */
  private interface Walk<T> {
    T run(History h, Database d, RunListener l) throws EngineException;
  }

  /** Create on the FX thread. */
  public HistoryController(HistoryModel model, Engine engine, UiThread fx, Executor walker, Clock clock,
      Supplier<String> operator, Supplier<Window> owner, Supplier<Set<String>> knownTargets) {
    this.model = model;
    this.engine = engine;
    this.fx = fx;
    this.walker = walker;
    this.clock = clock;
    this.operator = operator;
    this.owner = owner;
    this.knownTargets = knownTargets;
    this.drain = new Drain<>(javafx.util.Duration.millis(250), this::events, () -> {});
    recompute();
  }

  public HistoryModel model() {
    return model;
  }

  public void activate() {
    drain.start();
  }

  public void deactivate() {
    drain.stop();
  }

  /** Called after every walk on the target ends (the shell refreshes the target's status and the ledger). */
  public void setAfterWalk(Runnable r) {
    afterWalk = r;
  }

  /** Where the page's progress lines go besides the page (the status bar). */
  public void setOnMessage(Consumer<String> c) {
    say = c;
  }

  // ---- inputs from the shell ---------------------------------------------------------------------------------

  /** The library's selected history (or null); while a walk runs, shown when it ends. */
  public void show(HistoryEntry e) {
    UiThread.check();
    if (model.workingProperty().get() != null) {
      pending = e;
      hasPending = true;
      return;
    }
    HistoryEntry old = model.entry();
    if (old == null || e == null || !old.file().equals(e.file())) {
      model.setReport(null);
      model.say(HistoryModel.Tone.INFO, "");
    }
    if (old == null || e == null || !old.file().equals(e.file())) {
      model.setRange(HistoryRange.all(e == null || !e.valid() ? 0 : e.history().migrations().size()));
    }
    model.setEntry(e);
    rebuildRows();
    recompute();
  }

  /**
   * The part of the history the walks take, as {@code --from} / {@code --to} choose it on the command line:
   * Apply stops after {@code range.to()}, Rehearse takes {@code from}..{@code to}, Roll back keeps {@code keep}.
   */
  public void setRange(HistoryRange range) {
    UiThread.check();
    HistoryEntry e = model.entry();
    model.setRange(range.fit(e == null || !e.valid() ? 0 : e.history().migrations().size()));
    recompute();
  }

  /** The current target: its spec, the open database (or null and why not), its ledger status (or null). */
  public void showTarget(TargetSpec spec, Database database, String waiting, TargetStatus st) {
    UiThread.check();
    target = spec;
    db = database;
    status = st;
    targetWaiting = spec == null ? "no target selected" : database == null ? waiting : null;
    model.setTargetName(spec == null ? "" : spec.name());
    if (model.workingProperty().get() == null) {
      rebuildRows();
    }
    recompute();
  }

  /** Another part of the console is using the engine (a run in the Run tab): why, or null when it is free. */
  public void setBusyElsewhere(String why) {
    UiThread.check();
    busyElsewhere = why;
    recompute();
  }

  // ---- actions -----------------------------------------------------------------------------------------------

  /**
   * Applies every migration not applied yet up to the range's end, in order (one run each; one confirmation for
   * the walk).
   */
  public void apply() {
    if (!model.enabled(HistoryAction.APPLY)) {
      return;
    }
    Decisions decisions = decisions();
    String op = operator.get();
    int to = model.range().to();
    walk(HistoryAction.APPLY, true, (h, d, l) -> new HistoryRuns(engine).apply(d, h, to,
        new RunOptions(op, null, null, null, null), decisions, l), this::walked);
  }

  /** Rolls back every migration in effect after the range's kept one, newest first, each by its own latest run. */
  public void rollback() {
    if (!model.enabled(HistoryAction.ROLLBACK)) {
      return;
    }
    Decisions decisions = decisions();
    String op = operator.get();
    int keep = model.range().keep();
    walk(HistoryAction.ROLLBACK, true, (h, d, l) -> new HistoryRuns(engine).rollback(d, h, keep,
        new RunOptions(op, null, null, null, null), decisions, l), this::walked);
  }

  /** Proves every down on a scratch database of the target's server; the target itself is not changed. */
  public void rehearse() {
    if (!model.enabled(HistoryAction.REHEARSE)) {
      return;
    }
    HistoryRange r = model.range();
    walk(HistoryAction.REHEARSE, false, (h, d, l) -> new HistoryRehearsal(engine, clock).run(d, h, r.from(),
        r.to(), null, l), this::rehearsed);
  }

  private DialogDecisions decisions() {
    return new DialogDecisions(fx, owner, operator.get(), db.dialect().family(), this::log, clock, drain::flush);
  }

  private <T> void walk(HistoryAction action, boolean onTarget, Walk<T> work, Consumer<T> done) {
    HistoryEntry shown = model.entry();
    Database d = db;
    Set<String> names = knownTargets.get();
    HistoryEvents events = new HistoryEvents(drain, onTarget);
    model.setWorking(action);
    String where = action == HistoryAction.REHEARSE ? "a scratch database of " + target.name() + "'s server"
        : target.name();
    model.say(HistoryModel.Tone.RUNNING, capitalise(action.doing()) + " history " + shown.history().id() + " on "
        + where + "…");
    say.accept(action.doing() + " history " + shown.history().id() + " on " + where);
    recompute();
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        return work.run(fresh(shown, names), d, events);
      } catch (EngineException e) {
        throw new CompletionException(e);
      }
    }, walker), (r, e) -> {
      drain.flush();
      model.setWorking(null);
      if (e != null) {
        String msg = Redact.text(e instanceof EngineException ? e.getMessage() : "internal error: " + e);
        model.say(HistoryModel.Tone.ERROR, msg);
        say.accept(msg);
      } else {
        done.accept(r);
      }
      if (hasPending) {
        hasPending = false;
        show(pending);
      }
      recompute();
      if (onTarget) {
        afterWalk.run();
      }
    });
  }

  /**
   * The history as its files are now (a walk always runs them as they are), refused when it no longer lists the
   * migrations the page shows.
   */
  private static History fresh(HistoryEntry shown, Set<String> targets) throws EngineException {
    History h;
    try {
      h = new HistoryLoader(new PlaybookLoader(targets)).load(shown.file());
    } catch (InvalidFileException e) {
      throw new EngineException(EngineException.INVALID, "the history's files have " + e.problems().size()
          + " problem(s) now, nothing was run: " + e.problems().get(0).format());
    }
    List<String> now = h.migrations().stream().map(Playbook::id).toList();
    List<String> before = shown.history().migrations().stream().map(Playbook::id).toList();
    if (!now.equals(before)) {
      throw new EngineException(EngineException.INVALID, shown.file() + " lists other migrations than when the "
          + "library read it; nothing was run. Open the folder again (Open folder…) to see it as it is now");
    }
    return h;
  }

  private void walked(HistoryRuns.Result r) {
    boolean back = r.direction() == Direction.ROLLBACK;
    for (HistoryRuns.Item i : r.items()) {
      if (i.run() != null) {
        replace(i.playbookId(), row -> row.after(i.run()));
      }
    }
    long done = r.items().stream().filter(i -> i.action() == (back ? HistoryRuns.Action.ROLLED_BACK
        : HistoryRuns.Action.APPLIED)).count();
    String text = "History " + r.history() + " on " + r.target() + ": " + (r.ok() ? (back ? "ROLLED BACK"
        : "APPLIED") : "FAILED") + " — " + done + " migration(s) " + (back ? "rolled back" : "applied")
        + (back && done > 0 ? ", rollback " + r.proof().words() : "") + (r.error() == null ? ""
        : ". Stopped: " + r.error());
    model.say(r.ok() ? HistoryModel.Tone.OK : HistoryModel.Tone.ERROR, Redact.text(text));
    say.accept(Redact.text(text));
  }

  private void rehearsed(HistoryRehearsal.Report r) {
    model.setReport(r);
    List<String> broken = r.broken().stream().map(HistoryRehearsal.Item::migration).toList();
    String text = "Rehearsal of history " + r.history() + " on " + r.server() + ": " + (r.passed() ? "PASSED — "
        + "every down restores what its up changed" : "FAILED — " + (broken.isEmpty() ? ""
        : "broken: " + String.join(", ", broken))) + (r.error() == null ? "" : ". Stopped: " + r.error())
        + String.format(Locale.ROOT, " (%.1f s)", r.took().toMillis() / 1000.0);
    model.say(HistoryModel.Tone.INFO, ""); // the report's own summary says it, in full, under REHEARSAL
    say.accept(Redact.text(text));
  }

  // ---- engine events, on the FX thread -----------------------------------------------------------------------

  private void events(List<HistoryEvents.Event> batch) {
    for (HistoryEvents.Event e : batch) {
      if (e instanceof HistoryEvents.Note n) {
        HistoryAction a = model.workingProperty().get();
        model.say(HistoryModel.Tone.RUNNING, (a == null ? "" : capitalise(a.doing()) + " history: ") + n.text());
        say.accept(n.text());
      } else if (e instanceof HistoryEvents.Started s) {
        replace(s.playbookId(), row -> row.with(s.direction() == Direction.ROLLBACK ? MigrationState.ROLLING_BACK
            : MigrationState.APPLYING, s.changeId()));
      } else if (e instanceof HistoryEvents.Finished f) {
        replace(f.result().playbookId(), row -> row.after(f.result()));
      }
    }
  }

  private void replace(String playbookId, java.util.function.UnaryOperator<MigrationRow> change) {
    List<MigrationRow> rows = model.mutableRows();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).playbook().id().equals(playbookId)) {
        rows.set(i, change.apply(rows.get(i)));
      }
    }
  }

  private void log(LogLine line) {
    model.say(line.level() == LogLine.Level.ERROR ? HistoryModel.Tone.ERROR : HistoryModel.Tone.RUNNING,
        line.text());
    say.accept(line.text());
  }

  // ---- derived state -----------------------------------------------------------------------------------------

  private void rebuildRows() {
    HistoryEntry e = model.entry();
    List<MigrationRow> rows = new ArrayList<>();
    if (e != null && e.valid()) {
      Map<String, TargetStatus.PlaybookState> latest = new HashMap<>();
      if (status != null) {
        status.playbooks().forEach(p -> latest.put(p.playbookId(), p));
      }
      boolean known = db != null && status != null;
      List<Playbook> migrations = e.history().migrations();
      for (int i = 0; i < migrations.size(); i++) {
        rows.add(MigrationRow.of(i, migrations.get(i), latest.get(migrations.get(i).id()), known));
      }
    }
    model.mutableRows().setAll(rows);
  }

  private void recompute() {
    HistoryEntry e = model.entry();
    boolean production = target != null && target.environment() == EnvironmentClass.PRODUCTION;
    model.setAvailability(HistoryPolicy.evaluate(new HistoryPolicy.Situation(e != null, e == null ? 0
        : e.problems().size(), target == null ? "the target" : target.name(), targetWaiting, wrongFamily(e),
        production, model.workingProperty().get(), busyElsewhere, List.copyOf(model.rows()), model.range())));
  }

  /** Why the history cannot run on the open target's database, or null. */
  private String wrongFamily(HistoryEntry e) {
    if (e == null || !e.valid() || db == null) {
      return null;
    }
    DialectFamily f = db.dialect().family();
    return e.history().migrations().stream().filter(p -> !p.dialects().contains(f)).findFirst()
        .map(p -> "Migration " + History.name(p) + " has no SQL for " + db.dialect().displayName() + " ("
            + target.name() + "): this history is for another database").orElse(null);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
