package backstep.cli;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RollbackRequest;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Apply a playbook to a target, step by step, behind its gates and guards.")
final class ApplyCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PLAYBOOK|HISTORY", description = {"The playbook file, or a history "
      + "(history.yaml or its folder): then every migration not applied yet, in order."})
  Path playbook;

  @Mixin
  TargetOptions target;

  @Mixin
  RunFlags flags;

  @Mixin
  MetricsOptions metrics;

  @Option(names = "--to", paramLabel = "STEP", description = {"Stop after this step (the run stays paused there); "
      + "with a history: stop after this migration (version or playbook id)."})
  String to;

  @Option(names = "--change-id", paramLabel = "ID", description = "Change identifier (default: generated).")
  String changeId;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A free tag recorded with the run "
      + "(repeatable), e.g. --tag release=2026.11 --tag ticket=CAB-7.")
  java.util.Map<String, String> tags;

  @Option(names = "--rollback-on-failure", description = "If a step fails, roll back what was applied at once.")
  boolean rollbackOnFailure;

  @Option(names = "--rollback-on-interrupt", description = {"Ctrl+C stops the run and rolls back what it applied at "
      + "once, in the same session, proven (a second Ctrl+C ends the process at once). Without it, Ctrl+C ends the "
      + "process and leaves the run for `resume` or `rollback`."})
  boolean rollbackOnInterrupt;

  @Option(names = "--no-fingerprint", description = {"Do not fingerprint the target before the run and around each "
      + "step. Faster on huge schemas, but steps record no schema effect and the run's rollback is reported as "
      + "unproven."})
  boolean noFingerprint;

  @Override
  int run() throws InvalidFileException, EngineException {
    if (HistoryCommands.isHistory(playbook)) {
      return history();
    }
    Playbook pb = load(playbook, target);
    try (Observers obs = Observers.open(metrics, target, RollbackCommand.operator(flags), err());
         Database db = target.open(err())) {
      return withEngine(engine -> {
        RollbackRequest asked = new RollbackRequest();
        RunOptions o = new RunOptions(flags.operator, flags.approver, to, null, changeId).withTags(tags)
            .withFingerprints(!noFingerprint).withSampling(obs.sampled()).withRollbackRequest(asked);
        CliDecisions d = new CliDecisions(flags, RollbackCommand.operator(flags), err());
        RunListener progress = obs.listener(new ProgressPrinter(err()));
        RunResult r;
        try (InterruptRollback ctrlC = InterruptRollback.when(rollbackOnInterrupt, asked,
            RollbackCommand.operator(flags), err())) {
          r = Engine.join(engine.apply(db, pb, o, d, progress));
        }
        if (rollbackOnFailure && r.state() == RunState.FAILED) {
          err().println("Rolling back because of --rollback-on-failure");
          RunResult back = Engine.join(engine.rollback(db, pb,
              new RunOptions(flags.operator, flags.approver, null, r.runId(), null).withSampling(obs.sampled()), d,
              progress));
          if (flags.json) {
            out().println(backstep.playbook.Json.pretty(java.util.Map.of("apply", r, "rollback", back)));
          } else {
            print(r, false);
            print(back, false);
          }
          return back.state() == RunState.ROLLED_BACK ? ExitCodes.FAILED : exitCode(back, false);
        }
        print(r, flags.json);
        return r.state() == RunState.ROLLED_BACK ? ExitCodes.FAILED : exitCode(r, to != null);
      });
    }
  }

  private int history() throws InvalidFileException, EngineException {
    if (rollbackOnFailure || rollbackOnInterrupt) {
      throw new EngineException(EngineException.INVALID, (rollbackOnFailure ? "--rollback-on-failure"
          : "--rollback-on-interrupt") + ": not for a history (roll back the failed or interrupted migration with "
          + "`backstep rollback`, or the history with `backstep rollback HISTORY`)");
    }
    backstep.history.History h = HistoryCommands.load(playbook, target);
    int last = HistoryCommands.index(h, to, "--to", h.migrations().size() - 1);
    try (Observers obs = Observers.open(metrics, target, RollbackCommand.operator(flags), err());
         Database db = target.open(err())) {
      return withEngine(engine -> {
        RunOptions o = new RunOptions(flags.operator, flags.approver, null, null, changeId).withTags(tags)
            .withFingerprints(!noFingerprint).withSampling(obs.sampled());
        CliDecisions d = new CliDecisions(flags, RollbackCommand.operator(flags), err());
        backstep.engine.HistoryRuns.Result r = new backstep.engine.HistoryRuns(engine).apply(db, h, last, o, d,
            obs.listener(new ProgressPrinter(err())));
        if (flags.json) {
          out().println(backstep.playbook.Json.pretty(r));
        } else {
          HistoryCommands.print(out(), r);
        }
        return HistoryCommands.exit(r);
      });
    }
  }
}
