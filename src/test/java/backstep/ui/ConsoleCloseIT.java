package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.state.StepState;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A DBA closes the console's window while a run is still going on the sandbox: the engine goes on emitting the
 * run's events (the step in progress fails as its database closes, the run ends, the shell refreshes) after every
 * pool of the console has shut down. Those late events must be dropped quietly: no exception on any thread, no
 * stack trace printed. Regression: in the two-JVM console lane DrillViewFitIT met a
 * {@code RejectedExecutionException} thrown on the FX thread by a closed console's pool.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleCloseIT {
  @TempDir
  static Path home;

  /** The threads of the console's own pools (ConsoleApp: ConsoleThreads.pool and background). */
  private static final java.util.regex.Pattern POOLS = java.util.regex.Pattern.compile(
      "backstep-(engine|io|history|connect|drill-io|ledger-notes)-\\d+");

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @Start
  void start(Stage stage) throws Exception {
    Path playbooks = Files.createDirectories(home.resolve("playbooks"));
    StringBuilder steps = new StringBuilder();
    for (int i = 1; i <= 8; i++) {
      steps.append("""
            - id: wait-%d
              kind: sql
              title: Wait a second (%d)
              forward: SELECT pg_sleep(1)
              rollback: SELECT 1
          """.formatted(i, i));
    }
    Files.writeString(playbooks.resolve("close-mid-run.yaml"), """
        id: close-mid-run
        title: Eight slow steps, closed mid-run
        %s
        steps:
        %s""".formatted(LivePlaybooks.COMMON, steps));
    Files.writeString(playbooks.resolve("picked-after-close.yaml"), """
        id: picked-after-close
        title: Picked after the window closed
        %s
        steps:
          - id: one
            kind: sql
            title: One statement
            forward: SELECT 1
            rollback: SELECT 1
        """.formatted(LivePlaybooks.COMMON));
    ui.open(stage, home, playbooks);
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  @Test
  void aConsoleClosedMidRunDropsTheRunsLateEventsQuietly(FxRobot robot) throws Exception {
    ui.waitForSandbox();
    ui.select("#library", "Eight slow steps");
    robot.clickOn("#tab-run");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 60, () -> ui.enabled("#run-to-end"));
    robot.clickOn("#run-to-end");
    ui.waitUntil("the run past its first step", 60, () -> ui.state(0) == StepState.APPLIED);

    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.UncaughtExceptionHandler fxBefore = ConsoleDriver.fx(
        () -> Thread.currentThread().getUncaughtExceptionHandler());
    Thread.UncaughtExceptionHandler catcher = (t, e) -> uncaught.add(e);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream err = System.err;
    List<Thread> consoleThreads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && POOLS.matcher(t.getName()).matches()).toList();
    Thread.setDefaultUncaughtExceptionHandler(catcher);
    ConsoleDriver.fx(() -> {
      Thread.currentThread().setUncaughtExceptionHandler(catcher);
      return null;
    });
    System.setErr(new PrintStream(new Tee(err, printed), true, StandardCharsets.UTF_8));
    try {
      ui.close(); // as the window's close: the UI stops, every target closes, then every pool shuts down
      for (Thread t : consoleThreads) {
        t.join(TimeUnit.SECONDS.toMillis(60)); // the closed console's last tasks are over
      }
      WaitForAsyncUtils.waitForFxEvents(); // and what they handed the FX thread has run
      // a late event of the closed window on the FX thread: a playbook picked, which hands its lint to the closed
      // console's pool (session 10's DrillViewFitIT met such a task rejected by a shut-down pool)
      javafx.application.Platform.runLater(() -> robot.lookup("#library")
          .<javafx.scene.control.ListView<?>>query().getSelectionModel().select(1));
      WaitForAsyncUtils.waitForFxEvents();
    } finally {
      System.setErr(err);
      Thread.setDefaultUncaughtExceptionHandler(before);
      ConsoleDriver.fx(() -> {
        Thread.currentThread().setUncaughtExceptionHandler(fxBefore);
        return null;
      });
    }
    assertEquals(List.of(), consoleThreads.stream().filter(Thread::isAlive).map(Thread::getName).toList(),
        "the closed console's threads end");
    assertEquals(List.of(), uncaught.stream().map(Throwable::toString).toList(),
        "no exception escapes a thread after the console closed mid-run");
    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(List.of(), text.lines().filter(l -> l.contains("Exception") || l.startsWith("\tat ")).toList(),
        "no stack trace printed after the console closed mid-run:\n" + text);
  }

  /** Writes to both streams: what the closed console prints is kept, and still shown. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
