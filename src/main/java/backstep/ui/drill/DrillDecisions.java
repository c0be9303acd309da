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
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The engine's questions during a drill in the console. Drills never run on production, and starting the drill
 * was the confirmation, so the run itself passes as the operator; a gate asks the team (Approve / Reject, with a
 * second person's name when the gate needs approval) and a manual step is a real checklist item the team ticks
 * (that is what checklist adherence scores). The drill puts each gate's wait and answer on its timeline.
 */
final class DrillDecisions implements Decisions {
  static final ButtonType DONE = new ButtonType("Done", ButtonBar.ButtonData.OK_DONE);
  static final ButtonType SKIP = new ButtonType("Skip", ButtonBar.ButtonData.CANCEL_CLOSE);
  static final ButtonType APPROVE = new ButtonType("Approve", ButtonBar.ButtonData.OK_DONE);
  static final ButtonType REJECT = new ButtonType("Reject", ButtonBar.ButtonData.CANCEL_CLOSE);
  /** The team's decision to roll back, taken in the dialog (the drill page's Roll back cannot be reached then). */
  static final ButtonType ROLL_BACK = new ButtonType("⟲ Roll back", ButtonBar.ButtonData.LEFT);
  private final UiThread fx;
  private final String operator;
  private final Runnable rollBack;

  /** {@code rollBack} is the drill page's Roll back, run on the FX thread at the click (it stamps the decision). */
  DrillDecisions(UiThread fx, String operator, Runnable rollBack) {
    this.fx = fx;
    this.operator = operator;
    this.rollBack = rollBack;
  }

  @Override
  public Decision confirmRun(Playbook p, TargetSpec t, Direction d, String summary) {
    return new Decision(true, operator, null, "drill: started from the console's drill mode");
  }

  @Override
  public Decision gate(Playbook p, GateStep step, TargetSpec t) {
    String text = step.prompt() == null || step.prompt().isBlank() ? "Approve this gate to go on." : step.prompt();
    Answer a = ask("Gate", step.title(), text, APPROVE, REJECT, "drill-gate", step.approval(), true);
    if (a == null) {
      return Decision.declined(operator, "the drill was stopped");
    }
    if (a.rolledBack()) {
      return Decision.declined(operator, "roll back decided at the gate in drill mode");
    }
    return a.yes() ? new Decision(true, operator, a.approver(), "approved in drill mode")
        : Decision.declined(operator, "rejected in drill mode");
  }

  @Override
  public Decision manual(Playbook p, ManualStep step, Direction d) {
    String text = d == Direction.ROLLBACK ? step.rollbackInstruction() : step.instruction();
    if (text == null || text.isBlank()) {
      return new Decision(true, operator, null, "nothing to do by hand");
    }
    Answer done = ask("Manual step", step.title(), text, DONE, SKIP, "drill-manual", false,
        d == Direction.FORWARD);
    if (done == null) {
      return Decision.declined(operator, "the drill was stopped");
    }
    if (done.rolledBack()) {
      return Decision.declined(operator, "roll back decided at the manual step in drill mode");
    }
    return done.yes() ? new Decision(true, operator, null, "ticked in drill mode")
        : Decision.declined(operator, "skipped in drill mode");
  }

  /** A dialog's answer; {@code approver} is the second person's name typed, or null. */
  private record Answer(boolean yes, String approver, boolean rolledBack) {}

  /**
   * Shows a dialog on the FX thread and waits (on the engine's thread) for its answer; null when interrupted.
   * Buttons get the ids {@code <id>-<button label>}; with {@code approval}, {@code yes} needs a second person's
   * name, other than the operator's, in {@code #drill-gate-approver}. With {@code back}, a third button
   * ({@code <id>-rollback}) is the team's decision to roll back, taken at the click.
   */
  private Answer ask(String title, String header, String text, ButtonType yes, ButtonType no, String id,
      boolean approval, boolean back) {
    try {
      return fx.ask(() -> {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Alert a = new Alert(Alert.AlertType.NONE, text.strip(), yes, no);
        a.setTitle(title);
        a.setHeaderText(header);
        var yesButton = a.getDialogPane().lookupButton(yes);
        yesButton.setId(id + "-" + yes.getText().toLowerCase(java.util.Locale.ROOT));
        a.getDialogPane().lookupButton(no).setId(id + "-" + no.getText().toLowerCase(java.util.Locale.ROOT));
        if (back) {
          a.getButtonTypes().add(ROLL_BACK);
          a.getDialogPane().lookupButton(ROLL_BACK).setId(id + "-rollback");
          a.getDialogPane().lookupButton(ROLL_BACK).getStyleClass().add("danger");
        }
        TextField approver = new TextField();
        if (approval) {
          approver.setId("drill-gate-approver");
          approver.setPromptText("approver (someone other than " + operator + ")");
          a.getDialogPane().setContent(new VBox(8, new Label(text.strip()), new Label("This gate needs a second "
              + "person's approval:"), approver));
          yesButton.disableProperty().bind(Bindings.createBooleanBinding(() -> approver.getText().isBlank()
              || approver.getText().strip().equalsIgnoreCase(operator), approver.textProperty()));
        }
        a.resultProperty().addListener((o, x, b) -> {
          if (b == ROLL_BACK) {
            rollBack.run(); // the decision, stamped now: before the engine hears the step was declined
          }
          answer.complete(new Answer(b == yes, approver.getText().isBlank() ? null : approver.getText().strip(),
              b == ROLL_BACK));
        });
        a.show();
        return answer;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
