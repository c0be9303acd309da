package backstep.ui.run;

import backstep.db.EnvironmentClass;
import backstep.db.RunGate;
import backstep.db.TargetSpec;
import backstep.engine.Decision;
import backstep.engine.Decisions;
import backstep.engine.Direction;
import backstep.playbook.DialectFamily;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.Step;
import backstep.ui.fx.UiThread;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * The engine's questions answered with dialogs. The engine thread calls these methods and waits; each dialog runs
 * on the FX thread and completes a future with the operator's answer, which goes back to the engine (and from
 * there into the ledger). One instance per run (or per history walk, which asks its confirmation once): it knows the
 * operator who started it.
 */
public final class DialogDecisions implements Decisions {
  private final UiThread fx;
  private final Supplier<Window> owner;
  private final String operator;
  private final DialectFamily family;
  private final Consumer<LogLine> log;
  private final Clock clock;
  private final Runnable catchUp;
  private final Consumer<java.time.Instant> rollBack;

  /** {@code catchUp} brings the event log up to date (on the FX thread) before a question is logged. */
  public DialogDecisions(UiThread fx, Supplier<Window> owner, String operator, DialectFamily family,
      Consumer<LogLine> log, Clock clock, Runnable catchUp) {
    this(fx, owner, operator, family, log, clock, catchUp, null);
  }

  private DialogDecisions(UiThread fx, Supplier<Window> owner, String operator, DialectFamily family,
      Consumer<LogLine> log, Clock clock, Runnable catchUp, Consumer<java.time.Instant> rollBack) {
    this.rollBack = rollBack;
    this.catchUp = catchUp;
    this.fx = fx;
    this.owner = owner;
    this.operator = operator;
    this.family = family;
    this.log = log;
    this.clock = clock;
  }

  /**
   * These dialogs, where a gate or a manual step met going forward also offers <em>Roll back now</em>: the run
   * stops there and is rolled back at once, one decision instead of two. {@code rollBack} records the request; it
   * gets the moment of the click and must record it before returning (the engine reads it when the answer arrives).
   */
  public DialogDecisions rollingBackWith(Consumer<java.time.Instant> rollBack) {
    return new DialogDecisions(fx, owner, operator, family, log, clock, catchUp, rollBack);
  }

