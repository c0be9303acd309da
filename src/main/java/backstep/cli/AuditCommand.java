package backstep.cli;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.ledger.Ledger;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The ledger as evidence.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, description = {
      "Recompute a target's ledger hash chain; exit 1 if any event was altered, removed or inserted.",
      "Each event's SHA-256 covers its fields and the previous event's hash, so editing one row with SQL",
      "breaks the chain at that row."})
  static final class Verify extends BaseCommand {
    @Mixin
    TargetOptions target;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    int run() throws InvalidFileException, EngineException {
      try (Database db = target.open(err()); Connection c = new Ledger(db).connection()) {
        Ledger ledger = new Ledger(db);
        if (!ledger.exists(c)) {
          out().println(json ? "{\"events\":0,\"intact\":true}" : "No ledger on target '" + db.spec().name() + "'.");
          return ExitCodes.OK;
        }
        Ledger.ChainCheck check = ledger.verifyChain(c);
        if (json) {
          out().println(Json.pretty(check));
        } else if (check.intact()) {
          out().println("Ledger of " + db.spec().name() + ": hash chain intact over " + check.events() + " events.");
        } else {
          out().println("Ledger of " + db.spec().name() + ": TAMPERED — " + check.problem() + " (first bad event "
              + check.firstBadSeq() + ").");
        }
        return check.intact() ? ExitCodes.OK : ExitCodes.FAILED;
      } catch (SQLException e) {
        throw new EngineException(EngineException.UNAVAILABLE, "cannot read the ledger: " + e.getMessage());
      }
    }
  }
}
