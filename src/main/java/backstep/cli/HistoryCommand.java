package backstep.cli;

import backstep.engine.EngineException;
import backstep.ledger.ChainVerdict;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.LedgerReader;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
    description = "The ledger of a target: runs, newest first, or one run's steps and events.")
final class HistoryCommand extends BaseCommand {
  @Mixin
  TargetOptions target;

  @Option(names = "--playbook", paramLabel = "ID", description = "Only runs of this playbook id.")
  String playbookId;

  @Option(names = "--run", paramLabel = "ID", description = "Show one run (id or change id) with its events and the "
      + "hash chain's verdict; exit 1 if the chain is broken, 2 if unchecked (keyed events, no ledger key).")
  String runId;

  @Option(names = "--limit", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    atLeast("--limit", limit, 1);
    if (runId != null) { // one run: where there is no ledger (or no such run) that is an error, not an empty list
      return readRun(target, runId, this::oneRun);
    }
    return readLedger(target, json ? "[]" : "no runs recorded on target '{target}'", (db, ledger, c) -> {
      List<RunRecord> runs = ledger.runs(c, playbookId, limit);
      if (json) {
        out().println(Json.pretty(runs));
        return ExitCodes.OK;
      }
      out().printf(Locale.ROOT,
          "%-28s %-26s %-4s %-16s %-12s %-25s %s%n", "change", "playbook", "ver", "state", "operator",
          "started (UTC)", "tags");
      for (RunRecord r : runs) {
        out().printf(Locale.ROOT,
            "%-28s %-26s %-4d %-16s %-12s %-25s %s%n", r.changeId(), r.playbookId(), r.playbookVersion(),
            r.state().name().toLowerCase(Locale.ROOT), r.operator(), r.startedAt().toString().replace('T', ' '),
            r.tags().describe());
      }
      return ExitCodes.OK;
    });
  }

  private int oneRun(LedgerReader.RunDetail d, Ledger.ChainCheck chain) {
    RunRecord r = d.run();
    List<EventRecord> events = d.events();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run", r);
      m.put("steps", d.steps());
      m.put("events", events);
      m.put("chain", chain);
      out().println(Json.pretty(m));
      return chainExit(chain);
    }
    out().printf(Locale.ROOT, "%s  %s v%d on %s — %s%n", r.changeId(), r.playbookId(), r.playbookVersion(), r.target(),
        r.state().name().toLowerCase(Locale.ROOT));
    out().printf(Locale.ROOT,
        "  operator %s (os user %s, host %s, pid %d)%s%n", r.operator(), r.osUser(), r.host(), r.pid(),
        r.approver() == null ? "" : ", approver " + r.approver());
    out().printf(Locale.ROOT, "  playbook sha256 %s%n", r.playbookSha256());
    if (!r.tags().isEmpty()) {
      out().printf(Locale.ROOT, "  tags: %s%n", r.tags().describe());
    }
    if (r.error() != null) {
      out().println("  error: " + r.error());
    }
    out().println("Events:");
    for (EventRecord e : events) {
      out().printf(Locale.ROOT, "  %5d %s %-20s %-22s %s%s%n", e.seq(), e.at().toString().replace('T', ' '), e.type(),
          e.stepId() == null ? "" : e.stepId(), e.actor() == null ? "" : e.actor(),
          e.detail() == null ? "" : "  " + e.detail());
    }
    out().println(switch (chain.verdict()) {
      case INTACT -> "Ledger hash chain intact (" + chain.events() + " events).";
      case UNCHECKED -> "Ledger hash chain " + ChainVerdict.sentence(chain) + ".";
      case BROKEN -> "LEDGER HASH CHAIN BROKEN: " + chain.problem();
    });
    return chainExit(chain);
  }
}
