package backstep.cli;

import picocli.CommandLine.Command;

/** {@code backstep traffic capture|replay}. */
@Command(name = "traffic", mixinStandardHelpOptions = true,
    description = "Traffic profiles: capture a target's statements into a profile file, replay one on a target.",
    subcommands = {TrafficCaptureCommand.class, TrafficReplayCommand.class})
final class TrafficCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
