package backstep.engine;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.db.EnvironmentClass;
import backstep.ledger.EventType;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.RunTags;
import backstep.ledger.StepRecord;
import backstep.ledger.TargetLock;
import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Applies, rolls back and resumes playbooks on a target. Each call takes the target's run lock for its whole
 * duration, refuses to start over a half-applied run, and records everything in the target's ledger. Work runs on
 * the engine's executor; callers get a {@link CompletableFuture} (the CLI joins it, the console does not).
 */
public final class Engine {
  private static final DateTimeFormatter CHANGE_ID =
      DateTimeFormatter.ofPattern("'CHG-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Sleeper sleeper;
  private final Executor executor;

  public Engine(Clock clock, Sleeper sleeper, Executor executor) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.executor = executor;
  }

  public CompletableFuture<RunResult> apply(Database db, Playbook pb, RunOptions o, Decisions d, RunListener l) {
    return async(() -> applyNow(db, pb, o, d, l));
  }

  public CompletableFuture<RunResult> rollback(Database db, Playbook fileCopy, RunOptions o, Decisions d,
      RunListener l) {
    return async(() -> withLock(db, (c, ledger) -> rollbackNow(db, c, ledger, find(db, c, ledger, fileCopy, o, false),
        fileCopy, o, d, l)));
  }

  public CompletableFuture<RunResult> resume(Database db, Playbook fileCopy, RunOptions o, Decisions d,
      RunListener l) {
    return async(() -> withLock(db, (c, ledger) -> resumeNow(db, c, ledger, fileCopy, o, d, l)));
  }

