package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true, description = {
    "Undo a playbook's run on a target, newest step first.",
    "Uses the playbook version stored in the ledger. Without PLAYBOOK or --run: the target's",
    "half-applied run."})
final class RollbackCommand extends BaseCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK", description = "The playbook file (optional).")
  Path playbook;

  @Mixin
  TargetOptions target;

  @Mixin
  RunFlags flags;

  @Option(names = "--to", paramLabel = "STEP", description = "Undo only the steps after this one.")
  String to;

  @Option(names = "--run", paramLabel = "ID", description = "The run (id or change id) to roll back.")
  String runId;

  @Override
  int run() throws InvalidFileException, EngineException {
    Playbook pb = playbook == null ? null : load(playbook, null);
    try (Database db = target.open(err())) {
      return withEngine(engine -> {
        RunOptions o = new RunOptions(flags.operator, flags.approver, to, runId, null);
        CliDecisions d = new CliDecisions(flags, operator(flags), err());
        RunResult r = Engine.join(engine.rollback(db, pb, o, d, new ProgressPrinter(err())));
        print(r, flags.json);
        return r.state() == backstep.engine.RunState.ABORTED ? ExitCodes.OK : exitCode(r, to != null);
      });
    }
  }

  static String operator(RunFlags flags) {
    return flags.operator != null ? flags.operator : System.getProperty("user.name");
  }
}
