package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.state.RunState;
import backstep.state.StepState;
import backstep.testing.ScratchDb;
import backstep.ui.panels.BlockerRow;
import backstep.ui.panels.IntegrityRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;

/**
 * The live panels during real runs on a scratch PostgreSQL database: the charts take a point a second with the
 * playbook's guard thresholds drawn (before, during and after a slow step), the integrity table goes from pending
 * to before → now with pass, a playbook opened again shows its last run's check values from the ledger (labelled
 * with the run), and the blocking-session list names the session that holds up the run's ALTER TABLE and marks it
 * as blocking the run — on a scratch MariaDB database too, where the run's connection is known by its id. The cases
 * share one console ({@link SharedConsole}; it was built for each of them until session 12) and pass in any order.
 */
class LivePanelsIT {
  @TempDir
  static Path home;

  static Path playbooks;
  static ScratchDb scratch;
  static ScratchDb maria;

  @RegisterExtension
  static final SharedConsole CONSOLE = new SharedConsole(() -> home, () -> playbooks);
  private static final FxRobot robot = CONSOLE.robot();
  private static final ConsoleDriver ui = CONSOLE.ui();
  private static final LivePanelsDriver panels = new LivePanelsDriver(robot, ui);

  @BeforeAll
  static void setUp() throws Exception {
    scratch = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    scratch.exec("CREATE TABLE accounts (id int PRIMARY KEY, owner text)",
        "INSERT INTO accounts SELECT g, 'owner ' || g FROM generate_series(1, 250) g");
    maria = ScratchDb.create(ScratchDb.Kind.MARIADB);
    maria.exec("CREATE TABLE accounts (id int PRIMARY KEY, owner varchar(40)) ENGINE=InnoDB",
        "INSERT INTO accounts SELECT seq, concat('owner ', seq) FROM seq_1_to_250");
    Files.writeString(home.resolve("targets.yaml"), """
        targets:
          scratch-pg:
            url: %s
            user: postgres
            environment: sandbox
          scratch-maria:
            url: %s
            user: root
            environment: sandbox
        """.formatted(scratch.url(), maria.url()));
    playbooks = Files.createDirectories(home.resolve("playbooks"));
    LivePlaybooks.writeInto(playbooks);
  }

  @AfterAll
  static void drop() throws Exception {
    try {
      CONSOLE.close();
      System.out.println("LivePanelsIT: the console was built " + CONSOLE.builds() + " time(s) for its cases");
    } finally {
      if (scratch != null) {
        scratch.close();
      }
      if (maria != null) {
        maria.close();
      }
    }
  }

  private void openOnScratch(String playbookTitle) {
    openOn("scratch-pg", playbookTitle);
  }

  private void openOn(String target, String playbookTitle) {
    ui.waitForSandbox();
    pick(target);
    ui.select("#library", playbookTitle);
    robot.clickOn("#tab-run");
  }

  /** Picks {@code target} as a click would (the list may be too short to show every target); waits connected. */
  private void pick(String target) {
    ConsoleDriver.fx(() -> {
      javafx.scene.control.ListView<backstep.ui.shell.TargetEntry> list = ui.node("#targets");
      list.getSelectionModel().select(list.getItems().stream().filter(t -> t.name().equals(target)).findFirst()
          .orElseThrow());
      return null;
    });
    ui.waitUntil(target + " connected", 60, () -> ui.text("#status-connection").contains(target + " · connected")
        && ui.text("#status-ledger").contains("chain"));
  }

  /** The charts from the target's first sample: a target picked again keeps its points, another one clears them. */
  private void openWithFreshCharts(String target, String other, String playbookTitle) {
    ui.waitForSandbox();
    if (ui.text("#status-connection").contains(target + " · connected")) {
      pick(other);
    }
    openOn(target, playbookTitle);
  }