  /**
   * Drops a recovery point once its change is signed off: under the run lock, confirmed like a change on
   * non-sandbox targets, recorded in the ledger as RECOVERY_DROPPED.
   */
  public CompletableFuture<Void> dropRecoveryPoint(Database db, String table, String operator, Decisions d) {
    return async(() -> withLock(db, (control, ledger) -> {
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
    try (Connection lock = db.connection()) {
      if (!TargetLock.tryAcquire(lock, db.dialect())) {
        throw busy(db, lock);
      }
      Ledger ledger = new Ledger(db);
      try (Connection central = ledger.colocated() ? null : ledger.connection()) {
        Connection control = central == null ? lock : central;
        ledger.ensureSchema(control);
        ledger.loadHead(control);
        return body.run(control, ledger);
      } finally {
        try {
          TargetLock.release(lock, db.dialect());
        } catch (SQLException ignored) {
          // the lock goes with the session anyway
        }
      }
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, (Dialect.isConnectionLost(e)
          ? "lost the connection to target '" + db.spec().name() + "': "
          : "database error on target '" + db.spec().name() + "': ") + RunSession.dbMessage(e)
          + ". The ledger keeps what was committed; run `backstep status` to see the state.");
    }
  }

  private EngineException busy(Database db, Connection lock) {
    String who = "";
    Ledger ledger = new Ledger(db);
    try (Connection central = ledger.colocated() ? null : ledger.connection()) {
      Connection c = central == null ? lock : central;
      if (ledger.exists(c)) {
        who = ledger.runsInStates(c, List.of(RunState.RUNNING.name(), RunState.ROLLING_BACK.name())).stream()
            .reduce((a, b) -> b)
            .map(r -> ": run " + r.changeId() + " of playbook '" + r.playbookId() + "' by " + r.operator() + " (pid "
                + r.pid() + " on " + r.host() + ", started " + r.startedAt() + ") is " + RunState.valueOf(r.state())
                .words())
            .orElse("");
      }
    } catch (SQLException ignored) {
      // best effort: the refusal stands without the details
    }
    return new EngineException(EngineException.BUSY, "target '" + db.spec().name()
        + "' is busy: another Backstep process holds its run lock" + who);
  }

  private RunResult applyNow(Database db, Playbook pb, RunOptions o, Decisions d, RunListener l)
      throws EngineException {
    checkDialect(pb, db);
    if (!pb.targets().isEmpty() && !pb.targets().contains(db.spec().name()) && !db.spec().isSandbox()) {
      throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' is not meant for target '"
          + db.spec().name() + "' (its targets: " + String.join(", ", pb.targets()) + ")");
    }
    int to = stepIndex(pb, o.toStep(), pb.steps().size() - 1);
    RunTags tags = RunTagging.tags(pb, o);
    return withLock(db, (control, ledger) -> {
      List<RunRecord> unsettled = ledger.runsInStates(control, RunState.unsettledNames());
      if (!unsettled.isEmpty()) {
        RunRecord r = unsettled.get(unsettled.size() - 1);
        throw new EngineException(EngineException.BUSY, "target '" + db.spec().name() + "' is half-applied: run "
            + r.changeId() + " of playbook '" + r.playbookId() + "' is " + RunState.valueOf(r.state()).words()
            .replace("failed", "in a failed state")
            + (RunState.valueOf(r.state()).moving() ? " (interrupted: the process that ran it is gone)" : "")
            + ". Finish it with `backstep resume` or undo it with `backstep rollback` (see `backstep status`).");
      }
      PolicyGates.Confirmed confirmed = PolicyGates.confirm(db.spec(), pb, Direction.FORWARD, d,
          o.toStep() == null ? -1 : to);
      RunRecord run = newRun(db, pb, o, confirmed.decision()).withTags(tags);
      ledger.insertRun(control, run, pb.text());
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("playbook_sha256", pb.sha256());
      detail.put("playbook_version", pb.version());
      detail.put("target_url", db.spec().safeUrl());
      detail.put("environment", db.spec().environment().key());
      detail.put("server", db.dialect().displayName() + " " + db.serverVersion());
      detail.put("to_step", pb.steps().get(to).id());
      List<String> bypass = backstep.lint.ForeignKeyBypass.find(pb, db.dialect().family());
      if (!bypass.isEmpty()) { // why this run's orphan checks scan every foreign key
        detail.put("foreign_key_bypass", bypass);
      }
      detail.putAll(confirmed.ledgerDetail());
      detail.putAll(RunTagging.ledgerDetail(tags));
      ledger.append(control, run.runId(), EventType.RUN_STARTED, null, run.operator(),
          backstep.playbook.Json.compact(detail), clock.instant());
      List<StepExec> steps = ownedSteps(control, ledger, pb, run);
      try (Connection work = db.connection(); Watch watch = Watch.start(db, pb, clock, l)) {
        RunSession s = new RunSession(db, ledger, clock, sleeper, l, d, control, work, pb, run, steps);
        s.pauseWhen(o.pauseRequested());
        l.runStarted(run.changeId(), pb.id(), db.spec().name(), Direction.FORWARD);
        if (s.checks().run(backstep.playbook.CheckSpec.Phase.BEFORE, null)) {
          s.error("preflight check failed; nothing was changed");
          return finishForward(s, RunState.ABORTED, l, to);
        }
        watch.arm(s, sleeper);
        RunState end = s.forward(0, to);
        return finishForward(s, end, l, to);
      }
    });
  }

  private RunResult rollbackNow(Database db, Connection control, Ledger ledger, RunRecord run, Playbook fileCopy,
      RunOptions o, Decisions d, RunListener l) throws SQLException, EngineException {
    RunState state = RunState.valueOf(run.state());
    Playbook pb = recorded(control, ledger, run);
    List<String> notes = new ArrayList<>();
    if (fileCopy != null && !fileCopy.sha256().equals(run.playbookSha256())) {
      notes.add("the playbook file differs from the version this run applied; rolling back with the applied "
          + "version stored in the ledger (sha256 " + run.playbookSha256().substring(0, 12) + ")");
    }
    int keep = o.toStep() == null ? -1 : stepIndex(pb, o.toStep(), -1);
    if (state == RunState.ROLLED_BACK || state == RunState.ABORTED) {
      notes.add("run " + run.changeId() + " is already " + state.words() + "; nothing to do");
      return settledResult(control, ledger, run, pb, notes);
    }
    PolicyGates.Confirmed confirmed = PolicyGates.confirm(db.spec(), pb, Direction.ROLLBACK, d, keep);
    List<StepExec> steps = recordedSteps(control, ledger, pb, run);
    try (Connection work = db.connection()) {
      RunSession s = new RunSession(db, ledger, clock, sleeper, l, d, control, work, pb, takeOver(run, o), steps);
      notes.forEach(s::note);
      l.runStarted(run.changeId(), pb.id(), db.spec().name(), Direction.ROLLBACK);
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
      if (end == RunState.ROLLED_BACK && s.checks().run(backstep.playbook.CheckSpec.Phase.AFTER_ROLLBACK, null)) {
        end = RunState.ROLLBACK_FAILED;
      }
      s.setRunState(end, endEvent(end), Map.of("state", end.name()));
      RunResult result = s.result(end);
      l.runFinished(result);
      return result;
    }
  }

  private RunResult resumeNow(Database db, Connection control, Ledger ledger, Playbook fileCopy, RunOptions o,
      Decisions d, RunListener l) throws SQLException, EngineException {
    RunRecord run = find(db, control, ledger, fileCopy, o, true);
    RunState state = RunState.valueOf(run.state());
    if (state == RunState.ROLLING_BACK || state == RunState.ROLLBACK_FAILED) {
      return rollbackNow(db, control, ledger, run, fileCopy, o, d, l);
    }
    Playbook pb = recorded(control, ledger, run);
    if (fileCopy != null && !fileCopy.sha256().equals(run.playbookSha256())) {
      throw new EngineException(EngineException.INVALID, "the playbook file changed since run " + run.changeId()
          + " started; resume only continues the version it applied. Roll the run back, then apply the new "
          + "version.");
    }
    checkDialect(pb, db);
    int to = stepIndex(pb, o.toStep(), pb.steps().size() - 1);
    PolicyGates.Confirmed confirmed = PolicyGates.confirm(db.spec(), pb, Direction.FORWARD, d,
        o.toStep() == null ? -1 : to);
    List<StepExec> steps = recordedSteps(control, ledger, pb, run);
    int from = 0;
    while (from < steps.size()
        && (steps.get(from).state == StepState.APPLIED || steps.get(from).state == StepState.SKIPPED)) {
      from++;
    }
    try (Connection work = db.connection()) {
      RunSession s = new RunSession(db, ledger, clock, sleeper, l, d, control, work, pb, takeOver(run, o), steps);
      s.pauseWhen(o.pauseRequested());
      if (from < steps.size() && steps.get(from).state == StepState.RUNNING) {
        StepExec e = steps.get(from);
        s.note("step '" + e.step.id() + "' was interrupted with " + e.statementsDone + " of " + e.statementsTotal
            + " statements committed; continuing from statement " + (e.statementsDone + 1));
      }
      l.runStarted(run.changeId(), pb.id(), db.spec().name(), Direction.FORWARD);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("from_state", state.name());
      detail.put("from_step", from < steps.size() ? steps.get(from).step.id() : "(end)");
      detail.putAll(confirmed.ledgerDetail());
      s.setRunState(RunState.RUNNING, EventType.RUN_RESUMED, detail);
      try (Watch watch = Watch.start(db, pb, clock, l)) {
        watch.arm(s, sleeper);
        s.checks().loadBaselines();
        RunState end = from > to ? RunState.valueOf(from == steps.size() ? "APPLIED" : "PAUSED")
            : s.forward(from, to);
        return finishForward(s, end, l, to);
      }
    }
  }

  /**
   * Ends a forward run: records its state; when a guard's sustained breach asked for it, rolls the run back at
   * once in the same session (the run lock is never released in between) with the evidence in the ledger.
   */
  private RunResult finishForward(RunSession s, RunState end, RunListener l, int to) throws SQLException {
    s.guards().flush();
    if (end == RunState.APPLIED && s.checks().run(backstep.playbook.CheckSpec.Phase.AFTER_FORWARD, null)) {
      end = RunState.FAILED;
    }
    var action = s.guards().action();
    String why = null;
    if (action.isPresent() && action.get().rule().action() == backstep.playbook.GuardRule.Action.ROLLBACK
        && (end == RunState.FAILED || end == RunState.ABORTED)) {
      why = "guard: " + action.get().describe();
    } else if (end == RunState.FAILED && s.checks().wantsRollback()) {
      why = "check: " + s.error();
    }
    if (why != null) {
      s.setRunState(end, endEvent(end), Map.of("state", end.name(), "reason", why));
      l.note(why + " — rolling back automatically");
      s.setRunState(RunState.ROLLING_BACK, EventType.ROLLBACK_STARTED, Map.of("reason", why));
      RunState back = s.rollback(-1);
      if (back == RunState.ROLLED_BACK && s.checks().run(backstep.playbook.CheckSpec.Phase.AFTER_ROLLBACK, null)) {
        back = RunState.ROLLBACK_FAILED;
      }
      s.note("rolled back automatically (" + why + ")");
      s.setRunState(back, endEvent(back), Map.of("state", back.name()));
      RunResult result = s.result(back);
      l.runFinished(result);
      return result;
    }
    s.setRunState(end, endEvent(end), Map.of("state", end.name()));
    RunResult result = s.result(end);
    l.runFinished(result);
    return result;
  }

  /** The run a rollback or resume acts on. */
  private RunRecord find(Database db, Connection c, Ledger ledger, Playbook fileCopy, RunOptions o, boolean unsettled)
      throws SQLException, EngineException {
    if (o.runId() != null) {
      return ledger.run(c, o.runId()).orElseThrow(() -> new EngineException(EngineException.INVALID,
          "no run '" + o.runId() + "' in the ledger of target '" + db.spec().name() + "'"));
    }
    String pid = fileCopy == null ? null : fileCopy.id();
    List<RunRecord> open = ledger.runsInStates(c, RunState.unsettledNames()).stream()
        .filter(r -> pid == null || r.playbookId().equals(pid)).toList();
    List<RunRecord> others = ledger.runsInStates(c, RunState.unsettledNames()).stream()
        .filter(r -> pid != null && !r.playbookId().equals(pid)).toList();
    if (!others.isEmpty()) {
      RunRecord r = others.get(0);
      throw new EngineException(EngineException.BUSY, "target '" + db.spec().name() + "' has another unsettled run: "
          + r.changeId() + " of playbook '" + r.playbookId() + "' (" + RunState.valueOf(r.state()).words()
          + "); resolve it first");
    }
    if (!open.isEmpty()) {
      return open.get(open.size() - 1);
    }
    if (unsettled) {
      throw new EngineException(EngineException.INVALID, "nothing to resume on target '" + db.spec().name() + "'"
          + (pid == null ? "" : " for playbook '" + pid + "'") + ": no run is half-applied");
    }
    if (pid == null) {
      return ledger.runs(c, null, 1).stream().findFirst().orElseThrow(() -> new EngineException(
          EngineException.INVALID, "no run recorded on target '" + db.spec().name() + "': nothing to roll back"));
    }
    return ledger.runs(c, pid, 1).stream().findFirst().orElseThrow(() -> new EngineException(
        EngineException.INVALID, "playbook '" + pid + "' has never run on target '" + db.spec().name() + "'"));
  }

  private Playbook recorded(Connection c, Ledger ledger, RunRecord run) throws SQLException, EngineException {
    String text = ledger.playbookText(c, run.runId());
    if (text == null || !PlaybookLoader.checksum(text).equals(run.playbookSha256())) {
      throw new EngineException(EngineException.INVALID, "the playbook stored with run " + run.changeId()
          + " does not match its recorded SHA-256: the ledger was altered. Refusing to act on it; inspect with "
          + "`backstep history --run " + run.changeId() + "`.");
    }
    try {
      return new PlaybookLoader(null).parse(Path.of(run.playbookPath() == null ? "ledger" : run.playbookPath()),
          text);
    } catch (InvalidFileException e) {
      throw new EngineException(EngineException.INVALID, "the playbook stored with run " + run.changeId()
          + " cannot be read by this version of Backstep: " + e.getMessage());
    }
  }

  private List<StepExec> recordedSteps(Connection c, Ledger ledger, Playbook pb, RunRecord run) throws SQLException {
    Map<Integer, StepRecord> byIndex = new HashMap<>();
    for (StepRecord r : ledger.steps(c, run.runId())) {
      byIndex.put(r.index(), r);
    }
    List<StepExec> out = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      StepRecord r = byIndex.get(i);
      out.add(r == null ? new StepExec(i, pb.steps().get(i)) : StepExec.from(r, pb.steps().get(i)));
    }
    return out;
  }

