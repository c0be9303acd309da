package backstep.cli;

import backstep.db.Database;
import backstep.engine.CheckOutcome;
import backstep.engine.CheckRunner;
import backstep.engine.EngineException;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.playbook.CheckSpec;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true, description = {
    "Run a playbook's checks against a target now, changing nothing; exit 1 if any fails.",
    "Counts, checksums, duplicate keys, foreign-key orphans, NULLs and custom SQL, all computed in the",
    "database. expect_same_as: before compares with the values recorded before the playbook's latest run."})
final class VerifyCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PLAYBOOK")
  Path playbook;

  @Mixin
  TargetOptions target;

  @Option(names = "--json", description = "Print the outcomes as JSON.")
  boolean json;

  @Option(names = "--full-scan", description = "Count orphans of every foreign key, also where PostgreSQL enforces"
      + " it (validated, triggers enabled) and the check would otherwise take that as proof.")
  boolean fullScan;

  @Override
  int run() throws InvalidFileException, EngineException {
    Playbook pb = load(playbook, target);
    if (pb.checks().isEmpty()) {
      throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' declares no checks");
    }
    try (Database db = target.open(err()); Connection c = db.connection();
        Connection lc = new Ledger(db).connection()) {
      CheckRunner runner = new CheckRunner(db, new ProgressPrinter(err()), fullScan ? "--full-scan" : null);
      Ledger ledger = new Ledger(db);
      Optional<RunRecord> last = ledger.exists(lc) ? ledger.runs(lc, pb.id(), 1).stream().findFirst()
          : Optional.empty();
      if (last.isPresent()) {
        runner.loadBefore(lc, ledger, last.get().runId());
      }
      boolean applied = last.map(r -> r.state() == RunState.APPLIED).orElse(false);
      CheckSpec.Phase phase = applied ? CheckSpec.Phase.AFTER_FORWARD : CheckSpec.Phase.AFTER_ROLLBACK;
      List<CheckOutcome> outs = new ArrayList<>(runner.run(c, pb.checks(), phase, null));
      if (outs.isEmpty()) {
        err().println("No check of " + pb.id() + " applies to its current state (" + phase.key() + ").");
      }
      if (json) {
        out().println(Json.pretty(outs));
      } else {
        out().printf(Locale.ROOT, "Checks of %s on %s, as expected %s%s%n", pb.id(), db.spec().name(),
            applied ? "after forward (the change is applied)" : "after rollback (the change is not applied)",
            last.map(r -> "; before = values recorded before run " + r.changeId()).orElse(""));
        out().printf(Locale.ROOT, "  %-40s %-22s %-22s %-23s %-28s%n", "check", "before", "now", "basis", "expected");
        for (CheckOutcome o : outs) {
          out().printf(Locale.ROOT, "%s %-40s %-22s %-22s %-23s %-28s%s%n", ProgressPrinter.icon(o), o.name(),
              cut(o.before()),
              cut(o.value()), o.basis().words(), cut(o.expected()),
              o.detail() == null || o.detail().isBlank() ? "" : "  " + o.detail());
        }
      }
      return outs.stream().allMatch(CheckOutcome::passed) ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot run checks: " + e.getMessage());
    }
  }

  private static String cut(String s) {
    return s == null ? "–" : s.length() > 22 ? s.substring(0, 19) + "..." : s;
  }
}
