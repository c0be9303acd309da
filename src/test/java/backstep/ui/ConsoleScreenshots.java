package backstep.ui;

import backstep.state.RunState;
import backstep.state.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import backstep.testing.ScratchDb;
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
 * Not a test: a scripted tour that writes docs/screenshots/*.png, the window as large as the screen. Run it under
 * a real display, e.g. {@code xvfb-run -a -s "-screen 0 1440x900x24" mvn test -Dtest=ConsoleScreenshots
 * -Dheadless=false -Dsurefire.failIfNoSpecifiedTests=false}; under a screen of another size (1280x800, 1920x1080)
 * it writes docs/screenshots/sizes/tour-NAME-WxH.png. Each view light and dark (NAME-dark). (Its name ends in neither
 * Test nor IT, so CI does not run it.)
 */
@ExtendWith(ApplicationExtension.class)
public class ConsoleScreenshots {
  private static final Path OUT = Path.of("docs/screenshots");

  /** A guarded change whose second step holds customers for 25 s: the canary waits, the charts show it. */
  private static final String LIVE_DEMO = """
      id: customer-notes-demo
      title: Add customers.notes with a slow backfill (live panels demo)
      version: 1
      owners: [ana.dba@example.com]
      intent: Free-text notes per customer for the support team.
      minimum_viable_change: One nullable column, backfilled with a default.
      blast_radius:
        - system: support dashboard
          impact: reads customers; blocked while the backfill holds the table
      success_criteria: [every customer row kept, notes filled]
      remediation: Roll back drops the column.
      expected:
        after_forward: customers.notes filled for every row
        after_rollback: no customers.notes
      telemetry: {interval: 1s, baseline: 3s}
      canary: SELECT count(*) FROM customers
      guards:
        - metric: canary_ms
          aggregate: p95
          above: 400
          window: 4s
          action: alert
        - metric: probe_ms
          aggregate: p95
          above: 250
          window: 5s
          action: pause
        - metric: lock_waiters
          aggregate: latest
          above: 3
          window: 5s
          action: pause
      checks:
        - name: customers keep every row
          row_count: customers
          expect_same_as: before
          when: [after_step, after_forward, after_rollback]
        - name: customer data unchanged after rollback
          checksum: customers
          expect_same_as: before
          when: [after_rollback]
        - name: emails stay unique
          duplicates: customers(email)
        - name: no orphan orders
          orphans: all
          when: [before, after_forward, after_rollback]
        - name: every customer has notes
          nulls: customers.notes
          when: [after_forward]
      steps:
        - id: add-notes
          kind: sql
          title: Add nullable column customers.notes
          forward: ALTER TABLE customers ADD COLUMN notes text
          rollback: ALTER TABLE customers DROP COLUMN notes
          verify:
            - sql: >
                SELECT count(*) FROM information_schema.columns
                WHERE table_schema = '${schema}' AND table_name = 'customers' AND column_name = 'notes'
              expect: 1
        - id: backfill-notes
          kind: sql
          title: Backfill notes (holds the table for 25 s)
          forward:
            postgresql: |
              ALTER TABLE customers ALTER COLUMN notes SET DEFAULT '';
              UPDATE customers SET notes = '' WHERE notes IS NULL;
              SELECT pg_sleep(25)
          rollback:
            postgresql: |
              SELECT 1;
              ALTER TABLE customers ALTER COLUMN notes DROP DEFAULT;
              UPDATE customers SET notes = NULL
          verify:
            - sql: SELECT count(*) FROM customers WHERE notes IS NULL
              expect: 0
      """;

  /** A playbook with three problems, the tour's playbook-problems picture (and its fit test's file). */
  public static final String BROKEN = """
      # A playbook with mistakes, to show how the console reports them.
      id: widen-order-total
      title: Widen orders.total to numeric(14,2)
      version: 1
      owners: [ana.dba@example.com]
      intent: Orders above 10 million overflow numeric(10,2).
      steps:
        - id: widen
          kind: sql
          title: Widen the column
          forward: ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2)
          verify:
            - sql: SELECT numeric_precision FROM information_schema.columns WHERE column_name = 'total'
              expect: 14
          guards:
            lock_timout: 500ms
        - id: announce
          kind: manul
          title: Tell finance
      """;

