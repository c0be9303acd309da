package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.testing.Await;
import backstep.ui.NewNodes;
import backstep.ui.fx.UiThread;
import backstep.ui.shell.ShellView;
import backstep.ui.shell.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression (issue 15, the console's frames): the ledger page's lower half (the selected run's events and steps as
 * tabs, and the event's form beside them) joined the window as one piece: 172 new nodes in one pulse, 44–51 ms of
 * CSS and layout on a quiet machine (docs/performance.md, "Session 17, on a quiet machine"). The page is shown in the
 * console's frame ({@link ShellView}), which attaches it a piece a pulse, at 1280×800, its run already read and
 * selected. Counted, not timed: the nodes new to the window in each pulse, until the page is whole and its events'
 * rows are in.
 */
@ExtendWith(ApplicationExtension.class)
class LedgerPagePulsesTest {
  /** The most nodes one pulse may bring into the window (issue 15: about 80, a pulse's worth of first styling). */
  private static final int MOST_A_PULSE = 80;
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir
  static Path exports;

  private Stage stage;
  private ShellView shell;
  private LedgerController controller;
  private NewNodes nodes;
  private final AnimationTimer everyFrame = new AnimationTimer() {
    @Override
    public void handle(long now) {
      // a pulse every frame, as the console's live panels ask for: what comes a pulse late shows up
    }
  };

  @Start
  void start(Stage primary) {
    stage = primary;
    controller = new LedgerController(new LedgerModel(), new UiThread(), Runnable::run,
        ExportDestination.folder(exports), () -> stage);
    shell = new ShellView(new Label("top"), new Label("library"), new Label("targets"), new Label("the playbook"),
        new Label("the run"), new LedgerView(controller), new Label("status"));
    stage.setScene(new Scene(shell, 1280, 800));
    new Theme().install(stage.getScene());
    nodes = new NewNodes(stage.getScene()); // its first pulse is the window's own, not counted
    stage.show();
  }

  @AfterEach
  void stop() {
    fx(() -> {
      nodes.stop();
      everyFrame.stop();
      return null;
    });
  }

  /**
   * The Ledger tab picked while the pages join the window (the user's first click), then the ledger's read come
   * back (a run and its 25 events) and an event selected: no pulse brings more than {@link #MOST_A_PULSE} nodes.
   * The page joined with its first part in one pulse (140), and its lower half in one piece (172, 389 with its
   * events' rows).
   */
  @Test
  void theLedgerPageJoinsTheWindowAFewNodesAPulse() throws Exception {
    RunRecord run = run();
    fx(() -> {
      everyFrame.start();
      shell.attachRest(page -> { });
      shell.show(ShellView.Page.LEDGER);
      return null;
    });
    shell.attached().get(30, TimeUnit.SECONDS);
    fx(() -> {
      controller.show(List.of(run), new Ledger.ChainCheck(25, true, -1, null), null);
      controller.model().setSelected(run);
      return null;
    });
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    fx(() -> { // the selected run's steps and events, read off the FX thread, come back on a later pulse
      controller.model().setDetail(detail(run, 25));
      return null;
    });
    Await.until("the events' rows drawn", Duration.ofSeconds(30), Duration.ofMillis(20),
        () -> fx(() -> stage.getScene().lookup("#ledger-events").lookupAll(".table-row-cell").stream()
            .filter(r -> r.isVisible() && ((javafx.scene.control.TableRow<?>) r).getItem() != null
                && !((javafx.scene.control.TableRow<?>) r).getChildrenUnmodifiable().isEmpty()).count() >= 10));
    fx(() -> {
      ((TableView<?>) stage.getScene().lookup("#ledger-events")).getSelectionModel().select(3);
      return null;
    });
    for (int i = 0; i < 5; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    List<NewNodes.Pulse> pulses = fx(() -> nodes.pulses());
    pulses.forEach(p -> System.out.println("LedgerPagePulsesTest " + p));
    List<NewNodes.Pulse> after = pulses.subList(1, pulses.size());
    assertTrue(after.stream().allMatch(p -> p.nodes() <= MOST_A_PULSE), "pulses over " + MOST_A_PULSE
        + " new nodes: " + after.stream().filter(p -> p.nodes() > MOST_A_PULSE).toList());
    assertEquals(Boolean.TRUE, fx(() -> stage.getScene().lookup("#event-chain-verdict") != null),
        "the selected event's form filled");
  }

  private static RunRecord run() {
    return new RunRecord("run-1", "chg-1", "sandbox", "dedupe-customers-fails", 1, "sha", "p.yaml", "postgresql",
        RunState.ROLLED_BACK, "ana", "ana", "host", 1, null, T0, T0, T0.plusSeconds(2), null);
  }

  private static LedgerReader.RunDetail detail(RunRecord run, int count) {
    List<StepRecord> steps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      steps.add(new StepRecord(run.runId(), i, "step-" + i, "sql", StepState.ROLLED_BACK, 1, 1, 1, 0, 1, "ana",
          T0.plusSeconds(i), T0.plusSeconds(i + 1), null, null));
    }
    List<EventRecord> events = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      events.add(new EventRecord(i, run.runId(), T0.plusMillis(100L * i), "STEP_APPLIED", "step-" + i % 3, "ana",
          "{\"rows\":" + i + ",\"ms\":" + (10 * i) + "}", "p" + i, "h" + i));
    }
    return new LedgerReader.RunDetail(run, steps, events, null);
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
