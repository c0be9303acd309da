package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RollbackRequest;
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

  @Option(names = "--rollback-on-interrupt", description = {"Ctrl+C stops the run and rolls back what it applied at "
      + "once, proven (a second Ctrl+C ends the process at once), as for apply."})
  boolean rollbackOnInterrupt;

  private final RollbackRequest asked = new RollbackRequest();

  @Override
  int history(backstep.history.History h) throws EngineException {
    throw new EngineException(EngineException.INVALID, "resume takes a playbook, not a history: resume the "
        + "half-applied migration's playbook (`backstep status` names it), then `backstep apply` the history again");
  }

  /** Rolled back because Ctrl+C asked: the change did not happen (1), as for apply. */
  @Override
  int exit(RunResult r) {
    return asked.requested() && r.state() == backstep.state.RunState.ROLLED_BACK ? ExitCodes.FAILED : super.exit(r);
  }

  @Override
  String to() {
    return to;
  }

  @Override
  RunResult invoke(Engine engine, Database db, Playbook pb, RunOptions o, CliDecisions d, RunListener listener)
      throws EngineException {
    try (InterruptRollback ctrlC = InterruptRollback.when(rollbackOnInterrupt, asked, operator(flags), err())) {
      return Engine.join(engine.resume(db, pb, o.withRollbackRequest(asked), d, listener));
    }
  }
}
