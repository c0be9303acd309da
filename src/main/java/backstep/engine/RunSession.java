package backstep.engine;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.db.EnvironmentClass;
import backstep.ledger.EventType;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.playbook.FlagStep;
import backstep.playbook.GateStep;
import backstep.playbook.Json;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run in progress on one target: the two connections (control: run lock and ledger; work: the steps), the
 * ledger, the playbook and the state of every step. Walks the steps forward or back and records everything.
 */
final class RunSession {
  private final Database db;
  private final Ledger ledger;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RunListener listener;
  private final Decisions decisions;
  private final Connection control;
  private final Connection work;
  private final Playbook playbook;
  private final StepExec[] steps;
  private final List<String> notes = new ArrayList<>();
  private final SqlStepRunner sql;
  private final FlagRunner flags;
  private final SnapshotRunner snapshots;
  private RunRecord run;
  private String error;
  private final GuardHook guards = new GuardHook(this);
  private final Instant began;
  private java.util.function.BooleanSupplier pauseRequested = () -> false;

  RunSession(Database db, Ledger ledger, Clock clock, Sleeper sleeper, RunListener listener, Decisions decisions,
      Connection control, Connection work, Playbook playbook, RunRecord run, List<StepExec> steps) {
    this.db = db;
    this.ledger = ledger;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
    this.decisions = decisions;
    this.control = control;
    this.work = work;
    this.playbook = playbook;
    this.run = run;
    this.steps = steps.toArray(new StepExec[0]);
    this.began = clock.instant();
    this.checkRunner = new CheckRunner(db, listener.checkProgress(), scanReason(playbook, db));
    this.sql = new SqlStepRunner(this);
    this.flags = new FlagRunner(this);
    this.snapshots = new SnapshotRunner(this);
  }

  /**
   * Why this run's orphan checks must count rows even where an enforced foreign key would prove there are none: its
   * own SQL turns enforcement off (lint rule BS014, found here regardless of lint suppressions); null when it does
   * not.
   */
  static String scanReason(Playbook playbook, Database db) {
    List<String> bypass = backstep.lint.ForeignKeyBypass.find(playbook, db.dialect().family());
    return bypass.isEmpty() ? null : "the playbook turns foreign-key enforcement off (" + bypass.get(0)
        + (bypass.size() > 1 ? ", and " + (bypass.size() - 1) + " more" : "") + ")";
  }

  /** Asked after each forward step; true stops the run there, paused (the console's Pause). */
  void pauseWhen(java.util.function.BooleanSupplier requested) {
    this.pauseRequested = requested;
  }

  Dialect dialect() {
    return db.dialect();
  }

  Database db() {
    return db;
  }

  Ledger ledger() {
    return ledger;
  }