  @Test
  void chartsAndIntegrityFollowASlowStep() {
    openWithFreshCharts("scratch-pg", "scratch-maria", "Live panels under guards (slow step)");

    // before any run: the target's own telemetry fills the charts, the thresholds are drawn, checks are pending
    ui.waitUntil("the latency chart sampling the idle target", 30, () -> panels.points("#latency-chart", 1) >= 2);
    ui.waitUntil("the playbook's thresholds on the charts", 10,
        () -> panels.thresholds("#latency-chart").stream().anyMatch(t -> t.contains("alert · p95 probe > 250 ms"))
            && panels.thresholds("#locks-chart").stream().anyMatch(t -> t.contains("pause · latest lock waiters > 3")));
    assertEquals(1, panels.lines("#latency-chart"), "one threshold line on the latency chart");
    assertTrue(ui.text("#live-guards").contains("playbook guards (2)"), ui.text("#live-guards"));
    List<IntegrityRow> pending = panels.integrity();
    assertEquals(2, pending.size());
    assertTrue(pending.stream().allMatch(r -> r.status() == IntegrityRow.Status.PENDING), pending.toString());

    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    robot.type(KeyCode.F8);
    ui.waitUntil("the slow step running", 30, () -> ui.state(0) == StepState.RUNNING);
    int atStart = panels.points("#latency-chart", 1);
    ui.waitUntil("chart points while the step runs", 30,
        () -> panels.points("#latency-chart", 1) >= atStart + 2 && ui.state(0) == StepState.RUNNING);
    IntegrityRow rows = panels.row("accounts keep every row");
    assertEquals("250", rows.before(), "the before value is shown as soon as the run measured it");

    ui.waitRun(RunState.APPLIED);
    IntegrityRow kept = panels.row("accounts keep every row");
    assertEquals(IntegrityRow.Status.PASS, kept.status(), kept.toString());
    assertEquals("250", kept.before());
    assertEquals("250", kept.now());
    assertEquals("after forward", kept.phase());
    IntegrityRow exists = panels.row("probe table exists");
    assertEquals("0", exists.before(), exists.toString());
    assertEquals("1", exists.now(), exists.toString());
    assertEquals(IntegrityRow.Status.PASS, exists.status());
    assertEquals(0, ConsoleDriver.fx(() -> robot.lookup("#latency-chart").query().lookupAll(".breach-badge")
        .size()), "no breach badge inside the plot");

    robot.type(KeyCode.F12);
    ui.waitRun(RunState.ROLLED_BACK);
    ui.waitUntil("the integrity table after rollback", 10,
        () -> panels.row("accounts keep every row").phase().equals("after rollback"));
    assertEquals(IntegrityRow.Status.PASS, panels.row("accounts keep every row").status());
  }

  @Test
  void blockersNameTheSessionHoldingUpTheRun() throws Exception {
    readyToRun("scratch-pg", "Live panels behind a lock (ALTER waits)");

    try (Connection holder = scratch.connect()) {
      holder.setAutoCommit(false);
      long pid;
      try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT pg_backend_pid(), count(*) FROM accounts")) {
        rs.next();
        pid = rs.getLong(1);
      }
      stepForwardBlockedBy(pid);
      BlockerRow blocker = panels.blockers().stream().filter(b -> b.pid() == pid).findFirst().orElseThrow();
      assertTrue(blocker.state().contains("idle in transaction"), blocker.toString());
      assertEquals("postgres", blocker.user());
      assertTrue(blocker.query().contains("FROM accounts"), blocker.toString());
      BlockerRow waiter = panels.blockers().stream().filter(b -> !b.blocker()).findFirst().orElseThrow();
      assertEquals("backstep", waiter.app());
      assertTrue(waiter.waitingFor().contains("accounts") && waiter.query().contains("ALTER TABLE"),
          waiter.toString());
      holder.rollback();
    }
    appliedAndNoLongerBlocked();

