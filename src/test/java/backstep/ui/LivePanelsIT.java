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
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The live panels during real runs on a scratch PostgreSQL database: the charts take a point a second with the
 * playbook's guard thresholds drawn (before, during and after a slow step), the integrity table goes from pending
 * to before → now with pass, a playbook opened again shows its last run's check values from the ledger (labelled
 * with the run), and the blocking-session list names the session that holds up the run's ALTER TABLE and marks it
 * as blocking the run — on a scratch MariaDB database too, where the run's connection is known by its id.
 */
@ExtendWith(ApplicationExtension.class)
class LivePanelsIT {
  static final String COMMON = """
      version: 1
      owners: [console-tests]
      intent: Exercise the live panels.
      minimum_viable_change: One table or one column.
      blast_radius:
        - system: nothing
          impact: a scratch database dropped after the test
      success_criteria: [the panels follow the run]
      remediation: Roll back undoes it.
      expected:
        after_forward: changed
        after_rollback: unchanged
      """;

  static final String SLOW = """
      id: live-slow
      title: Live panels under guards (slow step)
      %s
      telemetry: {interval: 1s, baseline: 1s}
      guards:
        - metric: probe_ms
          aggregate: p95
          above: 250
          window: 5s
          action: alert
        - metric: lock_waiters
          aggregate: latest
          above: 3
          window: 5s
          action: pause
      checks:
        - name: accounts keep every row
          row_count: accounts
          expect_same_as: before
          when: [after_step, after_forward, after_rollback]
        - name: probe table exists
          sql: SELECT count(*) FROM information_schema.tables WHERE table_name = 'live_probe'
          expect: 1
          when: [after_forward]
      steps:
        - id: slow-create
          kind: sql
          title: Create a table, then sleep 6 s
          forward:
            postgresql: |
              CREATE TABLE live_probe (id int);
              SELECT pg_sleep(6)
          rollback:
            postgresql: DROP TABLE live_probe
          verify:
            - sql: SELECT count(*) FROM information_schema.tables WHERE table_name = 'live_probe'
              expect: 1
      """;

  static final String LOCKED = """
      id: live-locked
      title: Live panels behind a lock (ALTER waits)
      %s
      steps:
        - id: add-note
          kind: sql
          title: Add a column (waits for the test's open transaction)
          forward: ALTER TABLE accounts ADD COLUMN note text
          rollback: ALTER TABLE accounts DROP COLUMN note
          guards:
            lock_timeout: 60s
            retries: 0
          verify:
            - sql: >
                SELECT count(*) FROM information_schema.columns
                WHERE table_name = 'accounts' AND column_name = 'note'
              expect: 1
      """;

  static final String RECORDED = """
      id: live-recorded
      title: Live panels re-read checks (quick step)
      %s
      checks:
        - name: accounts keep every row
          row_count: accounts
          expect_same_as: before
          when: [after_forward, after_rollback]
      steps:
        - id: add-table
          kind: sql
          title: Create a table
          forward: CREATE TABLE live_recorded (id int)
          rollback: DROP TABLE live_recorded
          verify:
            - sql: SELECT count(*) FROM information_schema.tables WHERE table_name = 'live_recorded'
              expect: 1
      """;

  static final String ROW_LOCK = """
      id: live-row-lock
      title: Live panels behind a row lock (MariaDB)
      %s
      steps:
        - id: rename-owner
          kind: sql
          title: Rename the first owner (waits for the test's row lock)
          forward: UPDATE accounts SET owner = 'renamed' WHERE id = 1
          rollback: UPDATE accounts SET owner = 'owner 1' WHERE id = 1
          guards:
            lock_timeout: 60s
            retries: 0
          verify:
            - sql: SELECT count(*) FROM accounts WHERE owner = 'renamed'
              expect: 1
      """;

  @TempDir
  static Path home;

