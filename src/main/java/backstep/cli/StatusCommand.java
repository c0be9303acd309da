package backstep.cli;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.engine.StatusReader;
import backstep.engine.TargetStatus;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Explain a target's state from its ledger; exit 3 when a run is half-applied.",
    "Shows each playbook's latest run, the steps in effect and, for a half-applied run, what happened",
    "and what to do next."})
final class StatusCommand extends BaseCommand {
  @Mixin
  TargetOptions target;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    try (Database db = target.open(err())) {
      TargetStatus st = new StatusReader(db).status();
      if (json) {
        out().println(Json.pretty(st));
      } else {
        Printer.status(out(), st);
      }
      return st.halfApplied() ? ExitCodes.BUSY : st.different() ? ExitCodes.FAILED : ExitCodes.OK;
    }
  }
}
