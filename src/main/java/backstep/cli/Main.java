package backstep.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backstep} command line. */
@Command(name = "backstep", mixinStandardHelpOptions = true, version = "Backstep 0.1.0",
    description = "Guided database changes and rollback drills for PostgreSQL and MySQL/MariaDB.",
    subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, RollbackCommand.class,
        ResumeCommand.class, VerifyCommand.class, RehearseCommand.class, StatusCommand.class, HistoryCommand.class, WatchCommand.class,
        SnapshotCommand.class, DiffCommand.class, AuditCommand.class, RecoveryCommand.class,
        SeedCommand.class,
        DemoCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok", "1:the change failed, was aborted, or a rollback failed",
        "2:invalid input or usage (playbook, target, step, options)",
        "3:target busy (another process) or half-applied (resume or roll back first)",
        "4:target unreachable or unusable", "5:stopped at a gate, manual step or confirmation",
        "70:internal error (a bug; rerun with BACKSTEP_DEBUG=1)"})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given writers; returns the exit code (used by tests too). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    quietLibraries();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      line.getErr().println("backstep: internal error: " + ex
          + (System.getenv("BACKSTEP_DEBUG") == null ? " (rerun with BACKSTEP_DEBUG=1 for details)" : ""));
      if (System.getenv("BACKSTEP_DEBUG") != null) {
        ex.printStackTrace(line.getErr());
      }
      return ExitCodes.INTERNAL;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("backstep: " + ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return ExitCodes.INVALID;
    });
    return cl.execute(args);
  }

  static void quietLibraries() {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
