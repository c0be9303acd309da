package backstep.engine;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.db.EnvironmentClass;
import backstep.history.History;
import backstep.integrity.Fingerprint;
import backstep.ledger.EventType;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.RunTags;
import backstep.ledger.TargetLock;
import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import backstep.state.RunState;
import backstep.state.StepState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Applies, rolls back and resumes playbooks on a target. Each call takes the target's run lock for its whole
 * duration, refuses to start over a half-applied run, and records everything in the target's ledger. Work runs on
 * the engine's executor; callers get a {@link CompletableFuture} (the CLI joins it, the console does not).
 */
public final class Engine {
  private final Clock clock;
  private final Sleeper sleeper;
  private final Executor executor;
  private final ScheduledExecutorService lockTimer;
  private final RunStart start;

  public Engine(Clock clock, Sleeper sleeper, Executor executor) {
    this(clock, sleeper, executor, LockWatch.newTimer());
  }

  /** @param lockTimer runs the checks that name who blocks a step (tests inject their own) */
  public Engine(Clock clock, Sleeper sleeper, Executor executor, ScheduledExecutorService lockTimer) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.executor = executor;
    this.lockTimer = lockTimer;
    this.start = new RunStart(clock);
  }

  public CompletableFuture<RunResult> apply(Database db, Playbook pb, RunOptions o, Decisions d, RunListener l) {
    return async(() -> applyNow(db, null, pb, o, d, l));
  }

  /** Applies under a run lock already held (a history walk): see {@link #hold}. */
  public CompletableFuture<RunResult> apply(HeldLock held, Playbook pb, RunOptions o, Decisions d, RunListener l) {
    return async(() -> applyNow(held.db(), held, pb, o, d, l));
  }

  public CompletableFuture<RunResult> rollback(Database db, Playbook fileCopy, RunOptions o, Decisions d,
      RunListener l) {
    return rollback(db, null, fileCopy, o, d, l);
  }

  /** Rolls back under a run lock already held (a history walk): see {@link #hold}. */
  public CompletableFuture<RunResult> rollback(HeldLock held, Playbook fileCopy, RunOptions o, Decisions d,
      RunListener l) {
    return rollback(held.db(), held, fileCopy, o, d, l);
  }

  private CompletableFuture<RunResult> rollback(Database db, HeldLock held, Playbook fileCopy, RunOptions o,
      Decisions d, RunListener l) {
    if (held != null) {
      held.runStarting();
    }
    return async(() -> withLock(db, held, (c, ledger) -> rollbackNow(db, c, requireLedger(db, c, ledger,
        "roll back"), RecordedRuns.find(db, c, ledger, fileCopy, o, false), fileCopy, o, d, l)));
  }

  /**
   * Takes the target's run lock for several runs (a history walk), refusing like a single run when another
   * Backstep process holds it. The caller closes it when the walk ends.
   */
  public HeldLock hold(Database db) throws EngineException {
    Connection lock = null;
    Connection central = null;
    try {
      lock = db.connection();
      if (!TargetLock.tryAcquire(lock, db.dialect())) {
        throw busy(db, lock);
      }
      Ledger ledger = new Ledger(db);
      central = ledger.colocated() ? null : ledger.connection();
      HeldLock held = new HeldLock(db, lock, central, ledger);
      lock = null;
      central = null;
      return held;
    } catch (backstep.ledger.LedgerKeyException e) {
      throw new EngineException(EngineException.INVALID, e.getMessage());
    } catch (SQLException e) {
      throw lost(db, e);
    } finally {
      closeQuietly(central);
      closeQuietly(lock);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // giving up on it anyway
    }
  }

  public CompletableFuture<RunResult> resume(Database db, Playbook fileCopy, RunOptions o, Decisions d,
      RunListener l) {
    return async(() -> withLock(db, (c, ledger) -> resumeNow(db, c, requireLedger(db, c, ledger, "resume"), fileCopy,
        o, d, l)));
  }

  /**
   * Records in the ledger which migrations of {@code history} another tool already applied to the target (Flyway,
   * Liquibase, golang-migrate, dbmate, Sqitch), as read from its own table: see {@link Adopter}.
   */
  public CompletableFuture<AdoptResult> adopt(Database db, History history, AdoptOptions o) {
    return async(() -> withLock(db, (control, ledger) -> new Adopter(clock).adopt(db, control, ledger, history, o)));
  }

  /**
   * Drops a recovery point once its change is signed off: under the run lock, confirmed like a change on
   * non-sandbox targets, recorded in the ledger as RECOVERY_DROPPED.
   */
  public CompletableFuture<Void> dropRecoveryPoint(Database db, String table, String operator, Decisions d) {
    return async(() -> withLock(db, (control, ledger) -> {
      requireLedger(db, control, ledger, "drop");
      RecoveryPoints.Point p = RecoveryPoints.list(db).stream()
          .filter(x -> x.table().equals(table) || x.table().endsWith("." + table)).findFirst()
          .orElseThrow(() -> new EngineException(EngineException.INVALID, "no recovery point '" + table
              + "' on target '" + db.spec().name() + "' (see `backstep recovery list`)"));
      if (!p.exists()) {
        throw new EngineException(EngineException.INVALID, "recovery point " + p.table() + " was already dropped");
      }
      if (db.spec().environment() != EnvironmentClass.SANDBOX) {
        Decision c = d.confirmRun(null, db.spec(), Direction.ROLLBACK, "drop recovery point " + p.table()
            + " on " + db.spec().name());
        if (!c.approved()) {
          throw new EngineException(EngineException.DECLINED, "not confirmed; the recovery point is kept");
        }
      }
      try (Connection target = db.connection(); java.sql.Statement st = target.createStatement()) {
        st.execute("DROP TABLE " + p.table());
      }
      ledger.append(control, p.runId(), EventType.RECOVERY_DROPPED, p.stepId(), operator,
          backstep.playbook.Json.compact(Map.of("copy", p.table(), "rows", p.rows(), "checksum", p.checksum())),
          clock.instant());
      return null;
    }));
  }

  /** Unwraps the engine's failures from a joined future. */
  public static <T> T join(CompletableFuture<T> f) throws EngineException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof EngineException ee) {
        throw ee;
      }
      throw e;
    }
  }

  interface Work<T> {
    T run() throws EngineException;
  }

  private <T> CompletableFuture<T> async(Work<T> w) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return w.run();
      } catch (EngineException e) {
        throw new CompletionException(e);
      }
    }, executor);
  }

  interface Locked<T> {
    T run(Connection control, Ledger ledger) throws SQLException, EngineException;
  }

  /**
   * Runs {@code body} holding the target's run lock. The lock is taken on a connection to the target; the body
   * gets a connection to where the ledger lives (the same one, unless the target uses a central ledger).
   */
  private <T> T withLock(Database db, Locked<T> body) throws EngineException {
    return withLock(db, null, body);
  }

  /** {@link #withLock(Database, Locked)}, or the body under a lock already {@code held}. */
  private <T> T withLock(Database db, HeldLock held, Locked<T> body) throws EngineException {
    if (held == null) {
      try (HeldLock own = hold(db)) {
        return withLock(db, own, body);
      }
    }
    try {
      held.ledgerExists(); // brought up to date (once per walk); a new ledger is only created once a change starts
      return body.run(held.control(), held.ledger());
    } catch (backstep.ledger.LedgerKeyException e) {
      throw new EngineException(EngineException.INVALID, e.getMessage());
    } catch (SQLException e) {
      throw lost(db, e);
    }
  }

  private static EngineException lost(Database db, SQLException e) {
    return new EngineException(EngineException.UNAVAILABLE, (Dialect.isConnectionLost(e)
        ? "lost the connection to target '" + db.spec().name() + "': "
        : "database error on target '" + db.spec().name() + "': ") + RunSession.dbMessage(e)
        + ". The ledger keeps what was committed; run `backstep status` to see the state.");
  }

  /** Refuses rollback or resume on a target with no ledger, creating nothing there. */
  private static Ledger requireLedger(Database db, Connection c, Ledger ledger, String what)
      throws SQLException, EngineException {
    if (!ledger.exists(c)) {
      throw new EngineException(EngineException.INVALID, "target '" + db.spec().name() + "' has no Backstep ledger: "
          + "nothing was ever applied there by Backstep, so there is nothing to " + what + " (nothing was changed)");
    }
    return ledger;
  }

  private EngineException busy(Database db, Connection lock) {
    String who = LockHolder.describe(db, lock, sleeper);
    return new EngineException(EngineException.BUSY, "target '" + db.spec().name()
        + "' is busy: another Backstep process holds its run lock" + who);
  }

  private RunResult applyNow(Database db, HeldLock held, Playbook pb, RunOptions o, Decisions d, RunListener l)
      throws EngineException {
    checkDialect(pb, db);
    if (!pb.targets().isEmpty() && !pb.targets().contains(db.spec().name()) && !db.spec().isSandbox()) {
      throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' is not meant for target '"
          + db.spec().name() + "' (its targets: " + String.join(", ", pb.targets()) + ")");
    }
    int to = stepIndex(pb, o.toStep(), pb.steps().size() - 1);
    RunTags tags = RunTagging.tags(pb, o, held == null ? PlaybookGit::of : held::git);
    return withLock(db, held, (control, ledger) -> {
      boolean existed = held != null ? held.ledgerExists() : ledger.exists(control);
      if (existed && (held == null || !held.noneUnsettled())) { // a walk asks once, not once per migration
        RunStart.refuseHalfApplied(db, control, ledger);
        if (held != null) {
          held.checkedSettled();
        }
      }
      boolean notApplied = held != null && held.takeNotApplied(pb.id());
      Fingerprint handed = held == null ? null : held.takeHandedOn(pb.id()); // read by the walk's previous run
      if (held != null) {
        held.runStarting();
      }
      PolicyGates.Confirmed confirmed = PolicyGates.confirm(db.spec(), pb, Direction.FORWARD, d,
          o.toStep() == null ? -1 : to);
      if (!existed) { // nothing is created on a target before a change really starts (not for a refused one)
        ledger.ensureSchema(control);
        ledger.loadHead(control);
        if (held != null) {
          held.ledgerCreated();
        }
      }
      // a walk's run whose full "before" the previous run read (handed on) and that has no checks to run first:
      // nothing but ledger rows comes between its start and that fingerprint, so both go in one statement
      Fingerprint atStart = handed != null && o.fingerprints() && pb.checks().isEmpty()
          && !TestPause.asks("fingerprint-stored") ? handed : null;
      RunRecord run = start.begin(db, control, ledger, pb, o, to, confirmed, tags, atStart);
      List<StepExec> steps = notApplied ? RunStart.newSteps(pb) : RunStart.ownedSteps(control, ledger, pb, run);
      try (Connection work = db.connection(); Watch watch = Watch.start(db, pb, clock, l, o.sampled())) {
        RunSession s = new RunSession(db, ledger, clock, sleeper, l, d, control, work, pb, run, steps);
        s.pauseWhen(o.pauseRequested());
        s.rollbackWhen(o.rollbackRequest());
        l.runStarted(run.changeId(), pb.id(), db.spec().name(), Direction.FORWARD);
        s.lockWatch(lockTimer); // the work session's id, now: a console marks what blocks even the first checks
        if (s.checks().run(backstep.playbook.CheckSpec.Phase.BEFORE, null)) {
          s.error("preflight check failed; nothing was changed");
          return RunEnd.forward(s, RunState.ABORTED, l, to);
        }
        if (!o.fingerprints()) {
          s.proof().off();
          s.note("fingerprints are off for this run: its rollback will be reported as unproven");
        }
        if (atStart != null) {
          s.proof().beforeRunStored(atStart); // stored with the run's start
        } else {
          s.proof().beforeRun(handed);
        }
        if (held != null) {
          held.following().ifPresent(next -> s.proof().handOff(RunProof.dataTables(next, db.dialect().family()),
              f -> held.handOn(next.id(), f)));
        }
        watch.arm(s, sleeper, held);
        RunState end = s.forward(0, to);
        RunResult r = RunEnd.forward(s, end, l, to);
        if (held != null && r.state().settled()) {
          held.checkedSettled(); // it ended settled: still no unsettled run on the target
        }
        if (held != null && r.state() != RunState.APPLIED) {
          held.runStarting(); // what its last step read may not be what the target holds: the next run reads afresh
        }
        return r;
      }
    });
  }

  private RunResult rollbackNow(Database db, Connection control, Ledger ledger, RunRecord run, Playbook fileCopy,
      RunOptions o, Decisions d, RunListener l) throws SQLException, EngineException {
    RunState state = run.state();
    Playbook pb = RecordedRuns.playbook(control, ledger, run, fileCopy);
    List<String> notes = new ArrayList<>();
    if (fileCopy != null && !fileCopy.sha256().equals(run.playbookSha256())) {
      notes.add("the playbook file differs from the version this run applied; rolling back with the applied "
          + "version stored in the ledger (sha256 " + run.playbookSha256().substring(0, 12) + ")");
    }
    int keep = o.toStep() == null ? -1 : stepIndex(pb, o.toStep(), -1);
    if (state == RunState.ROLLED_BACK || state == RunState.ABORTED) {
      notes.add("run " + run.changeId() + " is already " + state.words() + "; nothing to do");
      return RecordedRuns.settledResult(control, ledger, run, pb, notes);
    }
    PolicyGates.Confirmed confirmed = PolicyGates.confirm(db.spec(), pb, Direction.ROLLBACK, d, keep);
    List<StepExec> steps = RecordedRuns.steps(control, ledger, pb, run);
    try (Connection work = db.connection(); Watch sampler = Watch.samplesOnly(db, pb, clock, l, o.sampled())) {
      RunSession s = new RunSession(db, ledger, clock, sleeper, l, d, control, work, pb, start.takeOver(run, o),
          steps);
      notes.forEach(s::note);
      l.runStarted(run.changeId(), pb.id(), db.spec().name(), Direction.ROLLBACK);
      s.lockWatch(lockTimer); // the work session's id, now: a console marks what blocks even the first checks
      InFlightCheck.settle(s); // a statement in flight when a process died: what the database shows of it
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("from_state", state.name());
      detail.put("keep_through", keep < 0 ? null : pb.steps().get(keep).id());
      detail.putAll(confirmed.ledgerDetail());
      s.setRunState(RunState.ROLLING_BACK, EventType.ROLLBACK_STARTED, detail);
      s.checks().loadBaselines();
      RunState end = s.rollback(keep);
      if (end == RunState.ROLLED_BACK || end == RunState.PAUSED) {
        s.error(null);
      }
      end = RunEnd.proveRollback(s, end, keep, keep >= 0 && end == RunState.PAUSED);
      if (end == RunState.ROLLED_BACK && s.checks().run(backstep.playbook.CheckSpec.Phase.AFTER_ROLLBACK, null)) {
        end = RunState.ROLLBACK_FAILED;
      }
      return RunEnd.settle(s, end, l);
    }
  }

  private RunResult resumeNow(Database db, Connection control, Ledger ledger, Playbook fileCopy, RunOptions o,
      Decisions d, RunListener l) throws SQLException, EngineException {
    RunRecord run = RecordedRuns.find(db, control, ledger, fileCopy, o, true);
    RunState state = run.state();
    if (state == RunState.ROLLING_BACK || state == RunState.ROLLBACK_FAILED) {
      return rollbackNow(db, control, ledger, run, fileCopy, o, d, l);
    }
    Playbook pb = RecordedRuns.playbook(control, ledger, run, fileCopy);
    if (fileCopy != null && !fileCopy.sha256().equals(run.playbookSha256())) {
      throw new EngineException(EngineException.INVALID, "the playbook file changed since run " + run.changeId()
          + " started; resume only continues the version it applied. Roll the run back, then apply the new "
          + "version.");
    }
    checkDialect(pb, db);
    int to = stepIndex(pb, o.toStep(), pb.steps().size() - 1);
    PolicyGates.Confirmed confirmed = PolicyGates.confirm(db.spec(), pb, Direction.FORWARD, d,
        o.toStep() == null ? -1 : to);
    List<StepExec> steps = RecordedRuns.steps(control, ledger, pb, run);
    int from = RecordedRuns.resumeFrom(steps);
    try (Connection work = db.connection()) {
      RunSession s = new RunSession(db, ledger, clock, sleeper, l, d, control, work, pb, start.takeOver(run, o),
          steps);
      s.pauseWhen(o.pauseRequested());
      s.rollbackWhen(o.rollbackRequest());
      InFlightCheck.settle(s); // a statement in flight when a process died: what the database shows of it
      noteInterrupted(s, steps, from);
      l.runStarted(run.changeId(), pb.id(), db.spec().name(), Direction.FORWARD);
      s.lockWatch(lockTimer); // the work session's id, now: a console marks what blocks even the first checks
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("from_state", state.name());
      detail.put("from_step", from < steps.size() ? steps.get(from).step.id() : "(end)");
      detail.putAll(confirmed.ledgerDetail());
      s.setRunState(RunState.RUNNING, EventType.RUN_RESUMED, detail);
      try (Watch watch = Watch.start(db, pb, clock, l, o.sampled())) {
        watch.arm(s, sleeper);
        s.checks().loadBaselines();
        if (steps.stream().allMatch(e -> e.state == StepState.PENDING && e.statementsDone == 0 && e.attempts == 0)
            && !s.proof().runFingerprintTaken()) {
          // the process died before the run's first step: nothing changed since, so "before" is now
          s.note("the run stopped before its first step and before its fingerprint was taken: its before-values "
              + "and fingerprint are taken now, before any step runs");
          if (s.checks().run(backstep.playbook.CheckSpec.Phase.BEFORE, null)) {
            s.error("preflight check failed; nothing was changed");
            return RunEnd.forward(s, RunState.ABORTED, l, to);
          }
          s.proof().beforeRun(null);
        }
        RunState end = from > to ? (from == steps.size() ? RunState.APPLIED : RunState.PAUSED)
            : s.forward(from, to);
        return RunEnd.forward(s, end, l, to);
      }
    }
  }

  /** Notes where a resume continues a step that was interrupted part way through its statements. */
  private static void noteInterrupted(RunSession s, List<StepExec> steps, int from) {
    if (from < steps.size() && steps.get(from).state == StepState.RUNNING) {
      StepExec e = steps.get(from);
      s.note("step '" + e.step.id() + "' was interrupted with " + e.statementsDone + " of " + e.statementsTotal
          + " statements committed; continuing from statement " + (e.statementsDone + 1));
    }
  }

  private static int stepIndex(Playbook pb, String stepId, int dflt) throws EngineException {
    if (stepId == null) {
      return dflt;
    }
    int i = pb.indexOf(stepId);
    if (i < 0) {
      throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' has no step '" + stepId
          + "' (steps: " + String.join(", ", pb.steps().stream().map(Step::id).toList()) + ")");
    }
    return i;
  }

  static void checkDialect(Playbook pb, Database db) throws EngineException {
    DialectFamily f = db.dialect().family();
    if (pb.dialects().contains(f)) {
      return;
    }
    String target = db.dialect().displayName() + " target '" + db.spec().name() + "'";
    String dialects = pb.dialects().stream().map(DialectFamily::key).toList().toString();
    for (Step s : pb.steps()) {
      if (s instanceof SqlStep sql && !sql.forward().families().isEmpty() && !sql.forward().families().contains(f)) {
        throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' is for " + dialects
            + " only: it has no " + f.key() + " SQL for step '" + s.id() + "', so it cannot run on " + target);
      }
    }
    throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' is for " + dialects
        + " only, so it cannot run on " + target);
  }
}