  @Override
  public Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary) {
    Set<RunGate> gates = target.environment() == EnvironmentClass.PRODUCTION
        ? EnumSet.of(RunGate.TYPED_CONFIRMATION, RunGate.SECOND_APPROVER) : EnumSet.of(RunGate.CONFIRMATION);
    return confirmRun(playbook, target, direction, summary, gates);
  }

  /** The target's policy decides what the dialog requires: a typed name, a second approver, a reason. */
  @Override
  public Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary,
      Set<RunGate> gates) {
    return ask(() -> confirmDialog(playbook, target, direction, summary, gates), "confirmation");
  }

  @Override
  public Decision gate(Playbook playbook, GateStep step, TargetSpec target) {
    return ask(() -> gateDialog(playbook, step, target), "gate '" + step.id() + "'");
  }

  @Override
  public Decision manual(Playbook playbook, ManualStep step, Direction direction) {
    return ask(() -> manualDialog(playbook, step, direction), "manual step '" + step.id() + "'");
  }

  private Decision ask(Supplier<CompletableFuture<Decision>> dialog, String what) {
    try {
      return fx.ask(() -> {
        catchUp.run();
        log.accept(new LogLine(clock.instant(), LogLine.Level.DECISION, "waiting for a decision: " + what));
        return dialog.get();
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Decision.declined(operator, "interrupted while waiting for the operator");
    } catch (RuntimeException e) {
      return Decision.declined(operator, "the console could not ask: " + UiThread.unwrap(e).getMessage());
    }
  }

  private static String where(TargetSpec t) {
    return t.name() + " (" + t.environment().key().toUpperCase(Locale.ROOT) + ")";
  }

  private CompletableFuture<Decision> confirmDialog(Playbook pb, TargetSpec target, Direction dir, String summary,
      Set<RunGate> gates) {
    boolean prod = target.environment() == EnvironmentClass.PRODUCTION;
    boolean typedNeeded = gates.contains(RunGate.TYPED_CONFIRMATION);
    boolean approverNeeded = gates.contains(RunGate.SECOND_APPROVER);
    boolean reasonNeeded = gates.contains(RunGate.REASON);
    String verb = dir == Direction.FORWARD ? "apply" : "roll back";
    DecisionDialog d = new DecisionDialog(owner.get(), "confirm-dialog", "Confirm: " + verb + " on " + target.name(),
        "Confirm: " + verb + " " + pb.id() + " v" + pb.version() + " on " + where(target), prod);
    d.prose("confirm-summary", capitalise(summary) + ".");
    d.info("Where", target.safeUrl(), true);
    d.info("Operator", operator, false);
    d.info("Policy asks", gates.stream().map(RunGate::key).collect(Collectors.joining(", ")), false);
    TextField typed = typedNeeded ? d.field("Type target name", "confirm-target-name", "", target.name()) : null;
    TextField approver = d.field("Approver", "confirm-approver", "", approverNeeded
        ? "second person's name (required)" : "optional: a second person");
    TextField reason = d.field("Reason (ledger)", "confirm-reason", "", reasonNeeded
        ? "why (required by the policy)" : "why, for the audit trail");
    GateForm form = new GateForm(operator, approverNeeded, typedNeeded, target.name(), reasonNeeded);
    var missing = Bindings.createStringBinding(() -> form.missing(approver.getText(),
        typed == null ? null : typed.getText(), reason.getText()).orElse(""), approver.textProperty(),
        typed == null ? approver.textProperty() : typed.textProperty(), reason.textProperty());
    return d.open("confirm-ok", dir == Direction.FORWARD ? "Apply" : "Roll back", "confirm-cancel", "Cancel",
        missing, () -> new Decision(true, operator, blankToNull(approver.getText()), blankToNull(reason.getText())),
        () -> Decision.declined(operator, "cancelled in the console"));
  }

  private CompletableFuture<Decision> gateDialog(Playbook pb, GateStep g, TargetSpec target) {
    boolean prod = target.environment() == EnvironmentClass.PRODUCTION;
    int i = pb.indexOf(g.id());
    Step next = i >= 0 && i + 1 < pb.steps().size() ? pb.steps().get(i + 1) : null;
    DecisionDialog d = new DecisionDialog(owner.get(), "gate-dialog", "Gate: " + g.title(),
        "Gate " + (i + 1) + " · " + g.title() + " — continue " + pb.id() + " on " + where(target)
            + (g.approval() ? " · needs a second person's approval" : ""), prod);
    d.prose("gate-prompt", g.prompt().strip());
    if (next != null) {
      d.info("Next step", (i + 2) + " · " + next.title() + " (" + next.kind() + ")", false);
      d.sql("Will run", StepText.forward(next, family));
      d.sql("Rollback", StepText.rollback(next, family));
    } else {
      d.info("Next step", "none: this gate ends the playbook", false);
    }
    d.info("Operator", operator, false);
    TextField approver = d.field("Approver", "gate-approver", "", g.approval() ? "second person's name (required)"
        : "optional");
    TextField typed = prod ? d.field("Type target name", "gate-target-name", "", target.name()) : null;
    TextField reason = d.field("Reason (ledger)", "gate-reason", "", "why, for the audit trail");
    GateForm form = new GateForm(operator, g.approval(), prod, target.name());
    offerRollBack(d, "gate-rollback", "at gate '" + g.id() + "'");
    var missing = Bindings.createStringBinding(() -> form.missing(approver.getText(),
        typed == null ? null : typed.getText()).orElse(""), approver.textProperty(),
        typed == null ? approver.textProperty() : typed.textProperty());
    return d.open("gate-approve", g.approval() ? "Approve and continue" : "Continue", "gate-stop", "Stop here",
        missing, () -> new Decision(true, operator, blankToNull(approver.getText()), blankToNull(reason.getText())),
        () -> Decision.declined(operator, blankToNull(reason.getText()) == null ? "stopped at the gate in the console"
            : reason.getText().trim()));
  }

  private CompletableFuture<Decision> manualDialog(Playbook pb, ManualStep m, Direction dir) {
    int i = pb.indexOf(m.id());
    String text = dir == Direction.FORWARD ? m.instruction() : m.rollbackInstruction();
    DecisionDialog d = new DecisionDialog(owner.get(), "manual-dialog", "Manual step: " + m.title(),
        (dir == Direction.FORWARD ? "Manual step " : "Undo manual step ") + (i + 1) + " · " + m.title(), false);
    d.prose("manual-instruction", text.strip());
    TextField actor = d.field("Done by", "manual-actor", operator, "your name");
    TextField note = d.field("Note (ledger)", "manual-note", "", "optional");
    if (dir == Direction.FORWARD) {
      offerRollBack(d, "manual-rollback", "at manual step '" + m.id() + "'");
    }
    var missing = Bindings.createStringBinding(() -> actor.getText() == null || actor.getText().isBlank()
        ? "Enter the name of who did it" : "", actor.textProperty());
    return d.open("manual-done", "✔ Done", "manual-not-yet", "Not done yet", missing,
        () -> new Decision(true, actor.getText().trim(), null, blankToNull(note.getText())),
        () -> Decision.declined(operator, blankToNull(note.getText()) == null ? "not done yet"
            : note.getText().trim()));
  }

  /** The third answer, where this run takes it: stamped at the click, recorded, then the step declined. */
  private void offerRollBack(DecisionDialog d, String id, String where) {
    if (rollBack != null) {
      d.offer(id, "⟲ Roll back now", () -> {
        rollBack.accept(clock.instant());
        return Decision.declined(operator, "roll back asked " + where);
      });
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
