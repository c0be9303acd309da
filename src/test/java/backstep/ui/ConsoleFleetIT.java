package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
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
 * The console's fleet page on a fleet run that failed on member 3 (PostgreSQL and MariaDB members, a PostgreSQL
 * central ledger): the grid shows every member with its state, the canary marked, the all-or-none decision in the
 * banner; a member's tile says its error; "Open its run" shows that member's run in the ledger page. Writes
 * docs/screenshots/sizes/fleet-1280x800.png and fleet-1440x900.png when run on a real, large enough screen
 * ({@code xvfb-run -a -s "-screen 0 1920x1080x24"} with {@code -Dheadless=false}); headless (the suite), under
 * target/screenshots/sizes, so a suite run leaves the docs as they are.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleFleetIT {
  /** The docs' pictures under a real screen (-Dheadless=false); under Monocle's headless screen, target/ only. */
  private static final Path OUT = Boolean.parseBoolean(System.getProperty("testfx.headless", "true"))
      ? Path.of("target/screenshots/sizes") : Path.of("docs/screenshots/sizes");
  private static final List<ScratchDb> DBS = new ArrayList<>();

  /**
   * Removed by {@link #drop} as far as it can be: the console's sandbox may still be starting in it when the test
   * ends (JUnit's own clean-up then failed the class on files written during the deletion).
   */
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
  static Path home;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());
  private Stage stage;

  @BeforeAll
  static void fleetThatRolledBack() throws Exception {
    ScratchDb central = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    DBS.add(central);
    StringBuilder y = new StringBuilder("ledger: central\ntargets:\n  central:\n    url: " + central.url()
        + "\n    user: postgres\n    environment: staging\n");
    for (int i = 1; i <= 4; i++) {
      ScratchDb m = ScratchDb.create(i % 2 == 1 ? ScratchDb.Kind.POSTGRES : ScratchDb.Kind.MARIADB);
      m.exec("CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(40))", "INSERT INTO accounts VALUES (1, 'a')");
      DBS.add(m);
      y.append("  m").append(i).append(":\n    url: ").append(m.url()).append("\n    user: ").append(m.user())
          .append("\n    environment: sandbox\n");
    }
    y.append("groups:\n  tenants:\n    members: [m1, m2, m3, m4]\n    canary: [m1]\n    wave_size: 2\n");
    Files.writeString(home.resolve("targets.yaml"), y.toString());
    Path pb = home.resolve("tier.yaml");
    Files.writeString(pb, """
        id: account-tier
        title: Add accounts.tier
        intent: give every account a tier
        steps:
          - id: add-tier
            kind: sql
            title: Add a nullable tier column
            forward: ALTER TABLE accounts ADD COLUMN tier INT
            rollback: ALTER TABLE accounts DROP COLUMN tier
        """);
    DBS.get(3).exec("ALTER TABLE accounts ADD COLUMN tier INT"); // m3 fails: the column is there already
    Cli.Result r = Cli.run("fleet", "apply", pb.toString(), "--group", "tenants", "--yes", "--targets",
        home.resolve("targets.yaml").toString());
    assertEquals(1, r.exit(), r::toString);
    Files.createDirectories(home.resolve("playbooks"));
    Files.createDirectories(OUT);
  }

  @AfterAll
  static void drop() throws SQLException {
    for (ScratchDb db : DBS) {
      db.close();
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
      // best effort: a sandbox still starting may hold files; /tmp is cleaned by the system
    }
  }

  @Start
  void start(Stage s) {
    stage = s;
    ui.open(s, home, home.resolve("playbooks"));
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  private List<String> tileClasses(String member) {
    return ConsoleDriver.fx(() -> List.copyOf(ui.<Node>node("#member-" + member).getStyleClass()));
  }

  private String tileText(String member) {
    return ConsoleDriver.fx(() -> String.join(" | ", ui.<javafx.scene.layout.VBox>node("#member-" + member)
        .getChildren().stream().map(n -> ((Label) n).getText()).toList()));
  }

  @Test
  void theGridShowsEveryMemberTheCanaryAndTheAllOrNoneDecisionAndOpensAMembersRun(FxRobot robot)
      throws Exception {
    robot.clickOn("#tab-fleet");
    ui.waitUntil("the fleet run read", 60, () -> ui.text("#fleet-decision").startsWith("ALL OR NONE"));
    assertTrue(ui.text("#fleet-decision").contains("every member that moved was rolled back: member m3 failed"),
        ui.text("#fleet-decision"));
    assertTrue(tileClasses("m1").contains("canary"), tileClasses("m1")::toString);
    assertTrue(tileText("m1").startsWith("1  m1 | CANARY · wave 0 | ROLLED BACK | step: add-tier"), tileText("m1"));
    assertTrue(tileText("m1").endsWith("guards: quiet"), tileText("m1"));
    assertTrue(tileText("m3").contains("| ROLLED BACK |"), tileText("m3"));
    assertTrue(tileText("m4").contains("wave 2 | NOT STARTED | step: —"), tileText("m4"));
    assertTrue(!tileClasses("m2").contains("canary"));
    robot.clickOn("#member-m3");
    ui.waitUntil("m3's detail", 10, () -> ui.text("#fleet-member-detail").contains("error: its run"));
    assertTrue(ui.text("#fleet-member-detail").contains("tier"), ui.text("#fleet-member-detail"));
    for (int[] size : new int[][] {{1280, 800}, {1440, 900}}) {
      ui.sizeWindow(stage, size[0], size[1]);
      ConsoleDriver.writePng(robot.capture(new Rectangle2D(stage.getX(), stage.getY(), size[0], size[1]))
          .getImage(), OUT.resolve("fleet-" + size[0] + "x" + size[1] + ".png"));
    }
    robot.clickOn("#fleet-open-run");
    ui.waitUntil("m3's run in the ledger page", 60, () -> ConsoleDriver.fx(() -> {
          javafx.scene.control.TableView<?> runs = ui.node("#ledger-runs");
          Object sel = runs.getSelectionModel().getSelectedItem();
          return sel instanceof backstep.ledger.RunRecord r && r.target().equals("m3");
        }));
  }
}
