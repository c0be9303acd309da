package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.playbook.Playbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true, description = {
    "Undo a playbook's run on a target, newest step first.",
    "Uses the playbook version stored in the ledger. Without PLAYBOOK or --run: the target's",
    "half-applied run, or else its latest run."})
final class RollbackCommand extends RunControlCommand {
  @Option(names = "--to", paramLabel = "STEP", description = "Undo only the steps after this one.")
  String to;

  @Override
  String to() {
    return to;
  }

  @Override
  RunResult invoke(Engine engine, Database db, Playbook pb, RunOptions o, CliDecisions d) throws EngineException {
    return Engine.join(engine.rollback(db, pb, o, d, new ProgressPrinter(err())));
  }

  /** Rolling back a run that aborted with nothing applied has nothing to do: that is success. */
  @Override
  int exit(RunResult r) {
    return r.state() == backstep.engine.RunState.ABORTED ? ExitCodes.OK : super.exit(r);
  }

  static String operator(RunFlags flags) {
    return RunControlCommand.operator(flags);
  }
}
