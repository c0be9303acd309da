package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.engine.Decision;
import backstep.engine.Direction;
import backstep.playbook.DialectFamily;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * <em>Roll back now</em> in a gate's and a manual step's dialog (the dialogs are modal, so the action bar's ROLL BACK
 * cannot be reached while they wait): the request is recorded, with the moment of the click, before the declined
 * answer reaches the engine; a manual step met while rolling back, and dialogs of a run that takes no request, offer
 * no such button.
 */
@ExtendWith(ApplicationExtension.class)
class DialogDecisionsTest {
  private static final TargetSpec TARGET = new TargetSpec("staging-orders", "jdbc:postgresql://db1:5432/orders",
      "app", null, EnvironmentClass.STAGING);
  private Stage owner;

  @Start
  void start(Stage stage) {
    owner = stage;
    stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 1280, 800));
    new backstep.ui.shell.Theme().install(stage.getScene());
    stage.show();
  }

  private DialogDecisions decisions() {
    return new DialogDecisions(new UiThread(), () -> owner, "ana", DialectFamily.POSTGRESQL, l -> { },
        Clock.systemUTC(), () -> { });
  }

  private static Playbook playbook() throws Exception {
    return new PlaybookLoader(null).load(Path.of("playbooks/add-email-verified.yaml"));
  }

  /** Asks {@code question} on a thread of its own (the engine's, in the console), as the engine does. */
  private static CompletableFuture<Decision> ask(Callable<Decision> question) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return question.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void rollBackNowAtAGateRecordsTheClickBeforeTheAnswer(FxRobot robot) throws Exception {
    Playbook pb = playbook();
    GateStep gate = (GateStep) pb.steps().get(pb.indexOf("approve-flag"));
    AtomicReference<Instant> asked = new AtomicReference<>();
    DialogDecisions d = decisions().rollingBackWith(asked::set);
    CompletableFuture<Decision> answer = ask(() -> d.gate(pb, gate, TARGET));
    backstep.ui.Shown.await(robot, "#gate-rollback");
    Instant before = Instant.now();
    robot.clickOn("#gate-rollback");
    Decision decided = answer.get(30, TimeUnit.SECONDS);
    assertNotNull(asked.get(), "the request was recorded before the answer came back");
    assertFalse(asked.get().isBefore(before), "stamped at the click, not before: " + asked.get() + " vs " + before);
    assertFalse(decided.approved());
    assertEquals("ana", decided.actor());
    assertEquals("roll back asked at gate 'approve-flag'", decided.reason());
    assertTrue(robot.lookup("#gate-dialog").tryQuery().isEmpty(), "the dialog closed");
  }

  @Test
  void rollBackNowAtAManualStepGoingForwardOnly(FxRobot robot) throws Exception {
    Playbook pb = playbook();
    ManualStep notify = (ManualStep) pb.steps().get(pb.indexOf("notify"));
    AtomicReference<Instant> asked = new AtomicReference<>();
    DialogDecisions d = decisions().rollingBackWith(asked::set);

    CompletableFuture<Decision> back = ask(() -> d.manual(pb, notify, Direction.ROLLBACK));
    backstep.ui.Shown.await(robot, "#manual-done");
    assertTrue(robot.lookup("#manual-rollback").tryQuery().isEmpty(), "no Roll back now while rolling back");
    robot.clickOn("#manual-done");
    assertTrue(back.get(30, TimeUnit.SECONDS).approved());

    CompletableFuture<Decision> forward = ask(() -> d.manual(pb, notify, Direction.FORWARD));
    backstep.ui.Shown.await(robot, "#manual-rollback");
    robot.clickOn("#manual-rollback");
    Decision decided = forward.get(30, TimeUnit.SECONDS);
    assertNotNull(asked.get());
    assertFalse(decided.approved());
    assertEquals("roll back asked at manual step 'notify'", decided.reason());
  }

  @Test
  void aRunThatTakesNoRequestOffersNoButton(FxRobot robot) throws Exception {
    Playbook pb = playbook();
    GateStep gate = (GateStep) pb.steps().get(pb.indexOf("approve-flag"));
    CompletableFuture<Decision> answer = ask(() -> decisions().gate(pb, gate, TARGET));
    backstep.ui.Shown.await(robot, "#gate-stop");
    assertTrue(robot.lookup("#gate-rollback").tryQuery().isEmpty());
    robot.clickOn("#gate-stop");
    assertFalse(answer.get(30, TimeUnit.SECONDS).approved());
  }
}
