package backstep.cli;

import backstep.db.Redact;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backstep} command line. */
@Command(name = "backstep", mixinStandardHelpOptions = true, version = "Backstep 0.1.0",
    description = "Guided database changes and rollback drills for PostgreSQL and MySQL/MariaDB.",
    subcommands = {ValidateCommand.class, LintCommand.class, PlanCommand.class, ApplyCommand.class,
        RollbackCommand.class, ResumeCommand.class, VerifyCommand.class, RehearseCommand.class, StatusCommand.class,
        HistoryCommand.class, WatchCommand.class,
        SnapshotCommand.class, DiffCommand.class, AuditCommand.class, RecoveryCommand.class, ReportCommand.class,
        SeedCommand.class, CopyCommand.class, DrillCommand.class, ImportCommand.class, AdoptCommand.class,
        FleetCommand.class,
        DemoCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok", "1:the change failed, was aborted, or a rollback failed; lint: findings at or above --severity",
        "2:invalid input or usage (playbook, target, step, options)",
        "3:target busy (another process) or half-applied (resume or roll back first)",
        "4:target unreachable or unusable", "5:stopped at a gate, manual step or confirmation",
        "70:internal error (a bug; rerun with BACKSTEP_DEBUG=1)"})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Read by {@link #execute} before parsing (the log level is set once, before any Backstep class logs). */
  @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Log what Backstep does and every exception it ignores to standard error (also BACKSTEP_DEBUG=1);"
          + " passwords and URL secrets are redacted.")
  boolean debug;

  /** The console's launcher, loaded by name so the CLI never depends on the UI (or JavaFX) at compile time. */
  static final String CONSOLE_LAUNCHER = "backstep.ui.ConsoleLauncher";

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    if (backstep.db.DebugLog.requested(System.getenv("BACKSTEP_DEBUG"))) {
      backstep.db.DebugLog.enable();
    }
    if (args.length == 0) {
      System.exit(openConsole(out, err, GraphicsEnvironment.isHeadless(), Main::launchConsole));
    }
    System.exit(execute(args, out, err));
  }

  /** Starts the console and returns when its window closes. */
  interface Launcher {
    void launch() throws ReflectiveOperationException;
  }

  /**
   * No arguments: open the console. Without a display (a CI host, an SSH session) say so, show the usage and
   * exit 0, since asking for the console there is not an error in the command line.
   */
  static int openConsole(PrintWriter out, PrintWriter err, boolean headless, Launcher launcher) {
    if (headless) {
      return noDisplay(out);
    }
    try {
      launcher.launch();
      return ExitCodes.OK;
    } catch (ClassNotFoundException e) {
      err.println("backstep: this build has no console (" + CONSOLE_LAUNCHER + " is missing); use a command:");
      usage(out);
      return ExitCodes.OK;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null
          ? ite.getCause() : e;
      String m = String.valueOf(cause.getMessage());
      if (m.contains("DISPLAY") || m.contains("display") || m.contains("toolkit") || cause instanceof LinkageError) {
        return noDisplay(out);
      }
      err.println("backstep: the console could not start: " + cause);
      return ExitCodes.INTERNAL;
    }
  }

  private static int noDisplay(PrintWriter out) {
    out.println("no display: the console needs a desktop; use a command, e.g. `backstep demo`");
    out.println();
    usage(out);
    return ExitCodes.OK;
  }

  private static void usage(PrintWriter out) {
    quietLibraries();
    CommandLine cl = new CommandLine(new Main());
    cl.usage(out);
    out.flush();
  }

  private static void launchConsole() throws ReflectiveOperationException {
    Class.forName(CONSOLE_LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
  }

  /** Runs the command line with the given writers; returns the exit code (used by tests too). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    quietLibraries();
    boolean debug = backstep.db.DebugLog.requested(System.getenv("BACKSTEP_DEBUG"))
        || java.util.Arrays.asList(args).contains("--debug");
    if (debug) {
      backstep.db.DebugLog.enable();
    }
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, line, parsed) -> internalError(ex, line.getErr(), debug));
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("backstep: " + Redact.text(ex.getMessage()));
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return ExitCodes.INVALID;
    });
    return cl.execute(args);
  }

  /**
   * Reports a bug: one line, or the stack trace with {@code debug}. A driver's or HikariCP's message may quote the
   * whole JDBC URL, so both pass the one redacting formatter.
   */
  static int internalError(Exception ex, PrintWriter err, boolean debug) {
    err.println("backstep: internal error: " + Redact.text(String.valueOf(ex))
        + (debug ? "" : " (rerun with BACKSTEP_DEBUG=1 for details)"));
    if (debug) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.print(Redact.text(trace.toString()));
    }
    return ExitCodes.INTERNAL;
  }

  static void quietLibraries() {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    // a killed connection (a drill's fault, a failover) is reported by Backstep itself, never as a stack trace
    System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.ProxyConnection", "error");
  }

  /** {@code backstep} with no command (from {@link #execute}, e.g. in tests): the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
