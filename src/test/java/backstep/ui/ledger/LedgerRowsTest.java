package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.state.RunState;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression: the ledger is read again after every run (mostly while its tab is hidden), and the fresh read
 * replaced the runs table's list, which made the table throw all its rows away and build new ones — a row skin,
 * eight cells and eight tooltips a row, 12–16 ms of FX-thread CPU a refresh with 40 runs shown against 10 ms kept
 * (docs/performance.md, "Session 12, under load: the FX thread at a run's failure"). A new run now adds one row,
 * and the rows there stay.
 */
@ExtendWith(ApplicationExtension.class)
class LedgerRowsTest {
  private static final Ledger.ChainCheck CHAIN = new Ledger.ChainCheck(12, true, -1, null);

  @TempDir
  static Path exports;

  private LedgerController controller;

  @Start
  void start(Stage stage) {
    controller = shown(stage, exports, 1200, 700);
  }

  /** A ledger page on {@code stage}, whole (as the shell attaches it), at the given size; its controller. */
  static LedgerController shown(Stage stage, Path exports, double width, double height) {
    LedgerController c = new LedgerController(new LedgerModel(), new UiThread(), Runnable::run,
        ExportDestination.folder(exports), () -> stage);
    LedgerView view = new LedgerView(c);
    while (Later.attachOne(view)) { // the runs table and the lower panes join as the shell would attach them
      continue;
    }
    stage.setScene(new Scene(view, width, height));
    // the console's sheets, as every page has them: without them ControlsFX's filter field looked up Modena's colours
    // in AtlantaFX (set by an earlier test) and said so twice ("Could not resolve '-fx-text-inner-color'")
    new backstep.ui.shell.Theme().install(stage.getScene());
    stage.show();
    return c;
  }

  /** A run of the ledger numbered {@code n}, a minute after run n - 1. */
  static RunRecord run(int n, RunState state) {
    Instant at = Instant.parse("2026-12-07T02:00:00Z").plusSeconds(60L * n);
    return new RunRecord("run-" + n, "chg-" + n, "sandbox", "dedupe-customers-fails", 1, "sha", "p.yaml",
        "postgresql", state, "ana", "ana", "host", 1, null, at, at, state.settled() ? at.plusSeconds(2) : null, null);
  }

  @Test
  void aNewRunAddsARowAndTheRowsThereStay(FxRobot robot) {
    fx(() -> {
      controller.show(List.of(run(2, RunState.FAILED), run(1, RunState.APPLIED)), CHAIN, null);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    Set<TableRow<?>> before = rows(robot);
    assertEquals(2, before.size(), "two runs, two rows");

    // the failed run rolled back (its record changed) and a new run on top
    fx(() -> {
      controller.show(List.of(run(3, RunState.APPLIED), run(2, RunState.ROLLED_BACK), run(1, RunState.APPLIED)),
          CHAIN, null);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    Set<TableRow<?>> after = rows(robot);
    assertEquals(3, after.size());
    assertTrue(after.containsAll(before), "the table kept its rows and added one (it built three new ones)");
    TableView<?> table = robot.lookup("#ledger-runs").queryAs(TableView.class);
    assertEquals(List.of("run-3", "run-2", "run-1"), fx(() -> table.getItems().stream()
        .map(r -> ((RunRecord) r).runId()).toList()));
    assertEquals(RunState.ROLLED_BACK, fx(() -> ((RunRecord) table.getItems().get(1)).state()));
    assertTrue(robot.lookup("#ledger-runs .table-cell").queryAll().stream()
        .anyMatch(c -> fx(() -> String.valueOf(((javafx.scene.control.Labeled) c).getText())).contains("rolled back")),
        "the changed run's row shows its new state");
  }

  /** The table's rows that show a run. */
  private static Set<TableRow<?>> rows(FxRobot robot) {
    return fx(() -> robot.lookup("#ledger-runs .table-row-cell").queryAll().stream()
        .map(n -> (TableRow<?>) n).filter(r -> r.getItem() != null && r.isVisible())
        .collect(Collectors.toSet()));
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
