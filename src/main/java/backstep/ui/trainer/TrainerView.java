package backstep.ui.trainer;

import backstep.ui.fx.Later;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;

/** Trainer mode: "Step through" a playbook or drill, and "Replay" a past run or drill attempt. */
public final class TrainerView extends TabPane {
  private final Tab replay;

  public TrainerView(TrainerController controller, Supplier<Replay> ledgerRun) {
    setId("trainer-view");
    setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
    Tab steps = tab("trainer-steps-tab", "Step through", new StepThroughPane(controller));
    // the second tab's page joins the window on a pulse of its own (ShellView attaches Later parts a pulse each)
    StackPane replayBox = new StackPane();
    Later.add(replayBox, new ReplayPane(controller, ledgerRun));
    replay = tab("trainer-replay-tab", "Replay", replayBox);
    getTabs().addAll(steps, replay);
  }

  /** Brings the replay forward (after a replay was loaded from elsewhere). */
  public void showReplay() {
    getSelectionModel().select(replay);
  }

  private static Tab tab(String id, String title, javafx.scene.Node content) {
    Label header = new Label(title);
    header.setId(id);
    Tab t = new Tab();
    t.setGraphic(header);
    t.setContent(content);
    return t;
  }
}