  static Path playbooks;
  static ScratchDb scratch;
  static ScratchDb maria;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

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
    Files.writeString(playbooks.resolve("live-slow.yaml"), SLOW.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-locked.yaml"), LOCKED.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-recorded.yaml"), RECORDED.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-row-lock.yaml"), ROW_LOCK.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-terminate.yaml"), LOCKED.formatted(COMMON)
        .replace("id: live-locked", "id: live-terminate").replace("(ALTER waits)", "(the blocker is terminated)")
        .replace("note", "memo"));
    Files.writeString(playbooks.resolve("live-kill.yaml"), ROW_LOCK.formatted(COMMON)
        .replace("id: live-row-lock", "id: live-kill").replace("(MariaDB)", "(MariaDB, the blocker killed)")
        .replace("id = 1", "id = 3").replace("'owner 1'", "'owner 3'").replace("'renamed'", "'killed'"));
  }

  @AfterAll
  static void drop() throws Exception {
    if (scratch != null) {
      scratch.close();
    }
    if (maria != null) {
      maria.close();
    }
  }

  @Start
  void start(Stage stage) {
    ui.open(stage, home, playbooks);
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  private void openOnScratch(FxRobot robot, String playbookTitle) {
    openOn(robot, "scratch-pg", playbookTitle);
  }

  private void openOn(FxRobot robot, String target, String playbookTitle) {
    ui.waitForSandbox();
    // picked as a click would pick it: the list may be too short to show every target
    ConsoleDriver.fx(() -> {
      javafx.scene.control.ListView<backstep.ui.shell.TargetEntry> list = ui.node("#targets");
      list.getSelectionModel().select(list.getItems().stream().filter(t -> t.name().equals(target)).findFirst()
          .orElseThrow());
      return null;
    });
    ui.waitUntil(target + " connected", 60, () -> ui.text("#status-connection").contains(target + " · connected")
        && ui.text("#status-ledger").contains("chain"));
    ui.select("#library", playbookTitle);
    robot.clickOn("#tab-run");
  }

  @Test
  void chartsAndIntegrityFollowASlowStep(FxRobot robot) {
    openOnScratch(robot, "Live panels under guards (slow step)");

    // before any run: the target's own telemetry fills the charts, the thresholds are drawn, checks are pending
    ui.waitUntil("the latency chart sampling the idle target", 30, () -> points("#latency-chart", 1) >= 2);
    ui.waitUntil("the playbook's thresholds on the charts", 10,
        () -> thresholds("#latency-chart").stream().anyMatch(t -> t.contains("alert · p95 probe > 250 ms"))
            && thresholds("#locks-chart").stream().anyMatch(t -> t.contains("pause · latest lock waiters > 3")));
    assertEquals(1, lines("#latency-chart"), "one threshold line on the latency chart");
    assertTrue(ui.text("#live-guards").contains("playbook guards (2)"), ui.text("#live-guards"));
    List<IntegrityRow> pending = integrity(robot);
    assertEquals(2, pending.size());
    assertTrue(pending.stream().allMatch(r -> r.status() == IntegrityRow.Status.PENDING), pending.toString());

    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    robot.type(KeyCode.F8);
    ui.waitUntil("the slow step running", 30, () -> ui.state(0) == StepState.RUNNING);
    int atStart = points("#latency-chart", 1);
    ui.waitUntil("chart points while the step runs", 30,
        () -> points("#latency-chart", 1) >= atStart + 2 && ui.state(0) == StepState.RUNNING);
    IntegrityRow rows = row(robot, "accounts keep every row");
    assertEquals("250", rows.before(), "the before value is shown as soon as the run measured it");

    ui.waitRun(RunState.APPLIED);
    IntegrityRow kept = row(robot, "accounts keep every row");
    assertEquals(IntegrityRow.Status.PASS, kept.status(), kept.toString());
    assertEquals("250", kept.before());
    assertEquals("250", kept.now());
    assertEquals("after forward", kept.phase());
    IntegrityRow exists = row(robot, "probe table exists");
    assertEquals("0", exists.before(), exists.toString());
    assertEquals("1", exists.now(), exists.toString());
    assertEquals(IntegrityRow.Status.PASS, exists.status());
    assertEquals(0, ConsoleDriver.fx(() -> robot.lookup("#latency-chart").query().lookupAll(".breach-badge")
        .size()), "no breach badge inside the plot");

    robot.type(KeyCode.F12);
    ui.waitRun(RunState.ROLLED_BACK);
    ui.waitUntil("the integrity table after rollback", 10,
        () -> row(robot, "accounts keep every row").phase().equals("after rollback"));
    assertEquals(IntegrityRow.Status.PASS, row(robot, "accounts keep every row").status());
  }

  @Test
  void blockersNameTheSessionHoldingUpTheRun(FxRobot robot) throws Exception {
    readyToRun(robot, "scratch-pg", "Live panels behind a lock (ALTER waits)");

    try (Connection holder = scratch.connect()) {
      holder.setAutoCommit(false);
      long pid;
      try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT pg_backend_pid(), count(*) FROM accounts")) {
        rs.next();
        pid = rs.getLong(1);
      }
      stepForwardBlockedBy(robot, pid);
      BlockerRow blocker = blockers(robot).stream().filter(b -> b.pid() == pid).findFirst().orElseThrow();
      assertTrue(blocker.state().contains("idle in transaction"), blocker.toString());
      assertEquals("postgres", blocker.user());
      assertTrue(blocker.query().contains("FROM accounts"), blocker.toString());
      BlockerRow waiter = blockers(robot).stream().filter(b -> !b.blocker()).findFirst().orElseThrow();
      assertEquals("backstep", waiter.app());
      assertTrue(waiter.waitingFor().contains("accounts") && waiter.query().contains("ALTER TABLE"),
          waiter.toString());
      holder.rollback();
    }
    appliedAndNoLongerBlocked(robot);

    // the theme has a shortcut too
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
    ui.waitUntil("the dark theme", 10, () -> ui.text("#theme-toggle").contains("Light"));
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
    ui.waitUntil("the light theme again", 10, () -> ui.text("#theme-toggle").contains("Dark"));
  }

  @Test
  void reopeningAPlaybookShowsItsLastRunsChecksFromTheLedgerLabelledWithTheRun(FxRobot robot) {
    openOnScratch(robot, "Live panels re-read checks (quick step)");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    assertEquals(IntegrityRow.Status.PENDING, row(robot, "accounts keep every row").status(),
        "no run of this playbook on the target yet: pending");
    assertFalse(ConsoleDriver.fx(() -> ui.node("#integrity-source").isVisible()));
    robot.type(KeyCode.F8);
    ui.waitRun(RunState.APPLIED);
    IntegrityRow fresh = row(robot, "accounts keep every row");
    assertEquals(IntegrityRow.Status.PASS, fresh.status());
    assertFalse(fresh.fromLedger(), "values this console saw evaluated are not labelled as recorded");
    String change = java.util.regex.Pattern.compile("CHG-\\S+").matcher(ui.text("#run-summary")).results()
        .map(java.util.regex.MatchResult::group).findFirst().orElseThrow();

    // regression: opening the playbook again used to show its checks pending, as if never evaluated
    ui.select("#library", "Live panels behind a lock (ALTER waits)");
    ui.waitUntil("the other playbook open", 10, () -> integrity(robot).stream().noneMatch(
        r -> r.check().equals("accounts keep every row")));
    ui.select("#library", "Live panels re-read checks (quick step)");
    ui.waitUntil("the checks read back from the ledger", 30, () -> row(robot, "accounts keep every row").fromLedger());
    IntegrityRow kept = row(robot, "accounts keep every row");
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
        () -> row(robot, "accounts keep every row").phase().equals("after rollback"));
    assertFalse(row(robot, "accounts keep every row").fromLedger());
    assertEquals("", ui.text("#integrity-source"));
  }

  @Test
  void onMariaDbASessionHoldingTheRowTheRunWaitsForIsMarkedAsBlockingTheRun(FxRobot robot) throws Exception {
    readyToRun(robot, "scratch-maria", "Live panels behind a row lock (MariaDB)");

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
      stepForwardBlockedBy(robot, id);
      BlockerRow waiter = blockers(robot).stream().filter(b -> !b.blocker()).findFirst().orElseThrow();
      assertTrue(waiter.ownRun() && waiter.query().contains("UPDATE accounts"), waiter.toString());
      holder.rollback();
    }
    appliedAndNoLongerBlocked(robot);
  }

  /**
   * The blocker ended from the table: its menu names the session in a confirmation, the session is terminated, the
   * run goes on, and the ledger records what was done, by whom and when, as an event of the run it held up.
   */
  @Test
  void terminatingTheBlockerFromTheTableLetsTheRunGoOnAndIsRecorded(FxRobot robot) throws Exception {
    readyToRun(robot, "scratch-pg", "Live panels behind a lock (the blocker is terminated)");
    try (Connection holder = scratch.connect()) {
      holder.setAutoCommit(false);
      long pid;
      try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT pg_backend_pid(), count(*) FROM accounts")) {
        rs.next();
        pid = rs.getLong(1);
      }
      stepForwardBlockedBy(robot, pid);
      Node row = ConsoleDriver.fx(() -> robot.lookup("#blockers-table").query().lookupAll(".table-row-cell").stream()
          .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() instanceof BlockerRow b
              && b.pid() == pid).findFirst().orElseThrow());
      // the row's own menu, opened where it is (Monocle's robot does not raise context-menu events)
      ConsoleDriver.fx(() -> {
        ((javafx.scene.control.TableRow<?>) row).getContextMenu().show(row, javafx.geometry.Side.BOTTOM, 0, 0);
        return null;
      });
      ui.waitUntil("the row's menu", 10, () -> robot.lookup("Terminate session…").tryQuery().isPresent());
      robot.clickOn("Terminate session…");
      ui.waitUntil("the confirmation naming the session", 20, () -> robot.lookup("#blocker-confirm").tryQuery()
          .isPresent());
      String asked = ConsoleDriver.fx(() -> robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class)
          .getHeaderText());
      assertTrue(asked.contains("Terminate session pid " + pid + " (postgres"), asked);
      java.time.Instant from = java.time.Instant.now();
      robot.clickOn("#blocker-confirm");
      appliedAndNoLongerBlocked(robot);
      ui.waitUntil("the action's outcome", 60, () -> !ui.text("#blockers-action").isEmpty());
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
  void onMariaDbKillQueryThenKillFromTheTableAreConfirmedAndRecorded(FxRobot robot) throws Exception {
    readyToRun(robot, "scratch-maria", "Live panels behind a row lock (MariaDB, the blocker killed)");
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
      stepForwardBlockedBy(robot, id);

      endFromTheMenu(robot, id, "Cancel query…", "Cancel the statement of session pid " + id + " (root");
      // KILL QUERY: SLEEP() is interrupted (it returns 1); the session and its row lock stay, the run still waits
      String slept = sleeping.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(slept.equals("returned 1") || slept.contains("interrupted"), slept);
      assertTrue(holder.isValid(2), "KILL QUERY leaves the session");
      assertEquals(StepState.RUNNING, ui.state(0));
      assertTrue(blockers(robot).stream().anyMatch(b -> b.pid() == id && b.blocker()), "still blocking the run");

      endFromTheMenu(robot, id, "Terminate session…", "Terminate session pid " + id + " (root");
      appliedAndNoLongerBlocked(robot);
      assertFalse(holder.isValid(2), "KILL ended the session");
    } finally {
      sleeper.shutdownNow();
    }
    ui.waitUntil("both actions recorded", 60, () -> sessionsEnded(maria).size() == 2);
    List<String> details = sessionsEnded(maria);
    assertTrue(details.stream().anyMatch(d -> d.contains("\"action\":\"cancel\"") && d.contains("KILL QUERY ")
        && d.contains("\"done\":true")), details.toString());
    assertTrue(details.stream().anyMatch(d -> d.contains("\"action\":\"terminate\"") && d.matches(".*\"KILL \\d+\".*")
        && d.contains("\"done\":true")), details.toString());
  }

  /** Opens the blocker row's menu, picks {@code item}, checks the confirmation names the session, confirms. */
  private void endFromTheMenu(FxRobot robot, long pid, String item, String header) {
    Node row = ConsoleDriver.fx(() -> robot.lookup("#blockers-table").query().lookupAll(".table-row-cell").stream()
        .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() instanceof BlockerRow b
            && b.pid() == pid).findFirst().orElseThrow());
    ConsoleDriver.fx(() -> {
      ((javafx.scene.control.TableRow<?>) row).getContextMenu().show(row, javafx.geometry.Side.BOTTOM, 0, 0);
      return null;
    });
    ui.waitUntil("the row's menu", 10, () -> robot.lookup(item).tryQuery().isPresent());
    robot.clickOn(item);
    ui.waitUntil("the confirmation naming the session", 20, () -> robot.lookup("#blocker-confirm").tryQuery()
        .isPresent());
    String asked = ConsoleDriver.fx(() -> robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class)
        .getHeaderText());
    assertTrue(asked.contains(header), asked);
    robot.clickOn("#blocker-confirm");
    ui.waitUntil("the confirmation closed", 20, () -> robot.lookup("#blocker-confirm").tryQuery().isEmpty());
  }

  /** The details of the SESSION_ENDED events in a MariaDB target's ledger. */
  private static List<String> sessionsEnded(ScratchDb db) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT detail FROM backstep_event WHERE event_type = 'SESSION_ENDED' ORDER BY seq")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Opens a playbook on a target and passes preflight; the telemetry has sampled and nothing blocks. */
  private void readyToRun(FxRobot robot, String target, String playbookTitle) {
    openOn(robot, target, playbookTitle);
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    ui.waitUntil("telemetry sampling", 30, () -> points("#locks-chart", 0) >= 1);
    assertTrue(blockers(robot).isEmpty());
  }

  /** Steps forward into a lock held by session {@code holder}: it is listed and highlighted as blocking the run. */
  private void stepForwardBlockedBy(FxRobot robot, long holder) {
    robot.type(KeyCode.F8);
    ui.waitUntil("the test's session listed as blocking the run", 45, () -> blockers(robot).stream()
        .anyMatch(b -> b.pid() == holder && b.blocker() && b.ownRun()));
    assertTrue(ui.text("#blockers-summary").contains("THE RUN IS BLOCKED"), ui.text("#blockers-summary"));
    ui.waitUntil("the blocker's row highlighted", 10, () -> ui.rowsWith("#blockers-table", "own-run") >= 1);
    assertEquals(StepState.RUNNING, ui.state(0));
  }

  /** The lock released: the run goes on to applied and the list empties, the highlight with it. */
  private void appliedAndNoLongerBlocked(FxRobot robot) {
    ui.waitRun(RunState.APPLIED);
    ui.waitUntil("the list empty again", 30, () -> blockers(robot).isEmpty());
    assertFalse(ui.text("#blockers-summary").contains("BLOCKED"));
  }

  /** Points of one series of a chart. */
  private int points(String chart, int series) {
    return ConsoleDriver.fx(() -> {
      LineChart<?, ?> c = ui.node(chart);
      return c.getData().get(series).getData().size();
    });
  }

  private List<String> thresholds(String chart) {
    return ConsoleDriver.fx(() -> ((Node) ui.node(chart)).lookupAll(".threshold-label").stream()
        .map(n -> ((Label) n).getText()).toList());
  }

  private int lines(String chart) {
    return ConsoleDriver.fx(() -> (int) ((Node) ui.node(chart)).lookupAll(".threshold-line").stream()
        .filter(Node::isVisible).count());
  }

  @SuppressWarnings("unchecked")
  private static List<IntegrityRow> integrity(FxRobot robot) {
    return ConsoleDriver.fx(() -> List.copyOf(((TableView<IntegrityRow>) robot.lookup("#integrity-table").query())
        .getItems()));
  }

  private static IntegrityRow row(FxRobot robot, String check) {
    return integrity(robot).stream().filter(r -> r.check().equals(check)).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<BlockerRow> blockers(FxRobot robot) {
    return ConsoleDriver.fx(() -> List.copyOf(((TableView<BlockerRow>) robot.lookup("#blockers-table").query())
        .getItems()));
  }
}
