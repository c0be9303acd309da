package backstep.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind a distribution's class-data-sharing archive: the quick commands ({@code --version},
 * {@code --help}, {@code validate}, {@code lint}) on the sample playbooks, their output discarded, so that the JVM
 * started with {@code -XX:ArchiveClassesAtExit} archives the classes those commands load. Run by {@code bin/backstep}
 * on first use and by the Debian package when it is installed; never by a user.
 */
public final class CdsTraining {
  private CdsTraining() {
  }

  /** {@code args[0]}: the folder of sample playbooks. Exits 0 when every command ran as on a good install. */
  public static void main(String[] args) {
    System.exit(train(args[0]).isEmpty() ? 0 : 1);
  }

  /** Runs the commands; returns those that did not end as on a good install (exit 0, or 1 for lint findings). */
  static List<String> train(String samples) {
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
    List<String> bad = new ArrayList<>();
    for (String[] command : new String[][] {{"--version"}, {"--help"}, {"validate", samples},
        {"lint", "--severity", "error", samples}, {"validate", "--help"}}) {
      int code = Main.execute(command, sink, sink);
      if (code != ExitCodes.OK && code != ExitCodes.FAILED) {
        bad.add(String.join(" ", command) + ": exit " + code);
      }
    }
    return bad;
  }
}