  Clock clock() {
    return clock;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  RunListener listener() {
    return listener;
  }

  Connection work() {
    return work;
  }

  RunRecord run() {
    return run;
  }

  private LockWatch lockWatch;
  private final CheckRunner checkRunner;
  private final List<CheckOutcome> checkOutcomes = new ArrayList<>();
  private boolean checkWantsRollback;

  /**
   * Evaluates the playbook's checks of {@code phase} on the work connection, records each in the ledger and tells
   * the listener. Returns true when a check that must hold in this phase failed (the run must stop).
   */
  boolean runChecks(backstep.playbook.CheckSpec.Phase phase, String step) throws SQLException {
    if (playbook.checks().isEmpty()) {
      return false;
    }
    boolean stop = false;
    List<CheckOutcome> outs = checkRunner.run(work, playbook.checks(), phase, step);
    for (int i = 0; i < outs.size(); i++) {
      CheckOutcome o = outs.get(i);
      backstep.playbook.CheckSpec spec = playbook.checks().stream().filter(c -> c.name().equals(o.name()))
          .findFirst().orElseThrow();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", o.name());
      d.put("phase", o.phase());
      d.put("value", o.value());
      d.put("before", o.before());
      d.put("expected", o.expected());
      d.put("passed", o.passed());
      d.put("detail", o.detail());
      d.put("ms", o.ms());
      event(control, EventType.CHECK, step, "check", d);
      checkOutcomes.add(o);
      listener.checkDone(o);
      if (!o.passed() && CheckRunner.blocks(spec, phase)) {
        stop = true;
        checkWantsRollback |= spec.rollbackOnFail();
        if (error == null) {
          error = "check '" + o.name() + "' failed " + phase.key().replace('_', ' ') + (step == null ? ""
              : " '" + step + "'") + ": " + o.value() + " (expected " + o.expected() + ")"
              + (o.detail() == null || o.detail().isBlank() ? "" : " — " + o.detail());
        }
      }
    }
    return stop;
  }

  boolean checkWantsRollback() {
    return checkWantsRollback;
  }

  String error() {
    return error;
  }

  /** Reloads the before-values this run recorded, for expect_same_as in a later process. */
  void loadCheckBaselines() throws SQLException {
    if (!playbook.checks().isEmpty()) {
      checkRunner.loadBefore(control, ledger, run.runId());
    }
  }

  /** The lock watch of the work connection (created on first use: it needs the work session's id). */
  LockWatch lockWatch() {
    if (lockWatch == null) {
      long pid = -1;
      try (java.sql.Statement st = work.createStatement(); java.sql.ResultSet rs = st.executeQuery(
          dialect() == Dialect.POSTGRES ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
        rs.next();
        pid = rs.getLong(1);
      } catch (SQLException ignored) {
        // without the pid the watch finds nothing; the step is unaffected
      }
      lockWatch = new LockWatch(db, pid);
      listener.workSession(pid);
    }
    return lockWatch;
  }

  GuardHook guards() {
    return guards;
  }

  SqlStepRunner sql() {
    return sql;
  }

  /** Adds a note to the run's result without telling the listener again. */
  void recordNote(String text) {
    notes.add(text);
  }

  private static final java.util.regex.Pattern RECOVERY = java.util.regex.Pattern.compile("\\$\\{recovery\\.([^}]*)}");

  /** Fills the placeholders a playbook may use besides the batch size: {@code ${schema}}, {@code ${recovery.x}}. */
  String expand(String sql) {
    String out = sql.replace(SqlStep.SCHEMA_PLACEHOLDER, db.schema().replace("'", "''"));
    java.util.regex.Matcher m = RECOVERY.matcher(out);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(SnapshotRunner.qualified(dialect(),
          SnapshotRunner.tableName(dialect(), run.runId(), m.group(1)))));
    }
    return m.appendTail(b).toString();
  }

  /** Before rolling back a step whose SQL restores from recovery points, proves each is unchanged. */
  private void verifyRecoveryPoints(SqlStep step) throws StepFailure {
    for (backstep.playbook.SqlText.Stmt st : step.rollback().statements(dialect().family())) {
      java.util.regex.Matcher m = RECOVERY.matcher(st.sql());
      while (m.find()) {
        for (StepExec other : steps) {
          if (other.step.id().equals(m.group(1))) {
            snapshots.verifyUnchanged(other);
          }
        }
      }
    }
  }

  Connection control() {
    return control;
  }

  void note(String text) {
    notes.add(text);
    listener.note(text);
  }

  // ---- ledger helpers -------------------------------------------------------------------------------------

  void event(Connection c, EventType type, String stepId, String actor, Map<String, Object> detail)
      throws SQLException {
    ledger.append(c, run.runId(), type, stepId, actor, detail == null || detail.isEmpty() ? null
        : Json.compact(detail), clock.instant());
  }

  /** Saves a step's progress on the control connection (commits at once), with an optional event. */
  void progress(StepExec e, EventType type, Map<String, Object> detail) throws StepFailure {
    try {
      ledger.upsertStep(control, e.record(run.runId()));
      if (type != null) {
        event(control, type, e.step.id(), e.actor, detail);
      }
    } catch (SQLException ex) {
      throw new StepFailure("cannot write the ledger: " + dbMessage(ex), Dialect.isConnectionLost(ex));
    }
  }

