package backstep.cli;

import backstep.engine.EngineException;
import backstep.ledger.Ledger;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The ledger as evidence.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
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
      return readLedger(target, json ? "{\"events\":0,\"intact\":true}" : "No ledger on target '{target}'.",
          (db, ledger, c) -> {
            Ledger.ChainCheck check = ledger.verifyChain(c);
            if (json) {
              out().println(Json.pretty(check));
            } else if (check.intact()) {
              out().println("Ledger of " + db.spec().name() + ": hash chain intact over " + check.events()
                  + " events.");
            } else {
              out().println("Ledger of " + db.spec().name() + ": TAMPERED — " + check.problem()
                  + " (first bad event " + check.firstBadSeq() + ").");
            }
            return check.intact() ? ExitCodes.OK : ExitCodes.FAILED;
          });
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = {
      "Write a run's full trail: who planned, approved and executed it, when, the playbook checksum and",
      "version, every step, check, guard event and decision, and whether the hash chain is intact."})
  static final class Export extends BaseCommand {
    @Option(names = "--run", required = true, paramLabel = "ID", description = "The run (id or change id).")
    String runId;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "markdown|json",
        description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    java.nio.file.Path outFile;

    @Mixin
    TargetOptions target;

    @Override
    int run() throws InvalidFileException, EngineException {
      if (!format.equals("markdown") && !format.equals("json")) {
        throw new EngineException(EngineException.INVALID, "--format: use markdown or json");
      }
      return readRun(target, runId, (d, chain) -> {
        emit(format.equals("json") ? backstep.report.AuditExport.json(d, chain)
            : backstep.report.AuditExport.markdown(d, chain), outFile, "Audit trail of " + d.run().changeId());
        return chain.intact() ? ExitCodes.OK : ExitCodes.FAILED;
      });
    }
  }
}
