package backstep.cli;

import backstep.engine.EngineException;
import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.report.ChangeReports;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Change reports for people and machines.",
    subcommands = {ReportCommand.Notice.class, ReportCommand.Summary.class})
final class ReportCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options both reports share: the format and where to write. */
  static final class Output {
    @Option(names = "--format", defaultValue = "md", paramLabel = "md|html|json",
        description = "md (Markdown), html (one self-contained page) or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path file;

    ChangeReports.Format parsed() throws EngineException {
      return ChangeReports.Format.parse(format).orElseThrow(() -> new EngineException(EngineException.INVALID,
          "--format: use md, html or json"));
    }
  }

  /** What both reports take: a target and where the output goes. */
  abstract static class Report extends BaseCommand {
    @Mixin
    TargetOptions target;

    @Mixin
    Output output;
  }

  @Command(name = "notice", mixinStandardHelpOptions = true, description = {
      "The pre-change notice for stakeholders: intent, blast radius, window, owners, each step with what it",
      "changes and likely locks, the rollback plan, decision points, success criteria and checks.",
      "Connects to nothing."})
  static final class Notice extends Report {
    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
    Path playbook;

    @Option(names = "--window", paramLabel = "TEXT",
        description = "The planned change window, e.g. \"2026-11-24 22:00-23:00 UTC\".")
    String window;

    @Override
    int run() throws InvalidFileException, EngineException {
      ChangeReports.Format format = output.parsed();
      Playbook pb = load(playbook, target);
      DialectFamily family = target.family();
      if (!pb.dialects().contains(family)) {
        throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' has no " + family.key()
            + " SQL for every step, so it cannot run on target '" + target.spec().name() + "'");
      }
      emit(ChangeReports.notice(pb, target.spec(), family, window, format), output.file,
          "Change notice for " + pb.id() + " on " + target.spec().name());
      return ExitCodes.OK;
    }
  }

  @Command(name = "summary", mixinStandardHelpOptions = true, description = {
      "The post-change summary of a run, from the ledger: what ran with timings, deviations (retries, failures,",
      "partial steps, guard events, pauses, rollbacks), checks before and after, approvals and decisions with",
      "names, recovery points, tags. Exit 1 if the ledger's hash chain is broken, 2 if it is unchecked (keyed",
      "events and no ledger key), as `audit verify`; the summary is written either way."})
  static final class Summary extends Report {
    @Option(names = "--run", required = true, paramLabel = "ID", description = "The run (id or change id).")
    String runId;

    @Override
    int run() throws InvalidFileException, EngineException {
      ChangeReports.Format format = output.parsed();
      return readRun(target, runId, (d, chain) -> {
        emit(ChangeReports.summary(d, chain, format), output.file, "Change summary of " + d.run().changeId());
        return chainExit(chain);
      });
    }
  }
}
