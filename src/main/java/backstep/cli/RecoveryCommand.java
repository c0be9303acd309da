package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RecoveryPoints;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "recovery", mixinStandardHelpOptions = true,
    description = "Recovery points taken by snapshot steps: list them, drop one once a change is signed off.",
    subcommands = {RecoveryCommand.ListPoints.class, RecoveryCommand.Drop.class})
final class RecoveryCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List a target's recovery points.")
  static final class ListPoints extends BaseCommand {
    @Mixin
    TargetOptions target;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    int run() throws InvalidFileException, EngineException {
      try (Database db = target.open(err())) {
        List<RecoveryPoints.Point> points = RecoveryPoints.list(db);
        if (json) {
          out().println(Json.pretty(points));
        } else if (points.isEmpty()) {
          out().println("No recovery points on " + db.spec().name() + ".");
        } else {
          for (RecoveryPoints.Point p : points) {
            out().printf(Locale.ROOT, "%-52s %8d rows  %-12s step %-20s change %s  %s%n", p.table(), p.rows(),
                p.exists() ? "kept" : "dropped", p.stepId(), p.changeId(), p.takenAt());
          }
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "drop", mixinStandardHelpOptions = true,
      description = "Drop a recovery point (after the change is signed off); recorded in the ledger.")
  static final class Drop extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The recovery table, as `recovery list` shows it.")
    String table;

    @Mixin
    TargetOptions target;

    @Mixin
    RunFlags flags;

    @Override
    int run() throws InvalidFileException, EngineException {
      try (Database db = target.open(err())) {
        return withEngine(engine -> {
          CliDecisions d = new CliDecisions(flags, RollbackCommand.operator(flags), err());
          Engine.join(engine.dropRecoveryPoint(db, table, RollbackCommand.operator(flags), d));
          out().println("Dropped recovery point " + table + ".");
          return ExitCodes.OK;
        });
      }
    }
  }
}