  /** Marks a step applied or rolled back and records it on {@code c} (inside the step's transaction if open). */
  void finishStep(Connection c, StepExec e, Direction dir) throws SQLException {
    e.state = dir == Direction.FORWARD ? StepState.APPLIED : StepState.ROLLED_BACK;
    e.endedAt = clock.instant();
    e.error = null;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("attempts", e.attempts);
    d.put("rows", e.rows);
    d.put("ms", Duration.between(e.startedAt, e.endedAt).toMillis());
    if (e.note() != null) {
      d.put("note", e.note());
    }
    var rec = e.record(run.runId());
    EventType type = dir == Direction.FORWARD ? EventType.STEP_APPLIED : EventType.STEP_ROLLED_BACK;
    recordInStep(c, conn -> {
      ledger.upsertStep(conn, rec);
      event(conn, type, e.step.id(), e.actor, d);
    });
  }

  /** A ledger write that belongs to a step's transaction. */
  interface LedgerWrite {
    void run(Connection c) throws SQLException;
  }

  private final List<LedgerWrite> pending = new ArrayList<>();

  /**
   * Records {@code write} as part of the step's transaction on {@code c}: in that transaction when the ledger lives
   * in the target, or — with a central ledger, which no target transaction can include — right after the step
   * commits ({@link #committed}). If the process dies in between, the step is applied but not recorded; resume's
   * verify-before-run then finds it applied and records it as such.
   */
  void recordInStep(Connection c, LedgerWrite write) throws SQLException {
    if (c == work && !ledger.colocated()) {
      pending.add(write);
    } else {
      write.run(c);
    }
  }

  /** The step's transaction committed: writes its deferred ledger rows (central ledger only). */
  void committed() throws StepFailure {
    try {
      for (LedgerWrite w : pending) {
        w.run(control);
      }
    } catch (SQLException ex) {
      throw new StepFailure("the step committed but its ledger rows could not be written: " + dbMessage(ex),
          Dialect.isConnectionLost(ex));
    } finally {
      pending.clear();
    }
  }

  /** The step's transaction rolled back: its deferred ledger rows are dropped with it. */
  void rolledBack() {
    pending.clear();
  }

  void setRunState(RunState state, EventType type, Map<String, Object> detail) throws SQLException {
    Instant now = clock.instant();
    run = run.withState(state.name(), now, error);
    if (state.settled() || state == RunState.PAUSED || state == RunState.FAILED
        || state == RunState.ROLLBACK_FAILED) {
      run = run.ended(now);
    }
    ledger.updateRun(control, run);
    if (type != null) {
      event(control, type, null, run.operator(), detail);
    }
  }

  // ---- forward ---------------------------------------------------------------------------------------------

  /** Applies steps {@code from}..{@code to} (inclusive). Returns the state the run is left in. */
  RunState forward(int from, int to) throws SQLException {
    for (int i = from; i <= to; i++) {
      StepExec e = steps[i];
      if (e.state == StepState.APPLIED || e.state == StepState.SKIPPED) {
        continue;
      }
      guards.flush();
      java.util.Optional<backstep.guard.GuardEvent> stop = guards.action();
      if (stop.isPresent()) {
        error = "stopped by guard before step '" + e.step.id() + "': " + stop.get().describe();
        return stop.get().rule().action() == backstep.playbook.GuardRule.Action.PAUSE ? RunState.PAUSED
            : anythingInEffect() ? RunState.FAILED : RunState.ABORTED;
      }
      listener.stepStarted(i, steps.length, e.step.id(), e.step.title(), Direction.FORWARD);
      e.startedAt = clock.instant();
      e.actor = run.operator();
      e.detail.remove("note");
      StepOutcome out = forwardStep(e);
      listener.stepFinished(e.result(), Direction.FORWARD);
      guards.flush();
      if (out == StepOutcome.DONE && e.state == StepState.APPLIED && e.step.changesDatabase()
          && runChecks(backstep.playbook.CheckSpec.Phase.AFTER_STEP, e.step.id())) {
        return RunState.FAILED;
      }
      if (out == StepOutcome.STOP) {
        return RunState.PAUSED;
      }
      if (out == StepOutcome.FAILED) {
        return anythingInEffect() ? RunState.FAILED : RunState.ABORTED;
      }
      if (i < to && pauseRequested.getAsBoolean()) {
        note("paused after step '" + e.step.id() + "' at the operator's request");
        return RunState.PAUSED;
      }
    }
    return to == steps.length - 1 ? RunState.APPLIED : RunState.PAUSED;
  }

