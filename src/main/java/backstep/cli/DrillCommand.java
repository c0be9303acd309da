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

  /** Loads a drill; a command given no target option uses the one the drill names. */
  static backstep.drill.Drill load(java.nio.file.Path file, TargetOptions target)
      throws backstep.playbook.InvalidFileException {
    backstep.drill.Drill drill = new backstep.drill.DrillLoader().load(file);
    if (target.target == null && target.url == null) {
      target.target = drill.target();
    }
    return drill;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
