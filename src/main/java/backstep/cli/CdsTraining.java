package backstep.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

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
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
    int bad = 0;
    for (String[] command : new String[][] {{"--version"}, {"--help"}, {"validate", args[0]},
        {"lint", "--severity", "error", args[0]}, {"validate", "--help"}}) {
      int code = Main.execute(command, sink, sink);
      bad += code == ExitCodes.OK || code == ExitCodes.FAILED ? 0 : 1;
    }
    System.exit(bad == 0 ? 0 : 1);
  }
}
