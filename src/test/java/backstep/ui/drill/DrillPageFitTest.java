package backstep.ui.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ui.Cuts;
import backstep.ui.FitWindow;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import backstep.ui.panels.BlockersModel;
import backstep.ui.panels.LiveChartsModel;
import backstep.ui.panels.LiveController;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The drill page at the sizes it gets beside the sidebar in 1280×800, 1440×900 and 1920×1080 windows. The attempts
 * table: every cell in sight. In the left column (about 240 px) its columns' least
 * widths added up to about 330 px, and the decide and restore cells ({@code 6.7 s}, {@code 9.3 s}) ended 3 and 51 px
 * past the table's rows in the debrief pictures at 1280×800 and 1440×900 (session 17's cut lists), the lost column
 * wholly out of sight. The alert banner: the whole alert. In a window of its own (TestFX's primary stage is
 * shared).
 */
@ExtendWith(ApplicationExtension.class)
class DrillPageFitTest {
  private final DrillModel model = new DrillModel();
  private FitWindow window;
  private DrillView view;

  @Start
  void start(Stage primary) {
    LiveController live = new LiveController(new LiveChartsModel(), new BlockersModel(), new UiThread(),
        Runnable::run, Clock.systemUTC());
    DrillController controller = new DrillController(model, live, null, null, new UiThread(), Runnable::run,
        Clock.systemUTC(), () -> "ana", Path.of("target"));
    view = new DrillView(controller, a -> { });
    Later.attachAll(view);
    window = new FitWindow(view, 1016, 600);
  }

  @AfterEach
  void close() throws Exception {
    window.close();
  }

  @Test
  void everyAttemptsCellIsInSightAtTheLaptopAndDesktopSizes() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> model.history().setAll(attempts())).get();
    for (int[] size : new int[][] {{1016, 600}, {1176, 700}, {1656, 880}}) { // the window's less the sidebar's
      window.size(size[0], size[1]);
      List<String> cut = WaitForAsyncUtils.asyncFx(() -> {
        Node table = view.lookup("#drill-history");
        List<String> all = new ArrayList<>(Cuts.underAScrollBar(table));
        all.addAll(Cuts.elided(table));
        return all;
      }).get();
      assertEquals(List.of(), cut, "the attempts' cells on a page of " + size[0] + "x" + size[1]);
      // the timeline above them keeps its rows: squeezed to one by the table's joining its column (this session)
      double timeline = WaitForAsyncUtils.asyncFx(() -> view.lookup("#drill-timeline").getLayoutBounds()
          .getHeight()).get();
      assertTrue(timeline >= 100, "the timeline " + timeline + " px high on a page of " + size[0] + "x" + size[1]);
    }
  }

  /**
   * A step's failure as the alert (the drill tour's drill-mode picture at 1440×900): the banner wraps, and was one
   * line high, "… customer not migrated yet [SQLState ...", under the action bar that the page kept.
   */
  @Test
  void theAlertIsDrawnWhole() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      model.setPhase(DrillModel.Phase.RUNNING);
      model.setAlert("engine: step 'backfill' failed: statement 1 of 1 (line 24): ERROR: loyalty service: customer"
          + " not migrated yet [SQLState P0001]");
    }).get();
    for (int[] size : new int[][] {{1016, 600}, {1176, 700}}) {
      window.size(size[0], size[1]);
      assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(view.lookup("#drill-alert"))).get(),
          "the alert on a page of " + size[0] + "x" + size[1]);
    }
  }

  /** Eight attempts (the table's own bar shows): the widest values a column takes, "never" and a slow restore. */
  private static List<AttemptRow> attempts() {
    List<AttemptRow> rows = new ArrayList<>();
    Instant t = Instant.parse("2026-12-07T18:02:00Z");
    for (int i = 0; i < 3; i++) {
      rows.add(new AttemptRow("a" + i, t.plusSeconds(600L * i), t.plusSeconds(600L * i + 30), i % 2 == 0, i % 3 == 0,
          Duration.ofMillis(1_100 + 997L * i), i == 5 ? null : Duration.ofMillis(6_700 + 10_311L * i),
          Duration.ofMillis(9_300 + 20_007L * i), i == 7 ? 12_345 : i, List.of(), List.of()));
    }
    return rows;
  }
}
