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

@Command(name = "resume", mixinStandardHelpOptions = true, description = {
    "Continue the target's half-applied run from where it stopped.",
    "Works for paused, failed and interrupted runs; a run that was rolling back continues rolling back."})
final class ResumeCommand extends BaseCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK",
      description = "The playbook file (optional; must be the version the run applied).")
  Path playbook;

  @Mixin
  TargetOptions target;

  @Mixin
  RunFlags flags;

  @Option(names = "--to", paramLabel = "STEP", description = "Stop after this step.")
  String to;

  @Option(names = "--run", paramLabel = "ID", description = "The run (id or change id) to resume.")
  String runId;

  @Override
  int run() throws InvalidFileException, EngineException {
    Playbook pb = playbook == null ? null : load(playbook, null);
    try (Database db = target.open(err())) {
      return withEngine(engine -> {
        RunOptions o = new RunOptions(flags.operator, flags.approver, to, runId, null);
        CliDecisions d = new CliDecisions(flags, RollbackCommand.operator(flags), err());
        RunResult r = Engine.join(engine.resume(db, pb, o, d, new ProgressPrinter(err())));
        print(r, flags.json);
        return exitCode(r, to != null);
      });
    }
  }
}
