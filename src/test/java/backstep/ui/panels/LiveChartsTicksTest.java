package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import backstep.ui.fx.Later;
import backstep.ui.fx.NodesSeen;
import backstep.ui.fx.TickLabels;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression: the live charts' time axes slide a second with every reading, and an axis whose range changed made
 * all its tick labels again — five new text nodes a chart a second, 15 a second for the three charts (45 with the
 * drill page's), each styled and laid out for the first time in that pulse (docs/performance.md, "The console's FX
 * thread", session 15). The labels now stay and show the new times.
 */
@ExtendWith(ApplicationExtension.class)
class LiveChartsTicksTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  private final LiveChartsModel model = new LiveChartsModel();
  private LiveChartsPane pane;

  @Start
  void start(Stage stage) {
    pane = new LiveChartsPane(model);
    Later.attachAll(pane);
    stage.setScene(new Scene(pane, 900, 500));
    stage.show();
  }

  private static Reading reading(int second) {
    return new Reading(T0.plusSeconds(second), Map.of(Metric.PROBE_MS, 2.0 + second % 3, Metric.LOCK_WAITERS, 0.0,
        Metric.LONGEST_LOCK_WAIT_MS, 0.0, Metric.COMMITS_PER_S, 12.0, Metric.ROLLBACKS_PER_S, 0.0), List.of(),
        List.of(), null);
  }

  @Test
  void aReadingASecondBringsNoNewTickLabelsAndTheLabelsShowTheNewTimes() {
    NodesSeen seen = new NodesSeen();
    fx(() -> {
      model.add(List.of(reading(0), reading(1)));
      return seen.fresh(pane);
    });
    List<Integer> fresh = new ArrayList<>();
    for (int s = 2; s < 12; s++) {
      int second = s;
      fresh.add(fx(() -> {
        model.add(List.of(reading(second)));
        return seen.fresh(pane);
      }));
    }
    assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), fresh, "nodes new to the charts at each reading");

    XYChart<?, ?> latency = fx(() -> (XYChart<?, ?>) pane.lookup("#latency-chart"));
    // the window is a minute up to the last reading's second (11), a tick every 15 s from its lower bound
    List<String> want = List.of(-49, -34, -19, -4, 11).stream().map(s -> CLOCK.format(T0.plusSeconds(s))).toList();
    assertEquals(want, fx(() -> TickLabels.shown(latency.getXAxis())), "the time axis's labels after the last reading");
    assertTrue(fx(() -> TickLabels.drawnAtTheirTicks(latency.getXAxis())), "every label drawn at its tick's time");
  }

  /**
   * Regression: from one to five minutes of samples the window grows (its lower bound stays at the first sample),
   * every tick moves along the axis, and the axis made all its labels again at each reading — 5–7 new text nodes a
   * chart a second for four minutes (docs/performance.md, "The console's FX thread", session 15's "not done").
   */
  @Test
  void whileTheWindowGrowsAReadingBringsNoNewTickLabels() {
    NodesSeen seen = new NodesSeen();
    fx(() -> {
      List<Reading> first = new ArrayList<>();
      for (int s = 0; s <= 60; s++) {
        first.add(reading(s));
      }
      model.add(first);
      return seen.fresh(pane);
    });
    int fresh = 0;
    List<Integer> perReading = new ArrayList<>();
    for (int s = 61; s <= 200; s++) {
      int second = s;
      int n = fx(() -> {
        model.add(List.of(reading(second)));
        return seen.fresh(pane);
      });
      fresh += n;
      if (n > 0) {
        perReading.add(second);
      }
    }
    assertEquals(0, fresh, "nodes new to the charts in 140 readings of the growing window (at seconds "
        + perReading + ")");

    XYChart<?, ?> latency = fx(() -> (XYChart<?, ?>) pane.lookup("#latency-chart"));
    // 200 s of samples: the window from the first sample (0) to 200, a tick every minute from it
    List<String> want = List.of(0, 60, 120, 180, 200).stream().map(s -> CLOCK.format(T0.plusSeconds(s))).toList();
    assertEquals(want, fx(() -> TickLabels.shown(latency.getXAxis())), "the time axis's labels after the last reading");
    assertTrue(fx(() -> TickLabels.drawnAtTheirTicks(latency.getXAxis())), "every label drawn at its tick's time");
  }

  /**
   * Regression: a spike raises a chart's y range (its upper bound 1, 2, 4 or 8 × 10ⁿ above the highest point), and
   * its y axis made its five labels again each time (13 nodes with the time axis's, a few times a minute in a drill;
   * docs/performance.md, "The console's FX thread", session 16).
   */
  @Test
  void aSpikeThatRaisesTheYRangeBringsNoNewYLabels() {
    XYChart<?, ?> latency = fx(() -> (XYChart<?, ?>) pane.lookup("#latency-chart"));
    fx(() -> {
      model.add(List.of(reading(0), reading(1)));
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    NodesSeen seen = new NodesSeen();
    fx(() -> seen.fresh(latency.getYAxis()));
    int fresh = fx(() -> {
      model.add(List.of(spike(2)));
      return seen.fresh(latency.getYAxis());
    });
    assertEquals(0, fresh, "nodes new to the latency chart's y axis at the spike");
    // p50 and p95 of the last 10 s: the highest point the spike's p95 (900 ms), so 0 to 2000 in quarters
    assertEquals(List.of("0", "500", "1000", "1500", "2000"), fx(() -> TickLabels.shown(latency.getYAxis())),
        "the y axis's labels after the spike");
    assertTrue(fx(() -> TickLabels.drawnAtTheirTicks(latency.getYAxis())), "every y label drawn at its tick");
  }

  /**
   * Regression: a spike that widens the y labels ("4" to "2000") widened the y axis, which shortened the time axis,
   * and an axis of a new length made its labels again: 8 new text nodes at the spike (docs/performance.md, "The
   * console's FX thread", session 16's "not done"). The y axis keeps room for labels of four digits.
   */
  @Test
  void aSpikeThatWidensTheYLabelsBringsNoNewTimeLabels() {
    XYChart<?, ?> latency = fx(() -> (XYChart<?, ?>) pane.lookup("#latency-chart"));
    fx(() -> {
      model.add(List.of(reading(0), reading(1)));
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    List<String> before = fx(() -> TickLabels.shown(latency.getYAxis()));
    NodesSeen seen = new NodesSeen();
    fx(() -> seen.fresh(latency.getXAxis()));
    int fresh = fx(() -> {
      model.add(List.of(spike(2)));
      latency.applyCss();
      latency.layout();
      return seen.fresh(latency.getXAxis());
    });
    assertTrue(before.stream().allMatch(l -> l.length() == 1), "one-digit y labels before the spike: " + before);
    assertEquals(List.of("0", "500", "1000", "1500", "2000"), fx(() -> TickLabels.shown(latency.getYAxis())),
        "the y axis's labels after the spike");
    assertEquals(0, fresh, "nodes new to the latency chart's time axis at the spike");
    assertTrue(fx(() -> TickLabels.drawnAtTheirTicks(latency.getXAxis())), "every time label drawn at its tick");
    assertTrue(fx(() -> TickLabels.drawnAtTheirTicks(latency.getYAxis())), "every y label drawn at its tick");
  }

  /** A reading at {@code second} whose probe took 900 ms. */
  private static Reading spike(int second) {
    return new Reading(T0.plusSeconds(second), Map.of(Metric.PROBE_MS, 900.0, Metric.LOCK_WAITERS, 0.0,
        Metric.LONGEST_LOCK_WAIT_MS, 0.0, Metric.COMMITS_PER_S, 12.0, Metric.ROLLBACKS_PER_S, 0.0), List.of(),
        List.of(), null);
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
