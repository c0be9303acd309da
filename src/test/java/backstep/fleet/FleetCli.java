package backstep.fleet;

import backstep.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fleet tests' {@code fleet} command, in process, on a targets file. */
final class FleetCli {
  private FleetCli() {
  }

  /** Runs {@code backstep fleet ARGS --targets TARGETS} in this JVM. */
  static Cli.Result fleet(Path targets, String... args) {
    List<String> all = new ArrayList<>(List.of("fleet"));
    all.addAll(List.of(args));
    all.addAll(List.of("--targets", targets.toString()));
    return Cli.run(all.toArray(new String[0]));
  }
}
