package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.state.RunState;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Targets from the UI: a PostgreSQL and a MariaDB scratch database added with the target dialog (tested first, a
 * password typed for one of them), written to targets.yaml without the password, then a playbook applied on each;
 * the MariaDB target is then edited (to production) and removed.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleTargetsIT {
  static final String TYPED = "typed-Secret-4711";
  static final String PLAYBOOK = """
      id: targets-added
      title: A table on a target added from the console
      %s
      steps:
        - id: add-table
          kind: sql
          title: Create a table
          forward: CREATE TABLE added_from_ui (id int)
          rollback: DROP TABLE added_from_ui
          verify:
            - sql: >
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = '${schema}' AND table_name = 'added_from_ui'
              expect: 1
      """;

  @TempDir
  static Path home;

  static Path playbooks;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @BeforeAll
  static void library() throws Exception {
    playbooks = Files.createDirectories(home.resolve("playbooks"));
    Files.writeString(playbooks.resolve("targets-added.yaml"), PLAYBOOK.formatted(LivePlaybooks.COMMON));
  }

  @Start
  void start(Stage s) {
    ui.open(s, home, playbooks);
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  @Test
  void targetsAddedFromTheConsoleRunAPlaybookOnPostgresAndMariaDb(FxRobot robot) throws Exception {
    Path file = home.resolve("targets.yaml");
    try (ScratchDb pg = ScratchDb.create(ScratchDb.Kind.POSTGRES);
        ScratchDb maria = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      ui.waitUntil("the sandbox connected", 180, () -> ui.text("#status-connection").contains("connected"));
      // started from the console's connect thread, the sandbox's server runs below the FX thread's priority
      String postmaster = Files.readAllLines(home.resolve("sandbox/pgdata/postmaster.pid")).get(0).trim();
      org.junit.jupiter.api.Assertions.assertEquals(ConsoleThreads.BACKGROUND_NICE,
          ConsoleThreadsTest.niceOf(Files.readString(Path.of("/proc", postmaster, "stat"))));

      add(robot, "pg-added", pg.url(), pg.user(), TYPED); // trust authentication: the typed password is not needed
      String yaml = Files.readString(file);
      assertTrue(yaml.contains("pg-added:") && yaml.contains(pg.url()) && yaml.contains("environment: staging"), yaml);
      assertFalse(yaml.contains(TYPED), "no password in the file:\n" + yaml);
      applyOn("pg-added", robot);

      add(robot, "maria-added", maria.url(), maria.user(), null);
      applyOn("maria-added", robot);
      yaml = Files.readString(file);
      assertTrue(yaml.contains("pg-added:") && yaml.contains("maria-added:") && yaml.contains(maria.url()), yaml);
      assertFalse(yaml.contains(TYPED), yaml);

      // edit: maria-added becomes a production target; then remove it
      robot.clickOn("#target-edit");
      ui.waitUntil("the edit dialog", 20, () -> robot.lookup("#target-environment").tryQuery().isPresent());
      ConsoleDriver.fx(() -> {
        ChoiceBox<backstep.db.EnvironmentClass> env = ui.node("#target-environment");
        env.setValue(backstep.db.EnvironmentClass.PRODUCTION);
        return null;
      });
      robot.clickOn("#target-save");
      ui.waitUntil("maria-added as production", 60, () -> ui.text("#current-environment").contains("PRODUCTION"));
      assertTrue(Files.readString(file).contains("environment: production"), Files.readString(file));
      robot.clickOn("#target-remove");
      ui.waitUntil("the confirmation naming the target", 20, () -> robot.lookup("Remove target maria-added?")
          .tryQuery().isPresent());
      robot.clickOn("OK");
      ui.waitUntil("maria-added removed", 30, () -> !Files.readString(file).contains("maria-added")
          && ui.text("#current-target").equals("sandbox"));
      assertTrue(Files.readString(file).contains("pg-added:"), Files.readString(file));
      backstep.db.Targets.load(file); // still a file the CLI reads
    }
  }

  /** Adds a target with the dialog: fields typed, the connection tested, then saved (it becomes current). */
  private void add(FxRobot robot, String name, String url, String user, String password) {
    robot.clickOn("#target-add");
    ui.waitUntil("the target dialog", 20, () -> robot.lookup("#target-name").tryQuery().isPresent());
    ConsoleDriver.fx(() -> {
      ((TextInputControl) ui.node("#target-name")).setText(name);
      ((TextInputControl) ui.node("#target-url")).setText(url);
      ((TextInputControl) ui.node("#target-user")).setText(user);
      if (password != null) {
        ((TextInputControl) ui.node("#target-password")).setText(password);
      }
      return null;
    });
    robot.clickOn("#target-test");
    ui.waitUntil("the connection tested", 60, () -> ui.text("#target-result").startsWith("✔ connected"));
    robot.clickOn("#target-save");
    ui.waitUntil(name + " current and connected", 60, () -> ui.text("#status-connection")
        .contains(name + " · connected"));
  }

  private void applyOn(String target, FxRobot robot) {
    ui.select("#library", "A table on a target added from the console");
    robot.clickOn("#tab-run");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight on " + target, 60, () -> ui.enabled("#run-to-end"));
    robot.clickOn("#run-to-end");
    ui.answer("#confirm-ok"); // staging asks once
    ui.waitRun(RunState.APPLIED);
  }
}
