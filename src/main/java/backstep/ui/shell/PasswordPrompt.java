package backstep.ui.shell;

import backstep.db.TargetSpec;
import java.util.Optional;

/** Asks the operator for a target's password when its environment variable is not set (on the FX thread). */
@FunctionalInterface
public interface PasswordPrompt {
  Optional<String> ask(TargetSpec target);
}