    // the theme has a shortcut too
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
    ui.waitUntil("the dark theme", 10, () -> ui.text("#theme-toggle").contains("Light"));
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
    ui.waitUntil("the light theme again", 10, () -> ui.text("#theme-toggle").contains("Dark"));
  }

  @Test
  void reopeningAPlaybookShowsItsLastRunsChecksFromTheLedgerLabelledWithTheRun() {
    openOnScratch("Live panels re-read checks (quick step)");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    assertEquals(IntegrityRow.Status.PENDING, panels.row("accounts keep every row").status(),
        "no run of this playbook on the target yet: pending");
    assertFalse(ConsoleDriver.fx(() -> ui.node("#integrity-source").isVisible()));
    robot.type(KeyCode.F8);
    ui.waitUntil("this run's step applied", 60, () -> ui.state(0) == StepState.APPLIED);
    ui.waitRun(RunState.APPLIED);
    IntegrityRow fresh = panels.row("accounts keep every row");
    assertEquals(IntegrityRow.Status.PASS, fresh.status());
    assertFalse(fresh.fromLedger(), "values this console saw evaluated are not labelled as recorded");
    String change = java.util.regex.Pattern.compile("CHG-\\S+").matcher(ui.text("#run-summary")).results()
        .map(java.util.regex.MatchResult::group).findFirst().orElseThrow();

    // regression: opening the playbook again used to show its checks pending, as if never evaluated
    ui.select("#library", "Live panels behind a lock (ALTER waits)");
    ui.waitUntil("the other playbook open", 10, () -> panels.integrity().stream().noneMatch(
        r -> r.check().equals("accounts keep every row")));
    ui.select("#library", "Live panels re-read checks (quick step)");
    ui.waitUntil("the checks read back from the ledger", 30, () -> panels.row("accounts keep every row").fromLedger());
    IntegrityRow kept = panels.row("accounts keep every row");
    assertEquals(IntegrityRow.Status.PASS, kept.status(), kept.toString());
    assertEquals("250", kept.before());
    assertEquals("250", kept.now());
    assertEquals("same as before", kept.expected());
    assertEquals("after forward", kept.phase());
    assertTrue(kept.recorded().startsWith("run " + change + " at "), kept.recorded());
    assertTrue(kept.recorded().endsWith("(applied)"), kept.recorded());
    String source = ui.text("#integrity-source");
    assertTrue(source.startsWith("from run " + change + " at "), source);
    assertTrue(ConsoleDriver.fx(() -> ui.node("#integrity-source").isVisible()));
    assertEquals(1, ui.rowsWith("#integrity-table", "recorded"), "the recorded row is drawn as such");

    // a rollback evaluates the check afresh: the row is live again and the label goes
    robot.type(KeyCode.F12);
    ui.waitRun(RunState.ROLLED_BACK);
    ui.waitUntil("the check evaluated after rollback", 10,
        () -> panels.row("accounts keep every row").phase().equals("after rollback"));
    assertFalse(panels.row("accounts keep every row").fromLedger());
    assertEquals("", ui.text("#integrity-source"));
  }

  @Test
  void onMariaDbASessionHoldingTheRowTheRunWaitsForIsMarkedAsBlockingTheRun() throws Exception {
    readyToRun("scratch-maria", "Live panels behind a row lock (MariaDB)");

    try (Connection holder = maria.connect()) {
      holder.setAutoCommit(false);
      long id;
      try (Statement st = holder.createStatement()) {
        st.executeUpdate("UPDATE accounts SET owner = 'held' WHERE id = 1");
        try (ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      stepForwardBlockedBy(id);
      BlockerRow waiter = panels.blockers().stream().filter(b -> !b.blocker()).findFirst().orElseThrow();
      assertTrue(waiter.ownRun() && waiter.query().contains("UPDATE accounts"), waiter.toString());
      holder.rollback();
    }
    appliedAndNoLongerBlocked();
  }

  /**
   * The blocker ended from the table: its menu names the session in a confirmation, the session is terminated, the
   * run goes on, and the ledger records what was done, by whom and when, as an event of the run it held up.
   */
  @Test
  void terminatingTheBlockerFromTheTableLetsTheRunGoOnAndIsRecorded() throws Exception {
    readyToRun("scratch-pg", "Live panels behind a lock (the blocker is terminated)");
    try (Connection holder = scratch.connect()) {
      holder.setAutoCommit(false);
      long pid;
      try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT pg_backend_pid(), count(*) FROM accounts")) {
        rs.next();
        pid = rs.getLong(1);
      }
      stepForwardBlockedBy(pid);
      panels.askToEnd(pid, "Terminate session…", "Terminate session pid " + pid + " (postgres");
      java.time.Instant from = java.time.Instant.now();
      robot.clickOn("#blocker-confirm");
      appliedAndNoLongerBlocked();
      ui.waitUntil("the action's outcome", 60, () -> ui.text("#blockers-action").contains("pid " + pid + " "));
      assertEquals("✔ end the session pid " + pid + " — recorded in the ledger", ui.text("#blockers-action"));
      assertTrue(holder.isClosed() || !holder.isValid(2), "the holder's session was ended");
      try (Connection c = scratch.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT actor, detail, at_ms FROM backstep.event WHERE event_type = 'SESSION_ENDED'")) {
        assertTrue(rs.next(), "a SESSION_ENDED event");
        assertEquals("ana", rs.getString(1));
        String detail = rs.getString(2);
        assertTrue(detail.contains("\"action\":\"terminate\"") && detail.contains("\"pid\":" + pid)
            && detail.contains("pg_terminate_backend(" + pid + ")") && detail.contains("\"done\":true"), detail);
        java.time.Instant at = java.time.Instant.ofEpochMilli(rs.getLong(3));
        assertTrue(Math.abs(java.time.Duration.between(from, at).toMillis()) < 5000, at + " vs " + from);
      }
    }
  }

  /**
   * On MariaDB, from the table: KILL QUERY interrupts the blocker's running statement (its transaction, and the lock
   * the run waits for, stay), then KILL ends the session and the run goes on; each confirmation names the session,
   * and both actions are recorded in the ledger as events of the run they held up.
   */
  @Test
  void onMariaDbKillQueryThenKillFromTheTableAreConfirmedAndRecorded() throws Exception {
    readyToRun("scratch-maria", "Live panels behind a row lock (MariaDB, the blocker killed)");
    java.util.concurrent.ExecutorService sleeper = java.util.concurrent.Executors.newSingleThreadExecutor();
    try (Connection holder = maria.connect()) {
      holder.setAutoCommit(false);
      long id;
      try (Statement st = holder.createStatement()) {
        st.executeUpdate("UPDATE accounts SET owner = 'held' WHERE id = 3");
        try (ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      // the blocker is busy with a statement of its own while it holds the row
      java.util.concurrent.Future<String> sleeping = sleeper.submit(() -> {
        try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("SELECT SLEEP(120)")) {
          rs.next();
          return "returned " + rs.getInt(1);
        } catch (java.sql.SQLException e) {
          return "failed: " + e.getMessage();
        }
      });
      stepForwardBlockedBy(id);

      endFromTheMenu(id, "Cancel query…", "Cancel the statement of session pid " + id + " (root");
      // KILL QUERY: SLEEP() is interrupted (it returns 1); the session and its row lock stay, the run still waits
      String slept = sleeping.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(slept.equals("returned 1") || slept.contains("interrupted"), slept);
      assertTrue(holder.isValid(2), "KILL QUERY leaves the session");
      assertEquals(StepState.RUNNING, ui.state(0));
      assertTrue(panels.blockers().stream().anyMatch(b -> b.pid() == id && b.blocker()), "still blocking the run");

      endFromTheMenu(id, "Terminate session…", "Terminate session pid " + id + " (root");
      appliedAndNoLongerBlocked();
      assertFalse(holder.isValid(2), "KILL ended the session");
    } finally {
      sleeper.shutdownNow();
    }
    ui.waitUntil("both actions recorded", 60, () -> LivePanelsDriver.sessionsEnded(maria).size() == 2);
    List<String> details = LivePanelsDriver.sessionsEnded(maria);
    assertTrue(details.stream().anyMatch(d -> d.contains("\"action\":\"cancel\"") && d.contains("KILL QUERY ")
        && d.contains("\"done\":true")), details.toString());
    assertTrue(details.stream().anyMatch(d -> d.contains("\"action\":\"terminate\"") && d.matches(".*\"KILL \\d+\".*")
        && d.contains("\"done\":true")), details.toString());
  }

  /**
   * ROLL BACK while a step waits on another session's row lock (issue 15): the wait is cancelled at once (the step's
   * lock timeout is 90 s), no other step starts, the applied step is undone, the rollback is proven, the ledger says
   * who asked and when, and the session holding the lock is left alone. On PostgreSQL and MariaDB.
   */
  @ParameterizedTest
  @ValueSource(strings = {"scratch-pg", "scratch-maria"})
  void rollBackWhileAStepWaitsOnALockCancelsTheWaitAndRollsBackWithProof(String target) throws Exception {
    ScratchDb db = target.equals("scratch-pg") ? scratch : maria;
    readyToRun(target, "Live panels, ROLL BACK while a step waits");
    try (Connection holder = db.connect()) {
      holder.setAutoCommit(false);
      long id;
      try (Statement st = holder.createStatement()) {
        st.executeUpdate("UPDATE accounts SET owner = 'held' WHERE id = 5");
        try (ResultSet rs = st.executeQuery(db.kind() == ScratchDb.Kind.POSTGRES ? "SELECT pg_backend_pid()"
            : "SELECT CONNECTION_ID()")) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      robot.clickOn("#run-to-end");
      ui.waitUntil("the test's session listed as blocking the run", 45, () -> panels.blockers().stream()
          .anyMatch(b -> b.pid() == id && b.blocker() && b.ownRun()));
      assertEquals(StepState.APPLIED, ui.state(0));
      assertEquals(StepState.RUNNING, ui.state(1));
      assertTrue(ui.enabled("#rollback"), "ROLL BACK is offered while the step waits on the lock");
      assertFalse(ui.enabled("#step-forward"));
      rollBackWith(db, "#rollback", StepState.FAILED, "the waiting statement was cancelled");
      assertTrue(holder.isValid(2), "the session holding the lock is left alone");
      holder.rollback();
    }
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'live_stop_note'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the notes table is gone");
    }
  }

  /**
   * ROLL BACK from a gate's dialog (issue 15: the dialog is modal, so the action bar's ROLL BACK cannot be reached):
   * one click stops the run at the gate and rolls back what it applied, proven, with who asked and when (the click)
   * in the ledger and the gate's decision saying why. On PostgreSQL and MariaDB.
   */
  @ParameterizedTest
  @ValueSource(strings = {"scratch-pg", "scratch-maria"})
  void rollBackFromAGatesDialogRollsTheRunBackWithProof(String target) throws Exception {
    ScratchDb db = target.equals("scratch-pg") ? scratch : maria;
    readyToRun(target, "Live panels, ROLL BACK from a gate");
    robot.clickOn("#run-to-end");
    ui.waitUntil("the gate's dialog", 45, () -> robot.lookup("#gate-rollback").tryQuery().isPresent());
    assertEquals(StepState.APPLIED, ui.state(0));
    rollBackWith(db, "#gate-rollback", StepState.PENDING, "the gate was not passed");
    String gate = db.lastEvent("GATE_DECIDED");
    assertTrue(gate.contains("\"decision\":\"declined\"") && gate.contains("roll back asked at gate 'look'"), gate);
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'live_gate_memo'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the memo table is gone");
    }
  }

  /**
   * Clicks {@code button} (ROLL BACK, or a dialog's) as ana: the first step is rolled back, the second is left
   * {@code second}, the third never ran, the rollback is proven and the ledger has ana's request stamped at the click.
   */
  private void rollBackWith(ScratchDb db, String button, StepState second, String why) throws Exception {
    robot.moveTo(button); // the pointer's travel is the robot's, not the console's
    java.time.Instant clicked = java.time.Instant.now();
    robot.clickOn(javafx.scene.input.MouseButton.PRIMARY);
    ui.waitUntil("the run rolled back", 45, () -> ui.idle() && ui.state(0) == StepState.ROLLED_BACK);
    ui.waitRun(RunState.ROLLED_BACK);
    assertEquals(second, ui.state(1), why);
    assertEquals(StepState.PENDING, ui.state(2), "no step started after the request");
    assertTrue(ui.text("#run-proof").contains("proven"), ui.text("#run-proof"));
    String detail = db.lastEvent("ROLLBACK_STARTED"); // other cases roll back too: the latest
    assertTrue(detail.contains("\"requested_by\":\"ana\""), detail);
    java.time.Instant at = java.time.Instant.parse(detail.replaceAll(".*\"requested_at\":\"([^\"]+)\".*", "$1"));
    long ms = java.time.Duration.between(clicked, at).toMillis();
    assertTrue(ms >= 0 && ms < 1000, "stamped at the click: " + at + " vs " + clicked);
  }

  /** Ends blocker {@code pid} by its row's {@code item}, the confirmation naming it by {@code header}. */
  private void endFromTheMenu(long pid, String item, String header) {
    panels.askToEnd(pid, item, header);
    robot.clickOn("#blocker-confirm");
    ui.waitUntil("the confirmation closed", 20, () -> robot.lookup("#blocker-confirm").tryQuery().isEmpty());
  }

  /** Opens a playbook on a target and passes preflight; the telemetry has sampled and nothing blocks. */
  private void readyToRun(String target, String playbookTitle) {
    openOn(target, playbookTitle);
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    ui.waitUntil("telemetry sampling", 30, () -> panels.points("#locks-chart", 0) >= 1);
    assertTrue(panels.blockers().isEmpty());
  }

  /** Steps forward into a lock held by session {@code holder}: it is listed and highlighted as blocking the run. */
  private void stepForwardBlockedBy(long holder) {
    robot.type(KeyCode.F8);
    ui.waitUntil("the test's session listed as blocking the run", 45, () -> panels.blockers().stream()
        .anyMatch(b -> b.pid() == holder && b.blocker() && b.ownRun()));
    assertTrue(ui.text("#blockers-summary").contains("THE RUN IS BLOCKED"), ui.text("#blockers-summary"));
    ui.waitUntil("the blocker's row highlighted", 10, () -> ui.rowsWith("#blockers-table", "own-run") >= 1);
    assertEquals(StepState.RUNNING, ui.state(0));
  }

  /** The lock released: the run goes on to applied and the list empties, the highlight with it. */
  private void appliedAndNoLongerBlocked() {
    ui.waitRun(RunState.APPLIED);
    ui.waitUntil("the list empty again", 30, () -> panels.blockers().isEmpty());
    assertFalse(ui.text("#blockers-summary").contains("BLOCKED"));
  }
}
