package backstep.playbook;

import java.util.Locale;
import java.util.Optional;

/**
 * How a {@code sql} step's rollback relates to its forward where statements commit one by one (MySQL/MariaDB, and
 * statement-by-statement steps on PostgreSQL).
 */
public enum RollbackMode {
  /**
   * Rollback statement i undoes forward statement n-1-i, so a step stopped after k statements is undone by the last
   * k rollback statements. The default; {@code validate} requires the counts to match.
   */
  MIRROR,
  /**
   * The rollback is a script for the whole step: a step that stopped part way is undone by running all of it,
   * tolerating "does not exist" errors, and proven against the fingerprint taken before the step.
   */
  SCRIPT,
  /**
   * The step has no way back: {@code rollback} is left out (an imported migration without a down script, a change
   * its authors declared irreversible). {@code lint} reports it as an error (BS017); a rollback that reaches such a
   * step after it was applied stops there and fails, naming it; it never skips it silently.
   */
  NONE;

  /** The value as written in a playbook ({@code mirror}, {@code script}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Looks a mode up by its playbook value, case-insensitively. */
  public static Optional<RollbackMode> fromKey(String key) {
    for (RollbackMode m : values()) {
      if (m.key().equalsIgnoreCase(key == null ? "" : key.strip())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
