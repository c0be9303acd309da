package backstep.ui.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.EventRecord;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.state.RunState;
import backstep.ui.fx.Later;
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
    Later.attachAll(view); // the console attaches its parts a pulse each (ShellView)
    stage.setScene(new Scene(view, 1100, 750));
    new backstep.ui.shell.Theme().install(stage.getScene()); // the sheets' colours are the theme's names
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

  /** The failing sample's run as the comforts tour replays it: short steps and rollbacks in a run of 9 s. */
  static LedgerReader.RunDetail shortSteps() {
    List<EventRecord> e = new ArrayList<>();
    e.add(ev(1, 0, "RUN_STARTED", null, "ana", "{\"playbook\":\"dedupe-customers-fails\"}"));
    e.add(ev(2, 1000, "STEP_STARTED", "add-name-key", "ana", null));
    e.add(ev(3, 1200, "STEP_APPLIED", "add-name-key", "ana", "{\"ms\":226}"));
    e.add(ev(4, 1300, "STEP_STARTED", "backfill-name-key", "ana", null));
    e.add(ev(5, 2800, "STEP_APPLIED", "backfill-name-key", "ana", "{\"ms\":1509}"));
    e.add(ev(6, 2850, "STEP_STARTED", "unique-name-key", "ana", null));
    e.add(ev(7, 2900, "STEP_FAILED", "unique-name-key", "ana", "{\"error\":\"duplicate key\"}"));
    e.add(ev(8, 7300, "ROLLBACK_STARTED", null, "ana", null));
    e.add(ev(9, 8100, "STEP_ROLLED_BACK", "unique-name-key", "ana", null));
    e.add(ev(10, 8900, "STEP_ROLLED_BACK", "backfill-name-key", "ana", null));
    e.add(ev(11, 9100, "STEP_ROLLED_BACK", "add-name-key", "ana", null));
    e.add(ev(12, 9150, "CHECK", null, "check", "{\"name\":\"customers keep every row\",\"passed\":true}"));
    e.add(ev(13, 9200, "RUN_ROLLED_BACK", null, "ana", null));
    RunRecord r = new RunRecord("run-2", "CHG-2", "shop", "dedupe-customers-fails", 1, "sha", "d.yaml", "POSTGRES",
        RunState.ROLLED_BACK, "ana", "ana", "host", 1, null, T0, T0.plusMillis(9200), T0.plusMillis(9200), null);
    return new LedgerReader.RunDetail(r, List.of(), e, null);
  }

  /**
   * Every step's name is drawn whole, in its bar or under the lane when the bar is short (the bars clipped them:
   * "a" for add-name-key, "⟲ unique-na"), inside the timeline, clear of the other names and of the lanes below.
   */
  @Test
  void aShortStepsNameIsDrawnWholeBesideItsBar(FxRobot robot) {
    fx(() -> {
      controller.replay(Replay.ofRun(shortSteps()));
      view.showReplay();
      return null;
    });
    TimelineView timeline = robot.lookup("#replay-timeline").queryAs(TimelineView.class);
    WaitForAsyncUtils.waitForFxEvents();
    List<String> problems = fx(() -> {
      List<String> out = new ArrayList<>();
      List<javafx.geometry.Bounds> names = new ArrayList<>();
      double width = timeline.getWidth();
      javafx.geometry.Bounds checks = null;
      for (Node n : timeline.getChildrenUnmodifiable()) {
        if (!(n instanceof javafx.scene.control.Label l) || !l.isVisible() || l.getText().isEmpty()) {
          continue;
        }
        javafx.scene.text.Text t = (javafx.scene.text.Text) l.lookup(".text");
        String drawn = t == null ? "" : t.getText();
        if (!drawn.equals(l.getText())) {
          out.add("'" + l.getText() + "' drawn '" + drawn + "'");
        }
        javafx.geometry.Bounds b = l.getBoundsInParent();
        if (b.getMinX() < -0.5 || b.getMaxX() > width + 0.5) {
          out.add("'" + l.getText() + "' outside the timeline: " + b);
        }
        if (l.getStyleClass().contains("tl-caption")) {
          for (javafx.geometry.Bounds o : names) {
            if (Math.min(o.getMaxX(), b.getMaxX()) - Math.max(o.getMinX(), b.getMinX()) > 0.5
                && Math.min(o.getMaxY(), b.getMaxY()) - Math.max(o.getMinY(), b.getMinY()) > 0.5) {
              out.add("'" + l.getText() + "' over another name");
            }
          }
          names.add(b);
        }
        if (l.getStyleClass().contains("tl-lane-name") && l.getText().equals("checks")) {
          checks = b;
        }
      }
      for (javafx.geometry.Bounds b : names) {
        if (checks != null && b.getMaxY() > checks.getMinY() + 0.5) {
          out.add("a name at y " + b.getMaxY() + " runs into the checks lane at " + checks.getMinY());
        }
      }
      for (String step : List.of("add-name-key", "backfill-name-key", "unique-name-key", "⟲ unique-name-key",
          "⟲ backfill-name-key", "⟲ add-name-key")) {
        if (timeline.getChildrenUnmodifiable().stream().noneMatch(n -> n instanceof javafx.scene.control.Label l
            && l.isVisible() && step.equals(l.getText()) && step.equals(((javafx.scene.text.Text) l.lookup(".text"))
            .getText()))) {
          out.add("'" + step + "' nowhere drawn whole");
        }
      }
      return out;
    });
    assertEquals(List.of(), problems);
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
