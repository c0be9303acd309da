package backstep.db;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A gate an apply, resume or rollback must pass before it changes a target, as a {@code policy:} in targets.yaml
 * names it. The engine checks what it can (an approver other than the operator, a reason); the confirmations are
 * asked by whoever answers the engine's questions (the CLI's prompt or flags, the console's dialog).
 */
public enum RunGate {
  /** "Proceed? [y/N]" at a terminal, or {@code --yes}. */
  CONFIRMATION,
  /** The target's name typed at the prompt, or {@code --confirm-target NAME}; {@code --yes} is not enough. */
  TYPED_CONFIRMATION,
  /** A second person's name ({@code --approver}), different from the operator. */
  SECOND_APPROVER,
  /** A reason for the ledger ({@code --reason TEXT}). */
  REASON;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RunGate> parse(String key) {
    return Arrays.stream(values()).filter(g -> g.key().equals(key)).findFirst();
  }

  /** The allowed keys, for messages. */
  public static String keys() {
    return Arrays.stream(values()).map(RunGate::key).collect(Collectors.joining(", "));
  }
}
