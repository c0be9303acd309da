package backstep.ui;

import backstep.ui.ledger.ExportDestination;
import java.nio.file.Path;
import java.util.prefs.Preferences;

/**
 * Where the console finds things: the Backstep home (sandbox data), the playbook folder, the targets file, the
 * operator's name, and how exports pick a file.
 *
 * @param exportDestination null for the platform's save dialog (tests pass a folder)
 * @param prefs where the window's layout, theme, zoom, last playbook and operator are remembered (the user's
 *     {@code /backstep/ui} node; tests pass a node of their own)
 */
public record ConsoleConfig(Path home, Path playbooks, Path targetsFile, String operator, boolean freshSandbox,
    ExportDestination exportDestination, Preferences prefs) {

  /** As the CLI resolves them: {@code -Dbackstep.home}, {@code $BACKSTEP_HOME} or {@code ~/.backstep}, and so on. */
  public static ConsoleConfig fromEnvironment() {
    return new ConsoleConfig(defaultHome(), Path.of(prop("backstep.playbooks", "playbooks")), defaultTargetsFile(),
        System.getProperty("user.name"), false, null, backstep.ui.shell.WindowPrefs.userNode());
  }

  /** Same resolution as the CLI's {@code TargetOptions.home()}. */
  static Path defaultHome() {
    String prop = System.getProperty("backstep.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("BACKSTEP_HOME");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".backstep");
  }

  static Path defaultTargetsFile() {
    String env = System.getenv("BACKSTEP_TARGETS");
    return Path.of(env != null && !env.isBlank() ? env : prop("backstep.targets", "targets.yaml"));
  }

  private static String prop(String key, String dflt) {
    String v = System.getProperty(key);
    return v == null || v.isBlank() ? dflt : v;
  }
}
