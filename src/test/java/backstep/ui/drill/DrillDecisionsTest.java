package backstep.ui.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.Decision;
import backstep.engine.Direction;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A drill's gate and manual step wait in a modal dialog, so the drill page's Roll back cannot be reached then: the
 * dialog offers the team's decision to roll back itself, taken (and stamped, by the page's Roll back) at the click,
 * before the engine hears that the step was declined. Not for a manual step met while rolling back.
 */
@ExtendWith(ApplicationExtension.class)
class DrillDecisionsTest {
  private final AtomicInteger decided = new AtomicInteger();

  @Start
  void start(Stage stage) {
    stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 1280, 800));
    stage.show();
  }

  private static Playbook playbook() throws Exception {
    return new PlaybookLoader(null).load(Path.of("playbooks/add-email-verified.yaml"));
  }

  private static CompletableFuture<Decision> ask(Supplier<Decision> question) {
    return CompletableFuture.supplyAsync(question); // the engine's thread asks and waits
  }

  @Test
  void theGatesRollBackIsTheTeamsDecisionAtTheClick(FxRobot robot) throws Exception {
    Playbook pb = playbook();
    GateStep gate = (GateStep) pb.steps().get(pb.indexOf("approve-flag"));
    DrillDecisions d = new DrillDecisions(new UiThread(), "ana", decided::incrementAndGet);
    CompletableFuture<Decision> answer = ask(() -> d.gate(pb, gate, null));
    backstep.ui.Shown.await(robot, "#drill-gate-rollback");
    robot.clickOn("#drill-gate-rollback");
    Decision a = answer.get(30, TimeUnit.SECONDS);
    assertEquals(1, decided.get(), "the page's Roll back ran, before the answer came back");
    assertFalse(a.approved());
    assertEquals("roll back decided at the gate in drill mode", a.reason());
  }

  @Test
  void aManualStepOffersItGoingForwardOnly(FxRobot robot) throws Exception {
    Playbook pb = playbook();
    ManualStep notify = (ManualStep) pb.steps().get(pb.indexOf("notify"));
    DrillDecisions d = new DrillDecisions(new UiThread(), "ana", decided::incrementAndGet);
    CompletableFuture<Decision> back = ask(() -> d.manual(pb, notify, Direction.ROLLBACK));
    backstep.ui.Shown.await(robot, "#drill-manual-done");
    assertTrue(robot.lookup("#drill-manual-rollback").tryQuery().isEmpty());
    robot.clickOn("#drill-manual-done");
    assertTrue(back.get(30, TimeUnit.SECONDS).approved());
    CompletableFuture<Decision> forward = ask(() -> d.manual(pb, notify, Direction.FORWARD));
    backstep.ui.Shown.await(robot, "#drill-manual-rollback");
    robot.clickOn("#drill-manual-rollback");
    assertFalse(forward.get(30, TimeUnit.SECONDS).approved());
    assertEquals(1, decided.get());
  }
}