  /** New step states; steps an earlier, still-applied run of this playbook applied are marked as ours. */
  private List<StepExec> ownedSteps(Connection c, Ledger ledger, Playbook pb, RunRecord run) throws SQLException {
    List<StepExec> out = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      out.add(new StepExec(i, pb.steps().get(i)));
    }
    Optional<RunRecord> prior = ledger.runs(c, pb.id(), 2).stream()
        .filter(r -> !r.runId().equals(run.runId())).findFirst();
    if (prior.isPresent() && RunState.valueOf(prior.get().state()) == RunState.APPLIED) {
      for (StepRecord r : ledger.steps(c, prior.get().runId())) {
        StepExec was = StepExec.from(r, pb.step(r.stepId()).orElse(null));
        int i = pb.indexOf(r.stepId());
        if (i >= 0 && was.step != null && was.inEffect()) {
          out.get(i).detail.putAll(was.detail);
          out.get(i).detail.put("owned", true);
          out.get(i).detail.remove("note");
        }
      }
    }
    return out;
  }

  private RunResult settledResult(Connection c, Ledger ledger, RunRecord run, Playbook pb, List<String> notes)
      throws SQLException {
    List<StepResult> steps = recordedSteps(c, ledger, pb, run).stream().map(StepExec::result).toList();
    return new RunResult(run.runId(), run.changeId(), run.target(), run.playbookId(), run.playbookVersion(),
        run.playbookSha256(), RunState.valueOf(run.state()), run.operator(), run.approver(),
        java.time.Duration.ZERO, steps, run.error(), notes, List.of());
  }

  private RunRecord newRun(Database db, Playbook pb, RunOptions o, Decision confirm) {
    var now = clock.instant();
    String change = o.changeId() != null ? o.changeId()
        : CHANGE_ID.format(now) + "-" + UUID.randomUUID().toString().substring(0, 4);
    return new RunRecord(UUID.randomUUID().toString(), change, db.spec().name(), pb.id(), pb.version(), pb.sha256(),
        pb.source() == null ? null : pb.source().toString(), db.dialect().name(), RunState.RUNNING.name(),
        operator(o), System.getProperty("user.name"), host(), ProcessHandle.current().pid(),
        o.approver() != null ? o.approver() : confirm == null ? null : confirm.approver(), now, now, null, null);
  }

  /** The run, now driven by this process and operator. */
  private RunRecord takeOver(RunRecord r, RunOptions o) {
    return new RunRecord(r.runId(), r.changeId(), r.target(), r.playbookId(), r.playbookVersion(), r.playbookSha256(),
        r.playbookPath(), r.dialect(), r.state(), operator(o), System.getProperty("user.name"), host(),
        ProcessHandle.current().pid(), o.approver() != null ? o.approver() : r.approver(), r.startedAt(),
        clock.instant(), null, r.error());
  }

  static String operator(RunOptions o) {
    return o.operator() != null && !o.operator().isBlank() ? o.operator() : System.getProperty("user.name");
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static EventType endEvent(RunState s) {
    return switch (s) {
      case APPLIED -> EventType.RUN_APPLIED;
      case PAUSED -> EventType.RUN_PAUSED;
      case ROLLED_BACK -> EventType.RUN_ROLLED_BACK;
      case ROLLBACK_FAILED -> EventType.RUN_ROLLBACK_FAILED;
      default -> EventType.RUN_FAILED;
    };
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
    for (Step s : pb.steps()) {
      if (s instanceof SqlStep sql && !sql.forward().families().contains(f)) {
        throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' has no " + f.key()
            + " SQL for step '" + s.id() + "', so it cannot run on " + db.dialect().displayName() + " target '"
            + db.spec().name() + "'");
      }
    }
  }
}
