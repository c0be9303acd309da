package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.Cuts;
import backstep.ui.FitWindow;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The integrity table given its checks before it joins the window, as the console's run page is (the playbook
 * picked, then the page shown): each row as tall as its wrapped cells. At 1280×800 the first row ("customers keep
 * every row" beside "customer data unchanged after rollback") was drawn in three lines inside a row 28 px high, its
 * top and bottom cut (docs/console.md, session 18's pictures after the merge: {@code tour-manual-dialog-1280x800}).
 */
@ExtendWith(ApplicationExtension.class)
class IntegrityTableFitTest {
  private final IntegrityModel integrity = new IntegrityModel();
  private final LiveChartsModel charts = new LiveChartsModel();
  private FitWindow window;

  @Start
  void start(Stage primary) {
    // the window is made in each test, after its checks
  }

  @AfterEach
  void close() throws Exception {
    if (window != null) {
      window.close();
    }
  }

  @Test
  void checksGivenBeforeTheTableJoinsTheWindowAreDrawnWhole() throws Exception {
    LivePanels panels = panels(new BlockersModel(), 5);
    window.size(400, 540);
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(panels.lookup("#integrity-table"))).get(),
        "the checks' cells drawn whole in their rows");
  }

  /** The live column with add-email-verified's first {@code checks} given before it joins a 400×540 window. */
  private LivePanels panels(BlockersModel blockers, int checks) throws Exception {
    Playbook pb = new PlaybookLoader(null).load(Path.of("playbooks", "add-email-verified.yaml"));
    return WaitForAsyncUtils.asyncFx(() -> {
      integrity.reset(pb.checks().subList(0, checks));
      LivePanels p = new LivePanels(new LiveController(charts, blockers, new UiThread(),
          Runnable::run, Clock.systemUTC()), integrity);
      while (Later.attachOne(p)) {
        // every section's body in the window, as the console's ShellView attaches them
      }
      window = new FitWindow(p, 400, 540);
      return p;
    }).get();
  }
}
