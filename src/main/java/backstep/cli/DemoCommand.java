package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.StatusReader;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "A scripted tour on the embedded sandbox: apply, status, roll back, status.",
    "Applies a sample playbook step by step, shows the ledger's view, rolls it back and shows that",
    "nothing of it is left. Needs no database and no configuration."})
final class DemoCommand extends BaseCommand {
  @Option(names = "--playbook", paramLabel = "FILE", defaultValue = "playbooks/add-email-verified.yaml",
      description = "The playbook to demonstrate (default: ${DEFAULT-VALUE}).")
  Path playbook;

  @Option(names = "--fresh", description = "Start the sandbox from scratch.")
  boolean fresh;

  @Override
  int run() throws InvalidFileException, EngineException {
    if (!Files.exists(playbook)) {
      throw new EngineException(EngineException.INVALID, "no playbook at " + playbook
          + " (run the demo from the Backstep folder, or pass --playbook)");
    }
    Playbook pb = load(playbook, null);
    TargetOptions sandbox = new TargetOptions();
    sandbox.fresh = fresh;
    RunFlags flags = new RunFlags();
    flags.yes = true;
    flags.operator = "demo";
    try (Database db = sandbox.open(err())) {
      return withEngine(engine -> {
        out().println("== " + pb.title() + " ==");
        out().println(pb.intent().strip());
        out().println();
        out().println("-- 1. apply, step by step (gates and manual steps confirmed with --yes) --");
        RunResult forward = Engine.join(engine.apply(db, pb, new RunOptions("demo", "trainer", null, null, null),
            new CliDecisions(flags, "demo", err()), new ProgressPrinter(err())));
        Printer.run(out(), forward);
        out().println();
        out().println("-- 2. status: what the ledger says --");
        Printer.status(out(), new StatusReader(db).status());
        out().println();
        out().println("-- 3. roll back, newest step first, each verified as undone --");
        RunResult back = Engine.join(engine.rollback(db, pb, new RunOptions("demo", "trainer", null,
            forward.runId(), null), new CliDecisions(flags, "demo", err()), new ProgressPrinter(err())));
        Printer.run(out(), back);
        out().println();
        out().println("-- 4. status after rollback --");
        Printer.status(out(), new StatusReader(db).status());
        return forward.state() == RunState.APPLIED && back.state() == RunState.ROLLED_BACK ? ExitCodes.OK
            : ExitCodes.FAILED;
      });
    }
  }
}