  private enum StepOutcome { DONE, STOP, FAILED }

  private StepOutcome forwardStep(StepExec e) throws SQLException {
    Step step = e.step;
    try {
      if (step instanceof GateStep g) {
        return gate(e, g);
      }
      if (step instanceof ManualStep m) {
        return manual(e, m, Direction.FORWARD);
      }
      if (step instanceof backstep.playbook.SnapshotStep) {
        e.state = StepState.RUNNING;
        snapshots.forward(e);
        return StepOutcome.DONE;
      }
      boolean partial = e.statementsDone > 0;
      SqlStepRunner.Check already = partial ? new SqlStepRunner.Check(false, List.of())
          : step instanceof SqlStep s ? sql.applied(s) : flags.applied((FlagStep) step);
      if (already.pass()) {
        skip(e, already.details());
        return StepOutcome.DONE;
      }
      e.state = StepState.RUNNING;
      e.error = null;
      if (!transactional(step)) {
        progress(e, EventType.STEP_STARTED, Map.of("kind", step.kind()));
      }
      if (step instanceof SqlStep) {
        sql.forward(e);
        if (!transactional(step)) {
          finishStep(control, e, Direction.FORWARD);
        }
      } else {
        flags.forward(e);
      }
      return StepOutcome.DONE;
    } catch (StepFailure f) {
      fail(e, f, Direction.FORWARD);
      return StepOutcome.FAILED;
    }
  }

  private boolean transactional(Step step) {
    return step instanceof FlagStep
        || step instanceof SqlStep s && s.runsInOneTransaction(dialect().family(), dialect().transactionalDdl());
  }

  private void skip(StepExec e, List<String> verify) throws SQLException {
    e.state = StepState.SKIPPED;
    e.endedAt = clock.instant();
    boolean owned = Boolean.TRUE.equals(e.detail.get("owned"));
    e.note(owned ? "already applied by an earlier run of this playbook" : "verify already passes: found in place, "
        + "not applied by Backstep (rollback will leave it)");
    e.detail.put("verify", verify);
    ledger.upsertStep(control, e.record(run.runId()));
    event(control, EventType.STEP_SKIPPED, e.step.id(), e.actor, Map.of("owned", owned, "verify", verify));
  }

  private StepOutcome gate(StepExec e, GateStep g) throws SQLException {
    Decision d = decisions.gate(playbook, g, db.spec());
    String refusal = null;
    if (d.approved() && g.approval()) {
      if (d.approver() == null || d.approver().isBlank()) {
        refusal = "this gate needs approval by a second person (--approver)";
      } else if (d.approver().equalsIgnoreCase(run.operator())) {
        refusal = "the approver must be someone other than the operator (" + run.operator() + ")";
      }
    }
    boolean approved = d.approved() && refusal == null;
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("decision", approved ? "approved" : "declined");
    detail.put("prompt", g.prompt());
    if (d.approver() != null) {
      detail.put("approver", d.approver());
    }
    if (d.reason() != null) {
      detail.put("reason", d.reason());
    }
    if (refusal != null) {
      detail.put("refused", refusal);
    }
    e.actor = d.actor() == null ? run.operator() : d.actor();
    event(control, EventType.GATE_DECIDED, g.id(), e.actor, detail);
    if (!approved) {
      e.state = StepState.PENDING;
      e.note(refusal != null ? refusal : "not confirmed" + (d.reason() == null ? "" : ": " + d.reason()));
      ledger.upsertStep(control, e.record(run.runId()));
      note("stopped at gate '" + g.id() + "': " + e.note());
      return StepOutcome.STOP;
    }
    e.detail.putAll(detail);
    e.detail.remove("note");
    e.state = StepState.APPLIED;
    e.endedAt = clock.instant();
    ledger.upsertStep(control, e.record(run.runId()));
    return StepOutcome.DONE;
  }

