package backstep.engine;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.db.EnvironmentClass;
import backstep.db.OwedSql;
import backstep.ledger.EventType;
import backstep.ledger.FingerprintStore;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import backstep.state.RunState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One run in progress on one target: the two connections (control: run lock and ledger; work: the steps), the
 * ledger, the playbook and the state of every step. Holds the run's record, error and notes and the ledger writes
 * the step runners share; walking the steps is {@link ForwardWalk}'s and {@link RollbackWalk}'s, the check phases
 * are {@link RunChecks}'.
 */
final class RunSession {
  static final java.util.regex.Pattern RECOVERY = java.util.regex.Pattern.compile("\\$\\{recovery\\.([^}]*)}");

  private final Database db;
  private final Ledger ledger;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RunListener listener;
  private final Connection control;
  private Connection work;
  /** A work connection opened in place of a lost one (closed by {@link #closeFreshWork}); null until then. */
  private Connection freshWork;
  private final StepExec[] steps;
  private final List<String> notes = new ArrayList<>();
  private final SqlStepRunner sql;
  private final RunChecks checks;
  private final ForwardWalk forward;
  private final RollbackWalk rollback;
  private final RunProof proof;
  private Proof rollbackProof;
  private RunRecord run;
  private String error;
  private final GuardHook guards = new GuardHook(this);
  private final Instant began;
  private java.util.function.BooleanSupplier pauseRequested = () -> false;
  private RollbackRequest rollbackAsked = new RollbackRequest();
  /** A forward walk is under way: a person's rollback request cancels its statement (guarded by this). */
  private volatile boolean walkingForward;
  private LockWatch lockWatch;
  private ScheduledExecutorService lockTimer;
  /** What the step under way owes the work connection: sent with the next statement on it ({@link OwedSql}). */
  private final OwedSql owed = new OwedSql();
  /** The step's ledger rows, and what its transaction owes the ledger. */
  private final StepRows rows = new StepRows(this);

  RunSession(Database db, Ledger ledger, Clock clock, Sleeper sleeper, RunListener listener, Decisions decisions,
      Connection control, Connection work, Playbook playbook, RunRecord run, List<StepExec> steps) {
    this.db = db;
    this.ledger = ledger;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
    this.control = control;
    this.work = work;
    this.run = run;
    this.steps = steps.toArray(new StepExec[0]);
    this.began = clock.instant();
    this.checks = new RunChecks(this, playbook, db);
    this.proof = new RunProof(this, playbook, true);
    this.sql = new SqlStepRunner(this);
    FlagRunner flags = new FlagRunner(this);
    SnapshotRunner snapshots = new SnapshotRunner(this);
    OperatorSteps people = new OperatorSteps(this, decisions, playbook);
    this.forward = new ForwardWalk(this, this.steps, flags, snapshots, people);
    this.rollback = new RollbackWalk(this, this.steps, flags, snapshots, people);
  }

  /** Asked after each forward step; true stops the run there, paused (the console's Pause). */
  void pauseWhen(java.util.function.BooleanSupplier requested) {
    this.pauseRequested = requested;
  }

  boolean pauseRequested() {
    return pauseRequested.getAsBoolean();
  }

  /** Where a person may ask the forward walk to stop at once and roll back: a request cancels its statement. */
  void rollbackWhen(RollbackRequest r) {
    this.rollbackAsked = r;
    r.cancelWith(this::cancelForward);
  }

  /** Cancels the forward walk's statement under way; never a rollback's (the walk has ended by then). */
  private synchronized void cancelForward() {
    if (walkingForward) {
      sql.cancelCurrent();
    }
  }

  /**
   * Why the forward walk under way must stop and roll back because a person asked (who, when, during which step),
   * or null: no one asked, or the walk is over (the rollback's own statements are never refused).
   */
  String rollbackAsked() {
    RollbackRequest.Asked a = rollbackAsked.asked();
    return a == null || !walkingForward ? null : a.describe();
  }

  /** What a person's request to roll back wakes: a lock retry's backoff waits on it. */
  RollbackRequest rollbackWaker() {
    return rollbackAsked;
  }

