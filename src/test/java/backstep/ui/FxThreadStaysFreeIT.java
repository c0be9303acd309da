package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.state.RunState;
import backstep.state.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
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
 * Regression guard for "the UI freezes while the database works": a step that sleeps 5 s in PostgreSQL
 * (pg_sleep) runs while the test keeps typing into the window, and an AnimationTimer on the FX thread keeps
 * counting frames; the longest gap between two frames stays far below the 5 s the database is busy.
 */
@ExtendWith(ApplicationExtension.class)
class FxThreadStaysFreeIT {
  private static final String SLOW = """
      id: slow-step
      title: Slow step (pg_sleep 5 s)
      version: 1
      owners: [console-tests]
      intent: Keep the database busy for five seconds, to prove the console stays responsive.
      minimum_viable_change: One empty table.
      blast_radius:
        - system: nothing
          impact: a scratch table in a throwaway sandbox
      success_criteria: [the window answers while the step runs]
      remediation: Roll back drops the table.
      expected:
        after_forward: table slow_probe exists
        after_rollback: no table slow_probe
      steps:
        - id: slow-create
          kind: sql
          title: Create a table, then sleep 5 s
          forward:
            postgresql: |
              CREATE TABLE slow_probe (id int);
              SELECT pg_sleep(5)
          rollback:
            postgresql: DROP TABLE slow_probe
          verify:
            - sql: >
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = '${schema}' AND table_name = 'slow_probe'
              expect: 1
      """;

  @TempDir
  static Path home;

  static Path playbooks;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong lastFrame = new AtomicLong();
  private final AtomicLong longestGap = new AtomicLong();
  private AnimationTimer pulse;

  @BeforeAll
  static void writePlaybook() throws Exception {
    playbooks = Files.createDirectories(home.resolve("playbooks"));
    Files.writeString(playbooks.resolve("slow-step.yaml"), SLOW);
    Files.writeString(playbooks.resolve("another.yaml"), SLOW.replace("id: slow-step", "id: another")
        .replace("title: Slow step", "title: Another step"));
  }

  @Start
  void start(Stage stage) {
    ui.open(stage, home, playbooks);
    pulse = new AnimationTimer() {
      @Override
      public void handle(long now) {
        long before = lastFrame.getAndSet(now);
        if (before != 0) {
          longestGap.accumulateAndGet(now - before, Math::max);
        }
        frames.incrementAndGet();
      }
    };
  }

  @AfterEach
  void close() throws Exception {
    ConsoleDriver.fx(() -> {
      pulse.stop();
      return null;
    });
    ui.close();
  }

  @Test
  void theWindowKeepsAnsweringWhileTheDatabaseSleeps(FxRobot robot) {
    ui.waitForSandbox();
    robot.clickOn("Slow step (pg_sleep 5 s)");
    robot.clickOn("#tab-run");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 30, () -> ui.enabled("#step-forward"));

    robot.clickOn("#step-forward");
    ui.waitUntil("the slow step to be running", 20, () -> ui.state(0) == StepState.RUNNING);
    ConsoleDriver.fx(() -> {
      lastFrame.set(0);
      longestGap.set(0);
      pulse.start();
      return null;
    });
    long start = System.nanoTime();
    long framesAtStart = frames.get();

    // while PostgreSQL sleeps: type into the library filter, switch tabs and back
    robot.clickOn("#library-filter").write("another");
    ui.waitUntil("the library filtered", 5, () -> ((ListView<?>) robot.lookup("#library").query()).getItems()
        .size() == 1);
    robot.clickOn("#tab-playbook");
    robot.clickOn("#tab-run");
    assertEquals(StepState.RUNNING, ui.state(0), "the interaction happened while the step was still running");
    assertEquals("another", ConsoleDriver.fx(() -> ((TextField) robot.lookup("#library-filter").query()).getText()));
    long framesDuringInteraction = frames.get() - framesAtStart;

    ui.waitRun(RunState.APPLIED);
    long busyMs = (System.nanoTime() - start) / 1_000_000;
    long total = frames.get() - framesAtStart;
    long gapMs = longestGap.get() / 1_000_000;
    assertTrue(busyMs >= 3500, "the step kept the database busy (" + busyMs + " ms)");
    assertTrue(framesDuringInteraction > 10, "frames while typing: " + framesDuringInteraction);
    assertTrue(total > busyMs / 1000 * 10, total + " frames in " + busyMs + " ms");
    assertTrue(gapMs < 1000, "longest pause of the FX thread while the database slept: " + gapMs + " ms");
  }
}
