package backstep.cli;

import backstep.db.RunGate;
import backstep.db.TargetSpec;
import backstep.engine.Decision;
import backstep.engine.Decisions;
import backstep.engine.Direction;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Answers the engine's questions from the command line: {@code --yes} confirms, otherwise the operator is asked
 * on the terminal, for what the target's policy requires (production, by default: its name typed, or
 * {@code --confirm-target NAME}, and an approver).
 */
final class CliDecisions implements Decisions {
  private final RunFlags flags;
  private final String operator;
  private final PrintWriter err;
  private final BufferedReader in;

  CliDecisions(RunFlags flags, String operator, PrintWriter err) {
    this.flags = flags;
    this.operator = operator;
    this.err = err;
    this.in = System.console() == null ? null
        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
  }

  @Override
  public Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary) {
    return confirmRun(playbook, target, direction, summary, target.policy().gates(direction == Direction.ROLLBACK));
  }

  /**
   * Asks for what the target's policy requires: the name typed (or {@code --confirm-target}), a plain
   * confirmation (or {@code --yes}), an approver (or {@code --approver}) and a reason (or {@code --reason}).
   */
  @Override
  public Decision confirmRun(Playbook playbook, TargetSpec target, Direction direction, String summary,
      Set<RunGate> gates) {
    err.println("Confirm: " + summary);
    if (gates.contains(RunGate.TYPED_CONFIRMATION)) {
      String typed = flags.confirmTarget;
      if (typed == null) {
        typed = ask("This is a " + target.environment().key().toUpperCase(Locale.ROOT)
            + " target. Type its name to confirm: ");
      }
      if (!target.name().equals(typed)) {
        return Decision.declined(operator, typed == null ? target.environment().key() + " needs the target's name "
            + "typed (interactively, or --confirm-target " + target.name() + ")" : "typed name does not match");
      }
    } else if (gates.contains(RunGate.CONFIRMATION) && !flags.yes) {
      String a = ask("Proceed? [y/N] ");
      if (!yes(a)) {
        return Decision.declined(operator, a == null ? "no terminal to ask; pass --yes" : "answered no");
      }
    }
    String approver = flags.approver;
    if (approver == null && gates.contains(RunGate.SECOND_APPROVER)) {
      approver = ask("Approver (a second person): ");
    }
    String reason = flags.reason;
    if (reason == null && gates.contains(RunGate.REASON)) {
      reason = ask("Reason (for the ledger): ");
    }
    if (reason == null && flags.yes && !gates.contains(RunGate.TYPED_CONFIRMATION)) {
      reason = "--yes";
    }
    return new Decision(true, operator, approver, reason);
  }

  @Override
  public Decision gate(Playbook playbook, GateStep step, TargetSpec target) {
    err.println("Gate '" + step.id() + "': " + step.prompt()
        + (step.approval() ? " (needs approval by a second person)" : ""));
    if (flags.yes) {
      return new Decision(true, operator, flags.approver, flags.reason == null ? "--yes" : flags.reason);
    }
    String approver = flags.approver;
    if (step.approval() && approver == null) {
      approver = ask("Approver's name: ");
    }
    String a = ask("Approve and continue? [y/N] ");
    return yes(a) ? new Decision(true, operator, approver, flags.reason)
        : Decision.declined(operator, a == null ? "no terminal to ask; pass --yes" : "answered no");
  }

  @Override
  public Decision manual(Playbook playbook, ManualStep step, Direction direction) {
    String what = direction == Direction.FORWARD ? step.instruction() : step.rollbackInstruction();
    err.println("Manual step '" + step.id() + "': " + what.strip());
    if (flags.yes) {
      return new Decision(true, operator, null, "--yes");
    }
    String a = ask("Done? [y/N] ");
    return yes(a) ? new Decision(true, operator, null, null)
        : Decision.declined(operator, a == null ? "no terminal to ask; pass --yes" : "not done yet");
  }

  private static boolean yes(String a) {
    return a != null && (a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes"));
  }

  private String ask(String prompt) {
    if (in == null) {
      return null;
    }
    err.print(prompt);
    err.flush();
    try {
      String line = in.readLine();
      return line == null ? null : line.trim();
    } catch (IOException e) {
      return null;
    }
  }
}