  private StepOutcome manual(StepExec e, ManualStep m, Direction dir) throws SQLException {
    Decision d = decisions.manual(playbook, m, dir);
    e.actor = d.actor() == null ? run.operator() : d.actor();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("direction", dir.name());
    detail.put("instruction", dir == Direction.FORWARD ? m.instruction() : m.rollbackInstruction());
    detail.put("done", d.approved());
    if (d.reason() != null) {
      detail.put("reason", d.reason());
    }
    event(control, EventType.MANUAL_TICKED, m.id(), e.actor, detail);
    if (!d.approved()) {
      e.note("not ticked" + (d.reason() == null ? "" : ": " + d.reason()));
      ledger.upsertStep(control, e.record(run.runId()));
      note("stopped at manual step '" + m.id() + "' until it is done");
      return StepOutcome.STOP;
    }
    e.state = dir == Direction.FORWARD ? StepState.APPLIED : StepState.ROLLED_BACK;
    e.endedAt = clock.instant();
    e.detail.put("ticked_by", e.actor);
    e.detail.put("ticked_at", e.endedAt.toString());
    ledger.upsertStep(control, e.record(run.runId()));
    return StepOutcome.DONE;
  }

  private void fail(StepExec e, StepFailure f, Direction dir) throws SQLException {
    e.state = dir == Direction.FORWARD ? StepState.FAILED : StepState.ROLLBACK_FAILED;
    e.endedAt = clock.instant();
    e.error = f.getMessage();
    error = "step '" + e.step.id() + "': " + f.getMessage();
    if (f.connectionLost()) {
      note("the step's connection was lost; the ledger records what is known to have committed");
    }
    ledger.upsertStep(control, e.record(run.runId()));
    event(control, dir == Direction.FORWARD ? EventType.STEP_FAILED : EventType.STEP_ROLLBACK_FAILED, e.step.id(),
        e.actor, Map.of("error", f.getMessage(), "statements_done", e.statementsDone, "attempts", e.attempts));
  }

  private boolean anythingInEffect() {
    for (StepExec e : steps) {
      if (e.step.changesDatabase() && e.inEffect()) {
        return true;
      }
    }
    return false;
  }

  // ---- rollback --------------------------------------------------------------------------------------------

  /** Undoes, newest first, every step after {@code keep} whose effect belongs to this run. */
  RunState rollback(int keep) throws SQLException {
    for (int i = steps.length - 1; i > keep; i--) {
      StepExec e = steps[i];
      if (!e.inEffect() && !(e.step instanceof ManualStep && e.state == StepState.APPLIED)) {
        if (e.state == StepState.SKIPPED) {
          note("step '" + e.step.id() + "' was found in place before this change; left as it is");
        }
        continue;
      }
      listener.stepStarted(i, steps.length, e.step.id(), e.step.title(), Direction.ROLLBACK);
      e.startedAt = clock.instant();
      e.actor = run.operator();
      e.detail.remove("note");
      try {
        rollbackStep(e);
      } catch (StepFailure f) {
        fail(e, f, Direction.ROLLBACK);
        listener.stepFinished(e.result(), Direction.ROLLBACK);
        return RunState.ROLLBACK_FAILED;
      }
      listener.stepFinished(e.result(), Direction.ROLLBACK);
      if (e.state != StepState.ROLLED_BACK) {
        return RunState.PAUSED;
      }
    }
    return keep < 0 ? RunState.ROLLED_BACK : RunState.PAUSED;
  }

