package backstep.ui.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.NewNodes;
import backstep.ui.PagePulses;
import backstep.ui.shell.ShellView;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Regression (issue 15, the console's frames): the trainer page joined the window as one piece of 138 new nodes
 * (its tab pane with the step-through page, docs/performance.md "Session 18, on a quiet machine"), then the replay
 * page, 88. In the console's frame at 1280×800, counted, not timed: no pulse after the first window brings more than
 * {@link PagePulses#MOST_A_PULSE} nodes, and once settled the page is whole.
 */
@ExtendWith(ApplicationExtension.class)
class TrainerPagePulsesTest {
  private TrainerController controller;
  private PagePulses window;

  @Start
  void start(Stage stage) {
    controller = new TrainerController(new TrainerModel());
    window = new PagePulses(stage, ShellView.Page.TRAINER, new TrainerView(controller, () -> null));
  }

  @AfterEach
  void stop() {
    window.stop();
  }

  /** Nothing to explain yet (the console's start): the page joins hidden, then its tab is picked. */
  @Test
  void theEmptyPageJoinsHiddenAFewNodesAPulse() throws Exception {
    List<NewNodes.Pulse> pulses = window.join(false, 10);
    assertEquals(List.of(), PagePulses.over(pulses), "pulses over " + PagePulses.MOST_A_PULSE + " new nodes");
    for (String id : List.of("#trainer-next", "#trainer-forward", "#trainer-rollback", "#replay-slider",
        "#replay-events", "#replay-timeline")) {
      assertTrue(window.lookup(id) != null, id + " in the window");
    }
  }

  /** A playbook to step through (the library's "Step through"), the Trainer tab picked while the pages join. */
  @Test
  void aPlaybookToStepThroughJoinsAFewNodesAPulse() throws Exception {
    Playbook p = new PlaybookLoader(null).load(Path.of("playbooks/add-email-verified.yaml"));
    PagePulses.fx(() -> {
      controller.showPlaybook(p, null);
      return null;
    });
    List<NewNodes.Pulse> pulses = window.join(true, 20);
    assertEquals(List.of(), PagePulses.over(pulses), "pulses over " + PagePulses.MOST_A_PULSE + " new nodes");
    assertTrue(PagePulses.fx(() -> window.lookup("#trainer-forward").isVisible()), "the step's SQL shown");
    assertEquals(p.steps().get(0).title(), PagePulses.fx(() ->
        ((javafx.scene.control.Label) window.lookup("#trainer-step-title")).getText()));
  }
}