  /** The request a person made during this run, or null. */
  RollbackRequest.Asked rollbackRequest() {
    return rollbackAsked.asked();
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

  /**
   * Statements owed on the work connection inside a step's transaction (PostgreSQL: the guards, a verify's or a
   * catalog read's way back), sent ahead of the next statement in its round trip.
   */
  OwedSql owed() {
    return owed;
  }

  /**
   * Whether the work connection is gone (killed or lost while a statement ran): an automatic rollback in this process
   * then needs a fresh one, as a resume in a new process has.
   */
  boolean workLost() {
    try {
      return work.isClosed() || !work.isValid(2);
    } catch (SQLException e) {
      return true;
    }
  }

  /** Opens a fresh work connection in place of the lost one: later steps, checks and fingerprints run on it. */
  void replaceWork() throws SQLException {
    closeFreshWork();
    freshWork = db.connection();
    work = freshWork;
    owed.clear();
    workSessionRead = false;
    if (lockWatch != null) {
      lockWatch = null; // it watched the lost session: the next statement watches the fresh one
      lockWatch();
    }
  }

  /** Closes the work connection {@link #replaceWork} opened, if any (the engine closes the first one). */
  void closeFreshWork() {
    if (freshWork != null) {
      try {
        freshWork.close();
      } catch (SQLException e) {
        backstep.db.DebugLog.ignored(RunSession.class, "closing the replacement work connection", e);
      }
      freshWork = null;
    }
  }

  RunRecord run() {
    return run;
  }

  /** The playbook's checks across this run's phases. */
  RunChecks checks() {
    return checks;
  }

  String error() {
    return error;
  }

  /**
   * The lock watch of the work connection, created on first use (it needs the work session's id); creating it tells
   * the listener that id. The engine calls it as soon as a run starts.
   */
  LockWatch lockWatch(ScheduledExecutorService timer) {
    this.lockTimer = timer;
    return lockWatch();
  }

  LockWatch lockWatch() {
    if (lockWatch == null) {
      long pid = -1;
      try (java.sql.Statement st = work.createStatement(); java.sql.ResultSet rs = st.executeQuery(
          dialect() == Dialect.POSTGRES ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
        rs.next();
        pid = rs.getLong(1);
      } catch (SQLException ignored) {
        backstep.db.DebugLog.ignored(RunSession.class,
            "without the pid the watch finds nothing; the step is unaffected", ignored);
        // without the pid the watch finds nothing; the step is unaffected
      }
      lockWatch = new LockWatch(db, pid, lockTimer);
      listener.workSession(pid);
    }
    return lockWatch;
  }

  private String workSession;
  private boolean workSessionRead;

  /**
   * The work session as the server names it ({@link Sessions#key}), read once; null when it cannot be
   * read. Recorded with each statement in flight, so that after a crash the server can be asked whether it still runs.
   */
  String workSession() {
    if (!workSessionRead) {
      workSessionRead = true;
      try {
        workSession = Sessions.key(work, dialect());
      } catch (SQLException e) {
        workSession = null; // a statement in flight is then judged by the catalog alone
      }
    }
    return workSession;
  }

  /** The run's fingerprints and the proofs drawn from them. */
  RunProof proof() {
    return proof;
  }

  /** Records how the rollback was proven, for the run's result. */
  void proven(Proof p) {
    rollbackProof = p;
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

  /** Saves a step's row on the control connection (commits at once). */
  void saveStep(StepExec e) throws SQLException {
    ledger.upsertStep(control, e.record(run.runId()));
  }

  /** Saves a step's progress on the control connection (commits at once), with an optional event. */
  void progress(StepExec e, EventType type, Map<String, Object> detail) throws StepFailure {
    rows.progress(e, type, detail);
  }

  /** Marks a step applied or rolled back and records it on {@code c} (inside the step's transaction if open). */
  void finishStep(Connection c, StepExec e, Direction dir) throws SQLException {
    finishStep(c, e, dir, false);
  }

  /**
   * {@link #finishStep}; with {@code withCommit}, a one-transaction step's rows on PostgreSQL (ledger in the target)
   * are not sent but kept as text ({@link #takeStepEnd}), for the step's commit to take in its round trip. Not while a
   * crash test waits at "step-transaction", the moment between the rows and the commit.
   */
  void finishStep(Connection c, StepExec e, Direction dir, boolean withCommit) throws SQLException {
    rows.finishStep(c, e, dir, withCommit);
  }

  /** {@link StepRows#takeStepEnd}. */
  Ledger.StepEndText takeStepEnd() {
    return rows.takeStepEnd();
  }

  /** {@link StepRows#storeWithStep}. */
  void storeWithStep(FingerprintStore.Row f) {
    rows.storeWithStep(f);
  }

  /** {@link StepRows#storesWithStart}. */
  boolean storesWithStart(Step step) {
    return rows.storesWithStart(step);
  }

  /** {@link StepRows#storeWithStart}. */
  void storeWithStart(FingerprintStore.Row f) {
    rows.storeWithStart(f);
  }

  /** A ledger write that belongs to a step's transaction. */
  interface LedgerWrite {
    void run(Connection c) throws SQLException;
  }

  /** {@link StepRows#recordInStep}: in the step's transaction, or right after it commits (central ledger). */
  void recordInStep(Connection c, LedgerWrite write) throws SQLException {
    rows.recordInStep(c, write);
  }

  /** The step's transaction committed: writes its deferred ledger rows (central ledger only). */
  void committed() throws StepFailure {
    rows.committed();
  }

  /**
   * A step's transaction on {@code c} failed: rolls it back, puts the ledger's chain head back to {@code head} (the
   * events appended in it are gone with it) and drops the step's deferred ledger rows. The one place for this.
   */
  void abandon(Connection c, Ledger.Head head) {
    rollbackQuietly(c);
    ledger.reset(head);
    owed.clear();
    rows.rolledBack();
  }

  /** Rolls back {@code c}'s open transaction; on a broken connection the server rolls it back itself. */
  static void rollbackQuietly(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException ignored) {
      backstep.db.DebugLog.ignored(RunSession.class,
          "the connection is broken: the server rolls back its open transaction", ignored);
      // the connection is broken: the server rolls back its open transaction
    }
  }

  void setRunState(RunState state, EventType type, Map<String, Object> detail) throws SQLException {
    Instant now = clock.instant();
    run = run.withState(state, now, error);
    if (state.settled() || state == RunState.PAUSED || state == RunState.FAILED
        || state == RunState.ROLLBACK_FAILED) {
      run = run.ended(now);
    }
    RunRecord next = run;
    if (type == null) {
      ledger.updateRun(control, next);
    } else { // the state, its event and the chain head: one commit, all or none
      ControlTx.together(control, ledger, c -> ledger.runState(c, next, type, next.operator(), detail == null
          || detail.isEmpty() ? null : Json.compact(detail), clock.instant()));
    }
    backstep.db.DebugLog.debug(RunSession.class, "run " + run.changeId() + " of playbook '" + run.playbookId()
        + "' on target '" + run.target() + "': " + state);
  }

  // ---- the walks -------------------------------------------------------------------------------------------

  /** Applies steps {@code from}..{@code to} (inclusive). Returns the state the run is left in. */
  RunState forward(int from, int to) throws SQLException {
    walkingForward = true;
    try {
      return forward.run(from, to);
    } finally {
      endForward();
    }
  }

  /** The forward walk is over: from now on a request to roll back cancels nothing (the rollback's statements run). */
  private synchronized void endForward() {
    walkingForward = false;
  }

  /** Undoes, newest first, every step after {@code keep} whose effect belongs to this run. */
  RunState rollback(int keep) throws SQLException {
    return rollback.run(keep);
  }

  StepExec[] steps() {
    return steps;
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
        results(), error, List.copyOf(notes), List.copyOf(checks.outcomes()), rollbackProof);
  }

  void error(String text) {
    error = text;
  }

  boolean production() {
    return db.spec().environment() == EnvironmentClass.PRODUCTION;
  }

  /** The database's own message, first line, with its SQLState. */
  static String dbMessage(SQLException e) {
    SQLException root = PositionedSqlException.root(e);
    String full = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String m = full.lines().findFirst().orElse(full).trim();
    String detail = full.lines().map(String::trim).filter(l -> l.startsWith("Detail:") || l.startsWith("Hint:"))
        .collect(java.util.stream.Collectors.joining(" "));
    m = detail.isEmpty() ? m : m + " — " + detail;
    String state = root.getSQLState();
    return state == null ? m : m + " [SQLState " + state + "]";
  }
}
