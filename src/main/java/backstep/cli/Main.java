package backstep.cli;

import backstep.db.Redact;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** The {@code backstep} command line. */
@Command(name = "backstep", mixinStandardHelpOptions = true, versionProvider = BuildStamp.class,
    description = "Guided database changes and rollback drills for PostgreSQL and MySQL/MariaDB.",
    subcommands = {ValidateCommand.class, LintCommand.class, PlanCommand.class, ApplyCommand.class,
        RollbackCommand.class, ResumeCommand.class, VerifyCommand.class, RehearseCommand.class, StatusCommand.class,
        HistoryCommand.class, WatchCommand.class,
        SnapshotCommand.class, DiffCommand.class, AuditCommand.class, RecoveryCommand.class, ReportCommand.class,
        SeedCommand.class, CopyCommand.class, DrillCommand.class, ImportCommand.class, AdoptCommand.class,
        FleetCommand.class, TrafficCommand.class,
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
  CommandSpec spec;

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
    CommandLine cl = commandLine(args);
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
   * The command line for these arguments. Picocli reflects over every command when it builds the whole model, a
   * few hundred milliseconds on each start; a command named first (or {@code --version} alone) needs only its own,
   * so only that one is built. Anything else (no command, {@code --help}, a misspelt command that picocli should
   * answer with suggestions) gets the whole model.
   */
  static CommandLine commandLine(String[] args) {
    if (args.length == 0) {
      return new CommandLine(new Main());
    }
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return new CommandLine(bareRoot());
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      return new CommandLine(listingRoot());
    }
    for (Class<?> sub : Main.class.getAnnotation(Command.class).subcommands()) {
      Command c = sub.getAnnotation(Command.class);
      if (c.name().equals(args[0]) || java.util.Arrays.asList(c.aliases()).contains(args[0])) {
        CommandSpec root = bareRoot();
        root.addSubcommand(c.name(), new CommandLine(sub));
        return new CommandLine(root);
      }
    }
    return new CommandLine(new Main());
  }

  /**
   * The root command without its subcommands: the name, {@code --help}, {@code --version} and the options declared
   * on this class with {@code scope = INHERIT}, which every command takes (read from the fields' annotations, as
   * picocli would, without building the subcommands).
   */
  private static CommandSpec bareRoot() {
    Main main = new Main();
    CommandSpec root = CommandSpec.wrapWithoutInspection(main).name("backstep")
        .mixinStandardHelpOptions(true).versionProvider(new BuildStamp());
    root.usageMessage().description(Main.class.getAnnotation(Command.class).description());
    addInherited(root, main);
    return root;
  }

  /**
   * The root command for {@code --help} alone: its usage lists every command by name and summary, read from the
   * commands' annotations, and the exit codes, without building any command's options (which is what made
   * {@code --help} cost twice {@code --version}).
   */
  private static CommandSpec listingRoot() {
    CommandSpec root = bareRoot();
    Command main = Main.class.getAnnotation(Command.class);
    root.usageMessage().exitCodeListHeading(main.exitCodeListHeading());
    java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
    for (String code : main.exitCodeList()) {
      int colon = code.indexOf(':');
      codes.put(code.substring(0, colon), code.substring(colon + 1));
    }
    root.usageMessage().exitCodeList(codes);
    for (Class<?> sub : main.subcommands()) {
      Command c = sub.getAnnotation(Command.class);
      CommandSpec listed = CommandSpec.create().name(c.name()).aliases(c.aliases());
      listed.usageMessage().header(c.header()).description(c.description()).hidden(c.hidden());
      root.addSubcommand(c.name(), listed);
    }
    return root;
  }

  /** Adds the {@code scope = INHERIT} options declared on {@code holder}'s fields to {@code root}, bound to them. */
  static void addInherited(CommandSpec root, Object holder) {
    for (java.lang.reflect.Field f : holder.getClass().getDeclaredFields()) {
      Option o = f.getAnnotation(Option.class);
      if (o == null || o.scope() != CommandLine.ScopeType.INHERIT) {
        continue;
      }
      f.setAccessible(true);
      OptionSpec.Builder b = OptionSpec.builder(o.names()).description(o.description()).type(f.getType())
          .scopeType(CommandLine.ScopeType.INHERIT);
      if (!o.arity().isEmpty()) {
        b.arity(o.arity());
      }
      if (!o.paramLabel().isEmpty()) {
        b.paramLabel(o.paramLabel());
      }
      root.addOption(b.getter(new CommandLine.Model.IGetter() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() throws IllegalAccessException {
          return (T) f.get(holder);
        }
      }).setter(new CommandLine.Model.ISetter() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) throws IllegalAccessException {
          T old = (T) f.get(holder);
          if (value != null || !f.getType().isPrimitive()) { // picocli resets a flag with no initial value to null
            f.set(holder, value);
          }
          return old;
        }
      }).build());
    }
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
