package backstep.cli;

import backstep.engine.EngineException;
import backstep.ledger.ChainVerdict;
import backstep.ledger.Ledger;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The ledger as evidence.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Anchor.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The first line of an anchor file: {@code backstep-anchor target=NAME seq=N hash=HEX}. */
  static final java.util.regex.Pattern ANCHOR =
      java.util.regex.Pattern.compile("backstep-anchor target=(\\S+) seq=(\\d+) hash=([0-9a-f]{64})\\b.*");

  @Command(name = "verify", mixinStandardHelpOptions = true, description = {
      "Recompute a target's ledger hash chain; exit 1 if any event was altered, removed or inserted, or a run's",
      "recorded chain head is gone (the newest events, or all of them, deleted). Each event's SHA-256 covers its",
      "fields and the previous event's hash, so editing one row with SQL breaks the chain at that row.",
      "Keyed chain: with a ledger key (BACKSTEP_LEDGER_KEY, --ledger-key-file or targets.yaml ledger_key_file)",
      "new events are HMAC-SHA256 with it; the database never sees the key. Verifying with the key also detects",
      "an edited keyed event whose hash was recomputed, an event keyed with another key, and an unkeyed event",
      "after keyed ones. Older unkeyed events before the first keyed one are checked as SHA-256 (a mixed chain",
      "verifies). Without the key, keyed events' links are checked but not their HMACs: it says how many it",
      "could not check and exits 2.",
      "Not detected without --anchor: run rows deleted with their events, the newest events deleted with the",
      "run rows' recorded heads edited to match, or an unkeyed chain (or all of a keyed chain from its first",
      "keyed event on) rewritten with fresh unkeyed hashes by someone with write access. With --anchor FILE",
      "(from `audit anchor`), the anchored event must still be there with its hash: nothing up to it was",
      "rewritten or removed since."})
  static final class Verify extends BaseCommand {
    @Mixin
    TargetOptions target;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--anchor", paramLabel = "FILE", description = "An anchor written by `audit anchor` to check.")
    java.nio.file.Path anchor;

    @Override
    int run() throws InvalidFileException, EngineException {
      java.util.regex.Matcher a = anchor == null ? null : readAnchor(anchor);
      String none = json ? Json.pretty(new Ledger.ChainCheck(0, true, 0, "")) : "No ledger on target '{target}'.";
      return readLedger(target, none,
          (db, ledger, c) -> {
            Ledger.ChainCheck check = ledger.verifyChain(c);
            if (a != null && check.intact()) {
              long seq = Long.parseLong(a.group(2));
              String hash = ledger.eventHash(c, seq).orElse(null);
              if (!a.group(3).equals(hash)) {
                check = new Ledger.ChainCheck(check.events(), false, seq, "the chain was rewritten or truncated "
                    + "since it was anchored at event " + seq + " (" + anchor + "): that event is "
                    + (hash == null ? "missing" : "different"));
              }
            }
            if (json) {
              out().println(Json.pretty(check));
            } else if (check.verdict() == ChainVerdict.UNCHECKED) {
              out().println("Ledger of " + db.spec().name() + ": hash chain " + ChainVerdict.sentence(check) + ".");
            } else if (check.intact()) {
              out().println("Ledger of " + db.spec().name() + ": hash chain intact over " + check.events()
                  + " events" + (check.keyed() > 0 ? " (" + check.keyed() + " keyed, checked with ledger key "
                  + db.ledgerKey().map(backstep.db.LedgerKey::id).orElse("?") + ")" : "") + ".");
            } else {
              out().println("Ledger of " + db.spec().name() + ": TAMPERED — " + check.problem()
                  + " (first bad event " + check.firstBadSeq() + ").");
            }
            return ExitCodes.chain(check);
          });
    }
  }

  static java.util.regex.Matcher readAnchor(java.nio.file.Path file) throws EngineException {
    try {
      String first = java.nio.file.Files.readAllLines(file).stream().findFirst().orElse("");
      java.util.regex.Matcher m = ANCHOR.matcher(first.trim());
      if (!m.matches()) {
        throw new EngineException(EngineException.INVALID, file + ":1: not a Backstep anchor (expected "
            + "`backstep-anchor target=NAME seq=N hash=HEX`, as `backstep audit anchor` writes)");
      }
      return m;
    } catch (java.io.IOException e) {
      throw new EngineException(EngineException.INVALID, "--anchor: cannot read " + file + ": " + e.getMessage());
    }
  }

  @Command(name = "anchor", mixinStandardHelpOptions = true, description = {
      "Print (or write to a file) the head of a target's hash chain, to keep outside the database: in a CI log,",
      "a ticket or a file. A later `audit verify --anchor FILE` proves nothing up to that event was rewritten."})
  static final class Anchor extends BaseCommand {
    @Mixin
    TargetOptions target;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the anchor here too.")
    java.nio.file.Path outFile;

    @Override
    int run() throws InvalidFileException, EngineException {
      return readLedger(target, "No ledger on target '{target}': nothing to anchor.", (db, ledger, c) -> {
        Ledger.ChainCheck check = ledger.verifyChain(c);
        if (!check.intact()) {
          out().println("Ledger of " + db.spec().name() + ": TAMPERED — " + check.problem() + "; not anchored.");
          return ExitCodes.FAILED;
        }
        var head = ledger.head(c);
        String line = "backstep-anchor target=" + db.spec().name() + " seq=" + head.seq() + " hash=" + head.hash()
            + " at=" + java.time.Instant.now();
        out().println(line);
        if (outFile != null) {
          try {
            java.nio.file.Files.writeString(outFile, line + System.lineSeparator());
          } catch (java.io.IOException e) {
            throw new EngineException(EngineException.INVALID, "--out: cannot write " + outFile + ": "
                + e.getMessage());
          }
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = {
      "Write a run's full trail: who planned, approved and executed it, when, the playbook checksum and",
      "version, every step, check, guard event and decision, and the hash chain's verdict. Exit 1 if the chain is",
      "broken, 2 if it is unchecked (keyed events and no ledger key), as `audit verify`; the trail is written",
      "either way."})
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
        return chainExit(chain);
      });
    }
  }
}
