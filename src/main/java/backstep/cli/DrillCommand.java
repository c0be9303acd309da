package backstep.cli;

import picocli.CommandLine.Command;

/** {@code backstep drill run|list|history|bench}. */
@Command(name = "drill", mixinStandardHelpOptions = true,
    description = "Rollback drills: run one headless, list them, show a drill's trend, measure the workload.",
    subcommands = {DrillRunCommand.class, DrillListCommand.class, DrillHistoryCommand.class,
        DrillBenchCommand.class})
final class DrillCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
