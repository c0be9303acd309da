package backstep.ui.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ui.fx.NodesSeen;
import backstep.ui.fx.TickLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression: the drill's workload chart took a point a second and its two auto-ranged axes made all their tick
 * labels again whenever their range changed — the time axis at nearly every point, 8–16 new text nodes each time
 * (docs/performance.md, "The console's FX thread", sessions 15 and 16). Its axes now keep their labels, and show the
 * drill's seconds and the p95 on round ticks.
 */
@ExtendWith(ApplicationExtension.class)
class WorkloadPaneTest {
  private final DrillModel model = new DrillModel();
  private WorkloadPane pane;

  @Start
  void start(Stage stage) {
    pane = new WorkloadPane(model);
    stage.setScene(new Scene(new StackPane(pane), 700, 300));
    stage.show();
  }

  private static double p95(int second) {
    return 3 + (second % 7) * 0.5 + (second >= 60 ? 40 : 0); // the fault at T+60 s raises it
  }

  @Test
  void aPointASecondBringsNoNewTickLabelsAndTheAxesShowRoundTicks() {
    NodesSeen seen = new NodesSeen();
    fx(() -> {
      for (int s = 0; s < 5; s++) {
        model.p95Series().getData().add(new XYChart.Data<>(s + 0.004, p95(s)));
      }
      return seen.fresh(pane);
    });
    int fresh = 0;
    List<Integer> at = new ArrayList<>();
    for (int s = 5; s < 120; s++) {
      int second = s;
      int n = fx(() -> {
        model.p95Series().getData().add(new XYChart.Data<>(second + 0.004, p95(second)));
        return seen.fresh(pane);
      });
      fresh += n;
      if (n > 0) {
        at.add(second);
      }
    }
    // at T+60 s the p95 axis goes from 0–8 to 0–80: its wider labels shortened the time axis, and an axis of a new
    // length made its ticks again (8 nodes, session 16); the p95 axis now keeps room for four digits. Before
    // session 16 every point but a few brought 22 new nodes (2583 in all)
    assertEquals(List.of(), at, "the points that brought new nodes into the workload pane");
    assertEquals(0, fresh, "nodes new to the workload pane in 115 points");

    XYChart<?, ?> chart = fx(() -> (XYChart<?, ?>) pane.lookup("#workload-chart"));
    assertEquals(List.of("0", "30", "60", "90", "120"), fx(() -> TickLabels.shown(chart.getXAxis())),
        "the time axis after two minutes of points");
    assertEquals(List.of("0", "20", "40", "60", "80"), fx(() -> TickLabels.shown(chart.getYAxis())),
        "the p95 axis (the highest point 46 ms)");
    assertTrue(fx(() -> TickLabels.drawnAtTheirTicks(chart.getXAxis())
        && TickLabels.drawnAtTheirTicks(chart.getYAxis())),
        "every label drawn is a shown tick's, at its place on the axis");
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
