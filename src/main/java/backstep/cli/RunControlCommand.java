package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What rollback and resume share: an existing run to act on, found by playbook, by --run, or as the latest. */
abstract class RunControlCommand extends BaseCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK",
      description = "The playbook file (optional; the run's own version, stored in the ledger, is what runs).")
  Path playbook;

  @Mixin
  TargetOptions target;

  @Mixin
  RunFlags flags;

  @Option(names = "--run", paramLabel = "ID", description = "The run (id or change id) to act on.")
  String runId;

  @Mixin
  MetricsOptions metrics;

  /** The step boundary (--to), or null. */
  abstract String to();

  abstract RunResult invoke(Engine engine, Database db, Playbook pb, RunOptions o, CliDecisions d,
      RunListener listener) throws EngineException;

  @Override
  int run() throws InvalidFileException, EngineException {
    if (HistoryCommands.isHistory(playbook)) {
      return history(HistoryCommands.load(playbook, null));
    }
    Playbook pb = playbook == null ? null : load(playbook, null);
    try (Observers obs = Observers.open(metrics, target, operator(flags), err()); Database db = target.open(err())) {
      return withEngine(engine -> {
        RunOptions o = new RunOptions(flags.operator, flags.approver, to(), runId, null).withSampling(obs.sampled());
        RunResult r = invoke(engine, db, pb, o, new CliDecisions(flags, operator(flags), err()),
            obs.listener(new ProgressPrinter(err())));
        print(r, flags.json);
        return exit(r);
      });
    }
  }

  /** Acts on a history instead of one playbook's run. */
  abstract int history(backstep.history.History h) throws InvalidFileException, EngineException;

  int exit(RunResult r) {
    return exitCode(r, to() != null);
  }

  static String operator(RunFlags flags) {
    return flags.operator != null ? flags.operator : System.getProperty("user.name");
  }
}
