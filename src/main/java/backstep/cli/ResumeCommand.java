package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.playbook.Playbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "resume", mixinStandardHelpOptions = true, description = {
    "Continue the target's half-applied run from where it stopped.",
    "Works for paused, failed and interrupted runs; a run that was rolling back continues rolling back."})
final class ResumeCommand extends RunControlCommand {
  @Option(names = "--to", paramLabel = "STEP", description = "Stop after this step.")
  String to;

  @Override
  int history(backstep.history.History h) throws EngineException {
    throw new EngineException(EngineException.INVALID, "resume takes a playbook, not a history: resume the "
        + "half-applied migration's playbook (`backstep status` names it), then `backstep apply` the history again");
  }

  @Override
  String to() {
    return to;
  }

  @Override
  RunResult invoke(Engine engine, Database db, Playbook pb, RunOptions o, CliDecisions d, RunListener listener)
      throws EngineException {
    return Engine.join(engine.resume(db, pb, o, d, listener));
  }
}
