package backstep.ui.drill;

import backstep.db.Database;
import backstep.db.TargetSpec;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * How drill mode reaches the target a drill file names, as {@code backstep drill run --targets FILE} does: by name
 * in the console's targets file (the built-in sandbox included). The shell implements it over its target list,
 * connecting without changing the console's current target. Called on the FX thread.
 */
public interface DrillTargets {
  /** The target called {@code name}, if the console's targets file (or the built-in sandbox) defines it. */
  Optional<TargetSpec> find(String name);

  /** Every name known, for the message when a drill names another. */
  Set<String> names();

  /** Opens the target (off the FX thread) or reuses its open connection; fails with the reason it cannot. */
  CompletableFuture<Database> connect(TargetSpec target);
}