  private void rollbackStep(StepExec e) throws StepFailure, SQLException {
    Step step = e.step;
    if (step instanceof backstep.playbook.SnapshotStep) {
      e.state = StepState.ROLLED_BACK;
      e.endedAt = clock.instant();
      e.note("recovery point kept: " + e.detail.get("copy") + " (drop it with `backstep recovery drop` once the "
          + "change is signed off)");
      ledger.upsertStep(control, e.record(run.runId()));
      return;
    }
    if (step instanceof SqlStep sqlStep) {
      verifyRecoveryPoints(sqlStep);
    }
    if (step instanceof GateStep) {
      e.state = StepState.ROLLED_BACK;
      e.endedAt = clock.instant();
      e.note("gate passed on the way back");
      ledger.upsertStep(control, e.record(run.runId()));
      return;
    }
    if (step instanceof ManualStep m) {
      if (m.rollbackInstruction().isBlank()) {
        e.state = StepState.ROLLED_BACK;
        e.endedAt = clock.instant();
        ledger.upsertStep(control, e.record(run.runId()));
      } else if (manual(e, m, Direction.ROLLBACK) == StepOutcome.STOP) {
        e.state = StepState.APPLIED;
        ledger.upsertStep(control, e.record(run.runId()));
      }
      return;
    }
    boolean fullyApplied = e.state == StepState.APPLIED || e.state == StepState.SKIPPED;
    if (fullyApplied && step instanceof SqlStep s) {
      SqlStepRunner.Check undone = sql.undone(work, s, false);
      if (undone.pass()) {
        e.note("already undone (verify no longer passes); rollback SQL not run");
        e.detail.put("verify", undone.details());
        finishStep(control, e, Direction.ROLLBACK);
        return;
      }
    }
    boolean continuing = e.state == StepState.ROLLING_BACK || e.state == StepState.ROLLBACK_FAILED;
    e.rollbackDone = continuing ? e.rollbackDone : 0;
    e.rows = 0;
    e.attempts = 0;
    e.state = StepState.ROLLING_BACK;
    if (!transactional(step)) {
      progress(e, EventType.STEP_STARTED, Map.of("kind", step.kind(), "direction", "ROLLBACK"));
    }
    if (step instanceof SqlStep) {
      sql.rollback(e);
      if (!transactional(step)) {
        finishStep(control, e, Direction.ROLLBACK);
      }
    } else {
      flags.rollback(e);
    }
  }

  List<StepResult> results() {
    List<StepResult> out = new ArrayList<>();
    for (StepExec e : steps) {
      out.add(e.result());
    }
    return out;
  }

  RunResult result(RunState state) {
    Instant end = run.endedAt() != null ? run.endedAt() : clock.instant();
    return new RunResult(run.runId(), run.changeId(), run.target(), run.playbookId(), run.playbookVersion(),
        run.playbookSha256(), state, run.operator(), run.approver(), Duration.between(began, end),
        results(), error, List.copyOf(notes), List.copyOf(checkOutcomes));
  }

  void error(String text) {
    error = text;
  }

  boolean production() {
    return db.spec().environment() == EnvironmentClass.PRODUCTION;
  }

  /** The database's own message, first line, with its SQLState. */
  static String dbMessage(SQLException e) {
    SQLException root = e instanceof SqlStepRunner.PositionedSqlException p && p.getCause() instanceof SQLException c
        ? c : e;
    String full = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String m = full.lines().findFirst().orElse(full).trim();
    String detail = full.lines().map(String::trim).filter(l -> l.startsWith("Detail:") || l.startsWith("Hint:"))
        .collect(java.util.stream.Collectors.joining(" "));
    m = detail.isEmpty() ? m : m + " — " + detail;
    String state = root.getSQLState();
    return state == null ? m : m + " [SQLState " + state + "]";
  }
}
