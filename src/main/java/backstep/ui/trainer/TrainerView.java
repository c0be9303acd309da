package backstep.ui.trainer;

import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** Trainer mode: "Step through" a playbook or drill, and "Replay" a past run or drill attempt. */
public final class TrainerView extends TabPane {
  private final Tab replay;

  public TrainerView(TrainerController controller, Supplier<Replay> ledgerRun) {
    setId("trainer-view");
    setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
    Tab steps = tab("trainer-steps-tab", "Step through", new StepThroughPane(controller));
    replay = tab("trainer-replay-tab", "Replay", new ReplayPane(controller, ledgerRun));
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
