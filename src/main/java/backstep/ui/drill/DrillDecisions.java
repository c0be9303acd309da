package backstep.ui.drill;

import backstep.db.TargetSpec;
import backstep.engine.Decision;
import backstep.engine.Decisions;
import backstep.engine.Direction;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.ui.fx.UiThread;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * The engine's questions during a drill in the console. Drills never run on production, and starting the drill
 * was the confirmation, so runs and gates pass as the operator (recorded as "drill"); a manual step is a real
 * checklist item the team ticks in a dialog (that is what checklist adherence scores).
 */
final class DrillDecisions implements Decisions {
  static final ButtonType DONE = new ButtonType("Done", ButtonBar.ButtonData.OK_DONE);
  static final ButtonType SKIP = new ButtonType("Skip", ButtonBar.ButtonData.CANCEL_CLOSE);
  private final UiThread fx;
  private final String operator;

  DrillDecisions(UiThread fx, String operator) {
    this.fx = fx;
    this.operator = operator;
  }

  @Override
  public Decision confirmRun(Playbook p, TargetSpec t, Direction d, String summary) {
    return new Decision(true, operator, null, "drill: started from the console's drill mode");
  }

  @Override
  public Decision gate(Playbook p, GateStep step, TargetSpec t) {
    return new Decision(true, operator, step.approval() ? "drill" : null, "drill: gates pass during a drill");
  }

  @Override
  public Decision manual(Playbook p, ManualStep step, Direction d) {
    String text = d == Direction.ROLLBACK ? step.rollbackInstruction() : step.instruction();
    if (text == null || text.isBlank()) {
      return new Decision(true, operator, null, "nothing to do by hand");
    }
    try {
      boolean done = fx.ask(() -> {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Alert a = new Alert(Alert.AlertType.NONE, text.strip(), DONE, SKIP);
        a.setTitle("Manual step");
        a.setHeaderText(step.title());
        a.getDialogPane().lookupButton(DONE).setId("drill-manual-done");
        a.getDialogPane().lookupButton(SKIP).setId("drill-manual-skip");
        a.resultProperty().addListener((o, x, b) -> answer.complete(b == DONE));
        a.show();
        return answer;
      });
      return done ? new Decision(true, operator, null, "ticked in drill mode")
          : Decision.declined(operator, "skipped in drill mode");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Decision.declined(operator, "the drill was stopped");
    }
  }
}
