package backstep.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ui.NewNodes;
import backstep.ui.PagePulses;
import backstep.ui.fx.Later;
import backstep.ui.shell.ShellView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Regression (issue 15, the console's frames): the library's first pick lands between two pulses while the pages
 * join the window a piece a pulse, and the frame put its next piece in the same pulse as the picked playbook's page:
 * 162 new nodes in one pulse at the sandbox's start (the playbook's steps 54, the run page's live panels 35, the
 * library's cells 29, the blast radius 15: docs/performance.md, session 20). In the console's frame at 1280×800,
 * counted, not timed: no pulse after the first window brings more than {@link PagePulses#MOST_A_PULSE} nodes.
 */
@ExtendWith(ApplicationExtension.class)
class PlaybookPagePulsesTest {
  private final LibraryModel model = new LibraryModel();
  private PagePulses window;

  @Start
  void start(Stage stage) {
    VBox other = new VBox(); // a page in pieces of about 40 nodes, as the run page's parts are
    other.setId("other-page");
    for (int part = 0; part < 3; part++) {
      VBox piece = new VBox();
      for (int i = 0; i < 20; i++) {
        piece.getChildren().add(new Label("part " + part + " line " + i));
      }
      Later.add(other, piece);
    }
    window = new PagePulses(stage, new PlaybookView(model, () -> { }, true), ShellView.Page.HISTORY, other);
  }

  @AfterEach
  void stop() {
    window.stop();
  }

  /** The pick's page in pulses of its own (texts, steps, lint findings), the next piece a pulse after them. */
  @Test
  void thePlaybookPickedWhileThePagesJoinComesAFewNodesAPulse() throws Exception {
    PlaybookEntry entry = LibraryController.load(Path.of("playbooks/split-customer-name.yaml"), null);
    window.beforeThePieceAfter("#other-page", () -> model.setSelected(entry));
    List<NewNodes.Pulse> pulses = window.join(false, 10);
    assertEquals(List.of(), PagePulses.over(pulses), "pulses over " + PagePulses.MOST_A_PULSE + " new nodes");
    assertEquals(List.of(), pulses.stream().filter(p -> p.owners().contains("other-page")
        && p.owners().contains("playbook")).toList(), "pulses with the pick's nodes and a page's piece");
    assertEquals(entry.playbook().steps().size(), PagePulses.fx(() -> ((VBox) window.lookup("#playbook-steps"))
        .getChildren().size()), "every step shown");
  }
}
