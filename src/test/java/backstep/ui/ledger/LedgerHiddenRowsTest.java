package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression: a table on a hidden tab made its rows in the frame its items came, though no one saw them — the
 * ledger's steps beside the selected run's events (120 of that frame's 302 new nodes), and the runs of the Ledger
 * page while the run page was on screen, at a run's failure (docs/performance.md, "The console's FX thread",
 * session 15). Their items are whole at once; their rows come when they are shown.
 */
@ExtendWith(ApplicationExtension.class)
class LedgerHiddenRowsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir
  static Path exports;

  private LedgerController controller;
  private LedgerView view;
  private TabPane shell;

  @Start
  void start(Stage stage) {
    controller = new LedgerController(new LedgerModel(), new UiThread(), Runnable::run,
        ExportDestination.folder(exports), () -> stage);
    view = new LedgerView(controller);
    Later.attachAll(view);
    Tab run = new Tab("Run", new Label("the run page"));
    Tab ledger = new Tab("Ledger", view);
    shell = new TabPane(run, ledger); // the console's centre tabs, the run page on screen
    stage.setScene(new Scene(shell, 1200, 800));
    stage.show();
  }

  @Test
  void theHiddenPagesRunsAndTheHiddenStepsMakeTheirRowsWhenShown() {
    RunRecord failed = run(1, RunState.FAILED);
    fx(() -> {
      controller.show(List.of(run(2, RunState.APPLIED), failed), new Ledger.ChainCheck(9, true, -1, null), null);
      return null;
    });
    settle();
    assertEquals(2, fx(() -> table("#ledger-runs").getItems().size()), "the runs read, the page hidden");
    assertEquals(0, rows("#ledger-runs"), "rows made for the hidden Ledger page's runs");

    fx(() -> {
      shell.getSelectionModel().select(1);
      controller.model().setDetail(detail(failed));
      return null;
    });
    settle();
    assertEquals(2, rows("#ledger-runs"), "the page shown: its runs' rows");
    assertEquals(6, rows("#ledger-events"), "the selected run's events, on the tab shown");
    assertEquals(3, fx(() -> table("#ledger-steps").getItems().size()), "the steps are there");
    assertEquals(0, rows("#ledger-steps"), "rows made for the steps on the hidden Steps tab");

    fx(() -> {
      TabPane tabs = (TabPane) view.lookup("#ledger-tabs");
      tabs.getSelectionModel().select(1);
      return null;
    });
    settle();
    assertEquals(3, rows("#ledger-steps"), "the Steps tab shown: its rows");
  }

  /**
   * Regression: a table hidden after it had been shown kept its size and made its rows for what came while hidden —
   * the Ledger page, visited before a run (the console's tab switches), made its runs' first rows at the run's
   * failure, 68 new nodes in one frame beside the failed step's (docs/performance.md, session 16).
   */
  @Test
  void aPageHiddenAfterItWasShownMakesTheRowsOfRunsReadWhileHiddenWhenShownAgain() {
    fx(() -> {
      shell.getSelectionModel().select(1); // the tab switches before a run: the Ledger page shown, no runs yet
      return null;
    });
    settle();
    fx(() -> {
      shell.getSelectionModel().select(0);
      return null;
    });
    settle();
    fx(() -> {
      controller.show(List.of(run(1, RunState.FAILED)), new Ledger.ChainCheck(4, true, -1, null), null);
      return null;
    });
    settle();
    assertEquals(1, fx(() -> table("#ledger-runs").getItems().size()), "the run read, the page hidden");
    assertEquals(0, fx(() -> table("#ledger-runs").lookupAll(".table-row-cell").stream()
        .filter(r -> ((TableRow<?>) r).getIndex() >= 0).count()), "rows (with the run or empty) made while hidden");

    fx(() -> {
      shell.getSelectionModel().select(1);
      return null;
    });
    settle();
    assertEquals(1, rows("#ledger-runs"), "the page shown again: the run's row");
  }

  private TableView<?> table(String id) {
    return (TableView<?>) view.lookup(id);
  }

  /** Rows {@code id}'s table has made that show an item. */
  private int rows(String id) {
    return fx(() -> {
      int n = 0;
      for (Node r : table(id).lookupAll(".table-row-cell")) {
        if (r instanceof TableRow<?> row && row.getItem() != null && row.isVisible()) {
          n++;
        }
      }
      return n;
    });
  }

  private static RunRecord run(int n, RunState state) {
    Instant at = T0.plusSeconds(60L * n);
    return new RunRecord("run-" + n, "chg-" + n, "sandbox", "dedupe-customers-fails", 1, "sha", "p.yaml",
        "postgresql", state, "ana", "ana", "host", 1, null, at, at, state.settled() ? at.plusSeconds(2) : null, null);
  }

  private static LedgerReader.RunDetail detail(RunRecord run) {
    List<StepRecord> steps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      steps.add(new StepRecord(run.runId(), i, "step-" + i, "sql", StepState.ROLLED_BACK, 1, 1, 1, 0, 1, "ana",
          T0.plusSeconds(i), T0.plusSeconds(i + 1), null, null));
    }
    List<EventRecord> events = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      events.add(new EventRecord(i, run.runId(), T0.plusMillis(100L * i), "STEP_APPLIED", "step-" + i % 3, "ana",
          "{}", "p" + i, "h" + i));
    }
    return new LedgerReader.RunDetail(run, steps, events, null);
  }

  private static void settle() {
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