  /**
   * A production change whose ALTER TABLE waits behind a session the tour holds open; for 60 s at most, which leaves
   * the tour time to capture it light and dark on a loaded machine (at 30 s the dark one showed it aborted).
   */
  private static final String BLOCKED_DEMO = """
      id: accounts-note-demo
      title: Add accounts.note (waits behind an open transaction)
      version: 1
      owners: [ana.dba@example.com]
      intent: A free-text note per account.
      minimum_viable_change: One nullable column.
      blast_radius:
        - system: billing
          impact: its open transactions on accounts block the ALTER
      success_criteria: [every account row kept]
      remediation: Roll back drops the column.
      expected:
        after_forward: accounts.note exists
        after_rollback: no accounts.note
      checks:
        - name: accounts keep every row
          row_count: accounts
          expect_same_as: before
          when: [after_step, after_forward, after_rollback]
      steps:
        - id: add-note
          kind: sql
          title: Add nullable column accounts.note
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

  @TempDir
  static Path home;

  static Path playbooks;

  /** A throwaway database on the local PostgreSQL, posing as a production target (dropped at the end). */
  static ScratchDb prod;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @BeforeAll
  static void library() throws Exception {
    playbooks = Files.createDirectories(home.resolve("playbooks"));
    try (Stream<Path> s = Files.list(Path.of("playbooks"))) {
      for (Path p : s.toList()) {
        Files.copy(p, playbooks.resolve(p.getFileName()));
      }
    }
    Files.writeString(playbooks.resolve("widen-order-total.yaml"), BROKEN);
    Files.writeString(playbooks.resolve("customer-notes-demo.yaml"), LIVE_DEMO);
    Files.createDirectories(OUT);
    prod = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    prod.exec("CREATE TABLE accounts (id int PRIMARY KEY, owner text)",
        "INSERT INTO accounts SELECT g, 'owner ' || g FROM generate_series(1, 250) g");
    Files.writeString(playbooks.resolve("accounts-note-demo.yaml"), BLOCKED_DEMO);
    Files.writeString(home.resolve("targets.yaml"), """
        targets:
          prod-orders:
            url: %s
            user: postgres
            environment: production
        """.formatted(prod.url()));
  }

  @AfterAll
  static void dropProd() throws Exception {
    if (prod != null) {
      prod.close();
    }
  }

  @Start
  void start(Stage stage) {
    ui.open(stage, home, playbooks);
    ConsoleDriver.fillScreen(stage);
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  /** The screen as {@code name} and, in the dark theme, {@code name-dark}. */
  private void capture(FxRobot robot, String name) throws Exception {
    ui.captureLightAndDark(OUT, name);
  }

  /** A run in progress: the slow step holds customers, the canary waits, the charts and blockers show it. */
  private void liveDemo(FxRobot robot) throws Exception {
    ui.select("#library", "Add customers.notes with a slow backfill (live panels demo)");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#run-to-end"));
    robot.clickOn("#run-to-end");
    ui.waitUntil("the backfill running", 60, () -> ui.state(1) == StepState.RUNNING);
    robot.clickOn("Backfill notes (holds the table for 25 s)");
    robot.moveTo("#pause");
    // The support dashboard of the playbook's blast radius reads customers on a session of its own and waits
    // behind the backfill: the blockers table lists it and the run's session that holds it up. The sampler's own
    // canary waits too, but gives up at its lock timeout before the lock inspector reads (and is its own session,
    // never listed): waiting for it to be listed failed the tour in seven of nine runs in session 11.
    try (java.sql.Connection dashboard = java.sql.DriverManager.getConnection(sandboxUrl(), "postgres", "")) {
      java.sql.Statement st = dashboard.createStatement();
      st.execute("SET application_name = 'support-dashboard'");
      st.execute("SET lock_timeout = '60s'");
      java.util.concurrent.CompletableFuture<Void> read = java.util.concurrent.CompletableFuture.runAsync(() -> {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM customers")) {
          rs.next();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      ui.waitUntil("the canary breach on the chart and the dashboard listed as waiting", 30, () -> ConsoleDriver.fx(
          () -> robot.lookup("#latency-chart").query().getParent().getPseudoClassStates().stream()
              .anyMatch(p -> p.getPseudoClassName().equals("breached"))
          && ((javafx.scene.control.TableView<?>) robot.lookup("#blockers-table").query()).getItems().size() >= 2));
      capture(robot, "run-in-progress");
      ui.waitRun(RunState.APPLIED);
      read.get(60, java.util.concurrent.TimeUnit.SECONDS); // the backfill committed: the dashboard read its count
    }
    robot.type(KeyCode.F12);
    ui.waitRun(RunState.ROLLED_BACK);
  }

  /** The console's sandbox, from its server's postmaster.pid under the home (its port is picked at each start). */
  private static String sandboxUrl() throws java.io.IOException {
    try (Stream<Path> s = Files.walk(home)) {
      Path pid = s.filter(p -> p.getFileName().toString().equals("postmaster.pid")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no sandbox server running under " + home));
      return "jdbc:postgresql://localhost:" + Files.readAllLines(pid).get(3).strip() + "/"
          + backstep.db.Sandbox.DATABASE;
    }
  }

  @Test
  void tour(FxRobot robot) throws Exception {
    if (ui.text("#status-connection").contains("starting sandbox")) {
      ui.captureScreen(ConsoleDriver.screenFile(OUT, "starting-sandbox")); // light only: it is over in seconds
    }
    ui.waitForSandbox();
    ui.select("#library", "Add customers.email_verified (expand/contract)");
    robot.moveTo("#library-filter");
    capture(robot, "library");

    ui.select("#library", "widen-order-total.yaml");
    capture(robot, "playbook-problems");

    ui.select("#library", "Add customers.email_verified (expand/contract)");
    // the page is filled in place a few frames after the pick (PlaybookSheet): a click before that went nowhere
    ui.waitUntil("the playbook view", 10, () -> ui.text("#playbook-title").startsWith("Add customers"));
    robot.clickOn("#tab-run");
    ui.waitUntil("preflight offered", 10, () -> ui.enabled("#preflight"));
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    robot.type(KeyCode.F8);
    ui.waitUntil("manual dialog", 30, () -> robot.lookup("#manual-done").tryQuery().isPresent());
    capture(robot, "manual-dialog");
    robot.clickOn("#manual-done");
    ui.waitIdleWithStep(0, StepState.APPLIED);
    robot.type(KeyCode.F8);
    ui.waitIdleWithStep(1, StepState.APPLIED);
    robot.type(KeyCode.F8);
    ui.waitIdleWithStep(2, StepState.APPLIED);
    robot.type(KeyCode.F8);
    ui.waitUntil("gate dialog", 30, () -> robot.lookup("#gate-reason").tryQuery().isPresent());
    robot.clickOn("#gate-reason").write("backfill verified: 0 NULLs");
    capture(robot, "gate-dialog");
    robot.clickOn("#gate-approve");
    ui.waitIdleWithStep(3, StepState.APPLIED);
    robot.clickOn("#run-to-end");
    ui.waitRun(RunState.APPLIED);
    robot.moveTo("#rollback");
    capture(robot, "run-applied");

    robot.type(KeyCode.F12);
    ui.answer("#manual-done");
    ui.waitRun(RunState.ROLLED_BACK);

    liveDemo(robot);

    ui.select("#library", "Unique customer name key (fails midway on purpose)");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#run-to-end"));
    robot.clickOn("#run-to-end");
    ui.waitRun(RunState.FAILED);
    robot.moveTo("#rollback");
    capture(robot, "run-failed");
    robot.clickOn("#rollback");
    ui.waitRun(RunState.ROLLED_BACK);

    robot.clickOn("#tab-ledger");
    ui.waitUntil("ledger rows", 20, () -> ((javafx.scene.control.TableView<?>) robot.lookup("#ledger-runs")
        .query()).getItems().size() == 3);
    robot.clickOn("add-email-verified v3");
    ui.waitUntil("ledger steps", 20, () -> ((javafx.scene.control.TableView<?>) robot.lookup("#ledger-steps")
        .query()).getItems().size() == 6);
    ConsoleDriver.fx(() -> {
      javafx.scene.control.TableView<?> events = robot.lookup("#ledger-events").query();
      events.getSelectionModel().select(events.getItems().size() - 1); // the run's end: its form under the table
      return null;
    });
    capture(robot, "ledger");

    ui.theme(true);
    robot.clickOn("#tab-run");
    ui.select("#library", "Add customers.email_verified (expand/contract)");
    ui.captureScreen(ConsoleDriver.screenFile(OUT, "run-dark"));
    ui.theme(false);

    // a production target: the top bar turns red, and a change needs the target's name typed
    robot.clickOn("prod-orders");
    ui.waitUntil("prod-orders connected", 30, () -> ui.text("#status-connection").contains("prod-orders · connected")
        && ui.text("#status-ledger").contains("chain"));
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    robot.type(KeyCode.F8);
    ui.waitUntil("confirmation dialog", 30, () -> robot.lookup("#confirm-cancel").tryQuery().isPresent());
    robot.clickOn("#confirm-target-name").write("prod-ord");
    capture(robot, "production-confirm");
    robot.clickOn("#confirm-cancel");
    ui.waitUntil("declined", 30, () -> ui.idle() && ui.text("#run-error").contains("not confirmed"));

    blockedRun(robot);
  }

  /** On production: another session's open transaction holds up the step; the blockers list says who. */
  private void blockedRun(FxRobot robot) throws Exception {
    ui.select("#library", "Add accounts.note (waits behind an open transaction)");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));
    try (java.sql.Connection holder = prod.connect()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("SET application_name = 'billing-worker'");
      holder.createStatement().executeQuery("SELECT count(*) FROM accounts WHERE owner LIKE 'owner 1%'").close();
      robot.type(KeyCode.F8);
      ui.waitUntil("confirmation dialog", 30, () -> robot.lookup("#confirm-ok").tryQuery().isPresent());
      robot.clickOn("#confirm-target-name").write("prod-orders");
      robot.clickOn("#confirm-approver").write("ben");
      robot.clickOn("#confirm-reason").write("ticket OPS-4121");
      robot.clickOn("#confirm-ok");
      ui.waitUntil("the run's ALTER listed as blocked", 60, () -> ui.rowsWith("#blockers-table", "own-run") >= 1);
      ui.waitUntil("the wait on the locks chart", 20, () -> ConsoleDriver.fx(() -> ((javafx.scene.chart.LineChart<?, ?>)
          robot.lookup("#locks-chart").query()).getData().get(1).getData().stream()
          .anyMatch(d -> ((Number) d.getYValue()).doubleValue() >= 2)));
      robot.moveTo("#rollback");
      capture(robot, "run-blocked");
      holder.rollback();
    }
    ui.waitUntil("the run over", 60, ui::idle);
  }
}
