package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true, description = {
    "Undo a playbook's run on a target, newest step first.",
    "Uses the playbook version stored in the ledger. Without PLAYBOOK or --run: the target's",
    "half-applied run, or else its latest run."})
final class RollbackCommand extends RunControlCommand {
  @Option(names = "--to", paramLabel = "STEP", description = {"Undo only the steps after this one; with a history: "
      + "only the migrations after this one (version or playbook id)."})
  String to;

  @Override
  String to() {
    return to;
  }

  @Override
  RunResult invoke(Engine engine, Database db, Playbook pb, RunOptions o, CliDecisions d, RunListener listener)
      throws EngineException {
    return Engine.join(engine.rollback(db, pb, o, d, listener));
  }

  /** Rolling back a run that aborted with nothing applied has nothing to do: that is success. */
  @Override
  int exit(RunResult r) {
    return r.state() == RunState.ABORTED ? ExitCodes.OK : super.exit(r);
  }

  @Override
  int history(backstep.history.History h) throws InvalidFileException, EngineException {
    if (runId != null) {
      throw new EngineException(EngineException.INVALID, "--run: not with a history (each migration's latest run "
          + "is rolled back); name the playbook instead to roll back one run");
    }
    int keep = HistoryCommands.index(h, to, "--to", -1);
    try (Observers obs = Observers.open(metrics, target, operator(flags), err()); Database db = target.open(err())) {
      return withEngine(engine -> {
        RunOptions o = new RunOptions(flags.operator, flags.approver, null, null, null).withSampling(obs.sampled());
        backstep.engine.HistoryRuns.Result r = new backstep.engine.HistoryRuns(engine).rollback(db, h, keep, o,
            new CliDecisions(flags, operator(flags), err()), obs.listener(new ProgressPrinter(err())));
        if (flags.json) {
          out().println(backstep.playbook.Json.pretty(r));
        } else {
          HistoryCommands.print(out(), r);
        }
        return HistoryCommands.exit(r);
      });
    }
  }

  static String operator(RunFlags flags) {
    return RunControlCommand.operator(flags);
  }
}
