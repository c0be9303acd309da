package backstep.cli;

import backstep.adopt.Baseline;
import backstep.db.Database;
import backstep.engine.AdoptOptions;
import backstep.engine.AdoptResult;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.history.History;
import backstep.history.HistoryLoader;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.PlaybookLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "adopt", mixinStandardHelpOptions = true, description = {
    "Record which migrations of a history another tool already applied to a live",
    "target, so that status, apply and rollback continue from there. Reads Flyway's",
    "flyway_schema_history, Liquibase's DATABASECHANGELOG, golang-migrate's or",
    "dbmate's schema_migrations, or Sqitch's registry; changes nothing in the schema.",
    "Each applied migration becomes an APPLIED run (event ADOPTED, hash-chained); its",
    "rollback stays unproven: no fingerprint from before it exists. Refuses (exit 1,",
    "nothing recorded) when a checksum differs, the database is half-migrated, the",
    "table lists a migration the history lacks, or one is missing before an applied",
    "one. Running it again records nothing twice."})
final class AdoptCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "HISTORY", description = "The history.yaml (or its folder), as written by "
      + "`backstep import`.")
  Path history;

  @Mixin
  TargetOptions target;

  @Option(names = "--format", paramLabel = "TOOL", description = {"Whose table to read: flyway, liquibase, "
      + "golang-migrate, dbmate or sqitch (default: the one the target has)."})
  String format;

  @Option(names = "--table", paramLabel = "NAME", description = {"The tool's table when it is not the default "
      + "(Flyway's `table`, Liquibase's databaseChangeLogTableName), in the target's schema."})
  String table;

  @Option(names = "--registry", paramLabel = "NAME", description = {"Sqitch's registry: a schema on PostgreSQL, a "
      + "database on MySQL/MariaDB (default: sqitch)."})
  String registry;

  @Option(names = "--project", paramLabel = "NAME", description = "The Sqitch project, when the registry holds "
      + "several.")
  String project;

  @Option(names = "--accept-checksums", description = {"Record the baseline even where a checksum differs; each "
      + "difference is written into the ledger with its run."})
  boolean acceptChecksums;

  @Option(names = "--dry-run", description = "Print what would be recorded; record nothing.")
  boolean dryRun;

  @Option(names = "--no-fingerprint", description = {"Do not fingerprint the target at adoption (a rollback of an "
      + "adopted migration then cannot list what it changed)."})
  boolean noFingerprint;

  @Option(names = "--operator", paramLabel = "NAME", description = "Who adopts (default: your OS user).")
  String operator;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    if (!HistoryLoader.isHistory(history)) {
      throw new EngineException(EngineException.INVALID, history + ": not a history (a history.yaml, or a folder "
          + "holding one); `backstep import` writes one");
    }
    History h = new HistoryLoader(new PlaybookLoader(target.targets().names())).load(history);
    AdoptOptions o = new AdoptOptions(format, table, registry, project, acceptChecksums, dryRun, operator,
        !noFingerprint);
    try (Database db = target.open(err())) {
      return withEngine(engine -> {
        AdoptResult r = Engine.join(engine.adopt(db, h, o));
        if (json) {
          out().println(Json.pretty(r));
        } else {
          print(out(), h, r);
        }
        return r.refused() ? ExitCodes.FAILED : ExitCodes.OK;
      });
    }
  }

  static void print(PrintWriter out, History h, AdoptResult r) {
    Baseline b = r.baseline();
    out.printf(Locale.ROOT, "Adopting %s on %s from %s's %s%s%n", h.id(), r.target(), b.tool(), b.table(),
        r.dryRun() ? " (dry run)" : "");
    for (Baseline.Entry e : b.entries()) {
      String what = switch (e.state()) {
        case ADOPT -> (r.dryRun() || r.refused() ? "to record: " : "recorded: ") + e.appliedBy() + "; "
            + e.checksum().describe();
        case IN_LEDGER -> "already in the ledger (latest run " + e.ledgerState() + "); not recorded again";
        case NOT_APPLIED -> "not applied: left for Backstep to apply";
      };
      String icon = switch (e.state()) {
        case ADOPT -> "✔";
        case IN_LEDGER -> "≡";
        case NOT_APPLIED -> "○";
      };
      out.printf(Locale.ROOT, "  %s %-3d %-14s %s%n      %s%n", icon, e.index() + 1, e.version(), e.playbookId(),
          what);
    }
    section(out, "Checksums that differ (migration: stored, imported)" + (r.acceptChecksums()
        ? ", accepted with --accept-checksums and written into the ledger" : ""),
        b.mismatches().stream().map(Baseline.Mismatch::describe).toList());
    section(out, "Half-migrated", b.halfApplied());
    section(out, "Applied, but not in the history", b.unknown());
    section(out, "Gaps (a migration not applied while a later one is)", b.gaps());
    section(out, "Cannot be recorded", b.problems());
    section(out, "Notes", b.notes());
    int n = b.toRecord().size();
    out.println();
    if (r.refused()) {
      out.println("REFUSED: nothing was recorded." + (b.mismatches().isEmpty() || r.acceptChecksums() ? ""
          : " A checksum that differs means the migration changed since " + b.tool() + " applied it: restore the "
              + "file as applied and import again, or pass --accept-checksums to record the baseline anyway."));
    } else if (r.dryRun()) {
      out.println("Dry run: would record " + n + " adopted run(s); nothing was recorded.");
    } else if (r.recorded().isEmpty()) {
      out.println("Nothing to record: every migration " + b.tool() + " applied is in the ledger already.");
    } else {
      List<AdoptResult.Recorded> rec = r.recorded();
      out.println("Recorded " + rec.size() + " adopted run(s), " + rec.get(0).changeId()
          + (rec.size() > 1 ? " … " + rec.get(rec.size() - 1).changeId() : "") + ". Their rollbacks are unproven: "
          + "no fingerprint from before them exists.");
      if (r.fingerprintSha256() != null) {
        out.println("Fingerprint of the target at adoption: sha256 " + r.fingerprintSha256().substring(0, 12)
            + " (the state after them: a rollback of an adopted migration lists what it changed against it).");
      }
    }
    if (!r.refused()) {
      out.println("Next: backstep status; backstep apply " + h.file() + " for the rest.");
    }
  }

  private static void section(PrintWriter out, String title, List<String> lines) {
    if (!lines.isEmpty()) {
      out.println();
      out.println(title + ":");
      lines.forEach(l -> out.println("  - " + l));
    }
  }
}
