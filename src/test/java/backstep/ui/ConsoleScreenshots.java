package backstep.ui;

import backstep.engine.RunState;
import backstep.engine.StepState;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: a scripted tour that writes docs/screenshots/*.png. Run it under a real display, e.g.
 * {@code xvfb-run -a -s "-screen 0 1440x900x24" mvn test -Dtest=ConsoleScreenshots -Dheadless=false
 * -Dsurefire.failIfNoSpecifiedTests=false}. (Its name ends in neither Test nor IT, so CI does not run it.)
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleScreenshots {
  private static final Path OUT = Path.of("docs/screenshots");

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
    Files.writeString(playbooks.resolve("widen-order-total.yaml"), """
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
        """);
    Files.createDirectories(OUT);
    prod = ScratchDb.create(ScratchDb.Kind.POSTGRES);
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
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  private void capture(FxRobot robot, String name) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    Rectangle2D screen = ConsoleDriver.fx(() -> Screen.getPrimary().getBounds());
    Image img = robot.capture(screen).getImage();
    PixelReader px = img.getPixelReader();
    int w = (int) img.getWidth();
    int h = (int) img.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(x, y, px.getArgb(x, y));
      }
    }
    ImageIO.write(out, "png", OUT.resolve(name + ".png").toFile());
  }

  @Test
  void tour(FxRobot robot) throws Exception {
    if (ui.text("#status-connection").contains("starting sandbox")) {
      capture(robot, "starting-sandbox");
    }
    ui.waitForSandbox();
    robot.clickOn("Add customers.email_verified (expand/contract)");
    robot.moveTo("#library-filter");
    capture(robot, "library");

    robot.clickOn("widen-order-total.yaml");
    capture(robot, "playbook-problems");

    robot.clickOn("Add customers.email_verified (expand/contract)");
    robot.clickOn("#tab-run");
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
    robot.clickOn("Flag: email_verified_enabled");
    robot.moveTo("#step-forward");
    capture(robot, "run-in-progress");
    robot.clickOn("#run-to-end");
    ui.waitRun(RunState.APPLIED);
    robot.moveTo("#rollback");
    capture(robot, "run-applied");

    robot.type(KeyCode.F12);
    ui.answer("#manual-done");
    ui.waitRun(RunState.ROLLED_BACK);

    robot.clickOn("Unique customer name key (fails midway on purpose)");
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
        .query()).getItems().size() == 2);
    robot.clickOn("add-email-verified v3");
    ui.waitUntil("ledger steps", 20, () -> ((javafx.scene.control.TableView<?>) robot.lookup("#ledger-steps")
        .query()).getItems().size() == 6);
    capture(robot, "ledger");

    robot.clickOn("#theme-toggle");
    robot.clickOn("#tab-run");
    robot.clickOn("Add customers.email_verified (expand/contract)");
    capture(robot, "run-dark");
    robot.clickOn("#theme-toggle");

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
  }
}
