package backstep.ui.ledger;

import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.state.RunState;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Not a test: FX-thread CPU of a ledger refresh after a run, 40 runs in the table (-Dledger.setAll=true: main's). */
@ExtendWith(ApplicationExtension.class)
class LedgerRefreshCost {
  @TempDir
  static Path exports;
  private LedgerController controller;

  @Start
  void start(Stage stage) {
    controller = LedgerRowsTest.shown(stage, exports, 1200, 700); // within headless Monocle's 1280x800 screen
  }

  @Test
  void cost() {
    boolean setAll = Boolean.getBoolean("ledger.setAll");
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 40; i > 0; i--) {
      runs.add(LedgerRowsTest.run(i, RunState.APPLIED));
    }
    show(runs, setAll);
    long total = 0;
    for (int k = 0; k < 20; k++) {
      runs.add(0, LedgerRowsTest.run(100 + k, RunState.FAILED)); // a run failed, then it is rolled back: two refreshes
      long t0 = cpu();
      show(runs, setAll);
      runs.set(0, LedgerRowsTest.run(100 + k, RunState.ROLLED_BACK));
      show(runs, setAll);
      total += cpu() - t0;
    }
    System.out.printf("LEDGER-REFRESH setAll=%s: %.1f ms FX-thread CPU a refresh (40 runs shown)%n", setAll,
        total / 40 / 1e6);
  }

  private void show(List<RunRecord> runs, boolean setAll) {
    List<RunRecord> copy = List.copyOf(runs);
    fx(() -> {
      if (setAll) {
        controller.model().mutableRuns().setAll(copy);
      } else {
        controller.show(copy, new Ledger.ChainCheck(1, true, -1, null), null);
      }
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static long cpu() {
    return fx(() -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
