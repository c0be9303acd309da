package backstep.ui.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.drill.TimelineEvent;
import backstep.drill.load.WorkloadTick;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.fx.Later;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Trainer mode through its buttons: step through a sample playbook (next / previous, each step's explanation in
 * the large labels), then replay a drill attempt — play, and scrub the slider back and forth: the events and the
 * chart show exactly what had happened at that point of the timeline.
 */
@ExtendWith(ApplicationExtension.class)
class TrainerViewTest {
  private TrainerController controller;
  private TrainerView view;

  @Start
  void start(Stage stage) {
    controller = new TrainerController(new TrainerModel());
    view = new TrainerView(controller, () -> null);
    Later.attachAll(view); // the console attaches its parts a pulse each (ShellView)
    stage.setScene(new Scene(view, 1100, 750));
    stage.show();
  }

  @Test
  void stepsThroughAPlaybookAndScrubsAReplay(FxRobot robot) throws Exception {
    Playbook p = new PlaybookLoader(null).load(Path.of("playbooks/add-email-verified.yaml"));
    fx(() -> {
      controller.showPlaybook(p, null);
      return null;
    });
    assertEquals("Step 1 of " + p.steps().size() + " · " + p.steps().get(0).kind(), text(robot, "#trainer-counter"));
    assertEquals(p.steps().get(0).title(), text(robot, "#trainer-step-title"));
    robot.clickOn("#trainer-next");
    robot.clickOn("#trainer-next");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(p.steps().get(2).title(), text(robot, "#trainer-step-title"));
    assertTrue(!text(robot, "#trainer-locks").isBlank() && !text(robot, "#trainer-undo").isBlank());
    robot.clickOn("#trainer-prev");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(p.steps().get(1).title(), text(robot, "#trainer-step-title"));

    Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    List<TimelineEvent> timeline = List.of(
        new TimelineEvent(t0.plusMillis(500), TimelineEvent.Kind.PHASE, "drill", "baseline"),
        new TimelineEvent(t0.plusMillis(3000), TimelineEvent.Kind.FAULT, "fault", "lock: held"),
        new TimelineEvent(t0.plusMillis(4000), TimelineEvent.Kind.ALERT, "guard", "p95 breach"),
        new TimelineEvent(t0.plusMillis(6000), TimelineEvent.Kind.DECISION, "ana", "decided to roll back"));
    List<WorkloadTick> ticks = new ArrayList<>();
    for (int s = 1; s <= 8; s++) {
      ticks.add(new WorkloadTick(t0.plusSeconds(s), 100, 0, 2, s == 4 ? 40 : 5, 6, 9));
    }
    fx(() -> {
      controller.replay(Replay.ofDrill("lock-pileup", t0, timeline, ticks));
      view.showReplay();
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(0, fx(() -> controller.model().happened().size()));

    robot.clickOn("#replay-speed"); // 2×
    robot.clickOn("#replay-speed"); // 4×
    robot.clickOn("#replay-play");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> controller.model().happened().size() == 4
        && !controller.model().playingProperty().get()));
    assertEquals(8, fx(() -> controller.model().p95().getData().size()));

    // scrub back to 3.5 s: the fault has fired, the alert has not come yet
    fx(() -> {
      ((Slider) robot.lookup("#replay-slider").query()).setValue(3500);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(2, fx(() -> controller.model().happened().size()));
    assertEquals(3, fx(() -> controller.model().p95().getData().size()));
    assertEquals("T+3.5 s / 8.0 s", text(robot, "#replay-time"));
    // and forward again to 6 s: alert and decision are back, in order
    fx(() -> {
      ((Slider) robot.lookup("#replay-slider").query()).setValue(6000);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(List.of("phase", "fault", "alert", "decision"), fx(() -> controller.model().happened().stream()
        .map(Replay.Event::kind).toList()));
  }

  private static String text(FxRobot robot, String id) {
    return fx(() -> ((Label) robot.lookup(id).query()).getText());
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
