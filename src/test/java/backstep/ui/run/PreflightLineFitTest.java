package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ui.Cuts;
import backstep.ui.FitWindow;
import backstep.ui.fx.UiThread;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A passed preflight's line beside its chip, on the run page of a 1280×800 window (1016×660) and of a 1920×1080 one:
 * drawn whole, wrapped. It was one line ending in "…" ("6 checks: playbook valid · postgresql SQL for every step ·
 * meant for prod-orders · connected · run lock free · no other run half…"), in the console tour's production
 * pictures behind the confirmation dialog (session 17's cut list), whole only in its tooltip's list of checks.
 */
@ExtendWith(ApplicationExtension.class)
class PreflightLineFitTest {
  private RunController controller;
  private FitWindow window;

  @Start
  void start(Stage primary) {
    controller = new RunController(new RunModel(), null, new UiThread(), Runnable::run, Clock.systemUTC(),
        () -> "ana", () -> primary, Set::of);
    window = new FitWindow(new RunView(controller), 1016, 660);
  }

  @AfterEach
  void close() throws Exception {
    window.close();
  }

  @Test
  void aPassedPreflightsLineIsDrawnWhole() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> controller.model().setPreflight(new Preflight.Report(List.of(
        new Preflight.Check(true, "playbook valid: add-email-verified v3, 6 steps"),
        new Preflight.Check(true, "postgresql SQL for every step"),
        new Preflight.Check(true, "meant for prod-orders"),
        new Preflight.Check(true, "connected: PostgreSQL 15.20 (Debian 15.20-0+deb12u1)"),
        new Preflight.Check(true, "run lock free"),
        new Preflight.Check(true, "no other run half-applied")), null, null, List.of()))).get();
    for (int[] size : new int[][] {{1016, 660}, {1656, 880}, {1016, 660}}) { // narrower again: it kept the width
      window.size(size[0], size[1]);
      assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> {
        javafx.scene.Node line = window.stage().getScene().lookup("#preflight-results");
        List<String> cut = new java.util.ArrayList<>(Cuts.elided(line));
        cut.addAll(Cuts.pastTheRightEdge(line));
        return cut;
      }).get(), "the preflight's line on a run page of " + size[0] + "x" + size[1]);
    }
  }
}
