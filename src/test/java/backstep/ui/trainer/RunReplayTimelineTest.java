package backstep.ui.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.EventRecord;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.state.RunState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A plain run's replay is a timeline like a drill's: its steps as bars from start to outcome (forward, then the
 * rollback), checks, guard events and the operator's decision as points in their lanes, on the run's time axis; the
 * event list reads in words (no raw JSON); scrubbing moves the playhead and dims what has not happened yet.
 */
@ExtendWith(ApplicationExtension.class)
class RunReplayTimelineTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private TrainerController controller;
  private TrainerView view;

  @Start
  void start(Stage stage) {
    controller = new TrainerController(new TrainerModel());
    view = new TrainerView(controller, () -> null);
    stage.setScene(new Scene(view, 1100, 750));
    stage.getScene().getStylesheets().add("/backstep/ui/details.css");
    stage.show();
  }

  private static EventRecord ev(long seq, long ms, String type, String step, String actor, String detail) {
    return new EventRecord(seq, "run-1", T0.plusMillis(ms), type, step, actor, detail, "p" + seq, "h" + seq);
  }

  static LedgerReader.RunDetail run() {
    List<EventRecord> e = new ArrayList<>();
    e.add(ev(1, 0, "RUN_STARTED", null, "ana", "{\"playbook\":\"add-index\"}"));
    e.add(ev(2, 100, "FINGERPRINT", null, null, "{\"label\":\"before\",\"tables\":3}"));
    e.add(ev(3, 200, "STEP_STARTED", "add-column", "ana", null));
    e.add(ev(4, 500, "CHECK", "add-column", "check", "{\"name\":\"orders keep every row\",\"passed\":true}"));
    e.add(ev(5, 1200, "STEP_APPLIED", "add-column", "ana", "{\"ms\":1000}"));
    e.add(ev(6, 1300, "STEP_STARTED", "backfill", "ana", null));
    e.add(ev(7, 2000, "GUARD", null, "guard", "{\"rule\":\"p95 probe > 250 ms\",\"value\":300}"));
    e.add(ev(8, 2500, "GUARD_ACTION", null, "guard", "{\"rule\":\"p95 probe > 250 ms\",\"verdict\":\"rollback\"}"));
    e.add(ev(9, 2700, "GATE_DECIDED", "confirm", "ana", "{\"decision\":\"rollback\"}"));
    e.add(ev(10, 3000, "STEP_FAILED", "backfill", "ana", "{\"error\":\"canceled by the guard\"}"));
    e.add(ev(11, 3100, "ROLLBACK_STARTED", null, "ana", null));
    e.add(ev(12, 4000, "STEP_ROLLED_BACK", "add-column", "ana", null));
    e.add(ev(13, 4200, "ROLLBACK_PROOF", null, null, "{\"verdict\":\"EQUAL\"}"));
    e.add(ev(14, 4300, "RUN_ROLLED_BACK", null, "ana", null));
    RunRecord r = new RunRecord("run-1", "CHG-1", "shop", "add-index", 1, "sha", "add-index.yaml", "POSTGRES",
        RunState.ROLLED_BACK, "ana", "ana", "host", 1, null, T0, T0.plusMillis(4300), T0.plusMillis(4300), null);
    return new LedgerReader.RunDetail(r, List.of(), e, null);
  }

  @Test
  void aPlainRunsReplayIsATimelineOfStepsChecksAndGuards(FxRobot robot) {
    fx(() -> {
      controller.replay(Replay.ofRun(run()));
      view.showReplay();
      return null;
    });
    TimelineView timeline = robot.lookup("#replay-timeline").queryAs(TimelineView.class);
    assertTrue(fx(timeline::isVisible), "the timeline is shown for a plain run");
    List<String> drawn = fx(timeline::drawn);
    assertEquals(List.of("run · run started · ok", "checks · fingerprint · ok", "checks · orders keep every row · ok",
        "steps · add-column · ok", "guards · guard · warn", "guards · guard action · failed",
        "operator · gate decided · neutral", "steps · backfill · failed", "run · rollback · warn",
        "steps · ⟲ add-column · warn", "checks · rollback proof · ok", "run · run rolled back · warn"), drawn);
    assertFalse(fx(() -> robot.lookup("#replay-chart").query().isVisible()), "no chart: plain runs keep no series");
    // the event list reads in words, not JSON
    assertTrue(fx(() -> controller.model().replayProperty().get().events().stream()
        .noneMatch(e -> e.text().contains("{") || e.text().contains("\""))));

    // scrub to 2.2 s: the guard event has happened, its action has not
    fx(() -> {
      ((Slider) robot.lookup("#replay-slider").query()).setValue(2200);
      return null;
    });
    List<Node> nodes = fx(timeline::itemNodes);
    PseudoClass future = PseudoClass.getPseudoClass("future");
    assertFalse(fx(() -> nodes.get(4).getPseudoClassStates().contains(future)), "the guard event at 2.0 s");
    assertTrue(fx(() -> nodes.get(5).getPseudoClassStates().contains(future)), "the guard action at 2.5 s");
    // the backfill's bar runs from its start (1.3 s) to its failure (3.0 s): wider than a point
    double width = fx(() -> nodes.get(7).getLayoutBounds().getWidth());
    assertTrue(width > 100, "bar width " + width);
  }

  private static <T> T fx(Callable<T> c) {
    try {
      WaitForAsyncUtils.waitForFxEvents();
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
