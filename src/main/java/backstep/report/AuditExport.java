package backstep.report;

import backstep.ledger.ChainVerdict;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ledger.LedgerReader.RunDetail;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.playbook.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit export of one run, from the ledger alone: Markdown for people, JSON for machines. Both carry the
 * run, every step execution, every event with its hash, and the hash-chain check of the target's ledger.
 */
public final class AuditExport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

  private AuditExport() {}

  public static String json(RunDetail d, Ledger.ChainCheck chain) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "backstep-audit-export/1");
    m.put("run", d.run());
    m.put("steps", d.steps());
    m.put("events", d.events());
    m.put("chain", chain);
    return Json.pretty(m);
  }

  public static String markdown(RunDetail d, Ledger.ChainCheck chain) {
    RunRecord r = d.run();
    StringBuilder b = new StringBuilder();
    b.append("# Audit export: ").append(r.changeId()).append("\n\n");
    row(b, "Playbook", r.playbookId() + " v" + r.playbookVersion() + " (sha256 " + r.playbookSha256() + ")");
    row(b, "Target", r.target() + " (" + r.dialect() + ")");
    row(b, "State", r.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    row(b, "Operator", r.operator() + (r.approver() == null ? "" : " · approver " + r.approver()));
    row(b, "Process", r.osUser() + "@" + r.host() + " pid " + r.pid());
    row(b, "Started", time(r.startedAt()));
    row(b, "Ended", time(r.endedAt()));
    if (r.error() != null) {
      row(b, "Error", r.error());
    }
    row(b, "Run id", r.runId());
    if (!r.tags().isEmpty()) {
      row(b, "Tags", r.tags().describeFull());
    }
    b.append("\n## Steps\n\n| # | step | kind | state | actor | duration | rows | error |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (StepRecord s : d.steps()) {
      b.append("| ").append(s.index() + 1).append(" | ").append(cell(s.stepId())).append(" | ").append(s.kind())
          .append(" | ").append(s.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" | ")
          .append(cell(s.actor())).append(" | ").append(duration(s.startedAt(), s.endedAt())).append(" | ")
          .append(s.rowsAffected()).append(" | ").append(cell(s.error())).append(" |\n");
    }
    b.append("\n## Events\n\n| seq | at | event | step | actor | detail | hash |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (EventRecord e : d.events()) {
      b.append("| ").append(e.seq()).append(" | ").append(time(e.at())).append(" | ").append(e.type())
          .append(" | ").append(cell(e.stepId())).append(" | ").append(cell(e.actor())).append(" | `")
          .append(cell(e.detail()).replace("`", "'")).append("` | `").append(e.hash(), 0, 12).append("…` |\n");
    }
    b.append("\n## Hash chain\n\n").append(switch (chain.verdict()) {
      case INTACT -> "Intact: all " + chain.events() + " events of the target's ledger recompute to their stored "
          + "hashes.\n";
      case UNCHECKED -> "**Unchecked (no key):** " + ChainVerdict.grounds(chain) + ".\n";
      case BROKEN -> "**BROKEN** at event " + chain.firstBadSeq() + ": " + chain.problem() + "\n";
    });
    return b.toString();
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("- **").append(k).append(":** ").append(v == null ? "–" : v).append('\n');
  }

  static String time(Instant i) {
    return i == null ? "–" : TIME.format(i);
  }

  private static String duration(Instant a, Instant b) {
    return a == null || b == null ? "–" : SummaryDoc.duration(Duration.between(a, b));
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  /** The file names the console offers: {@code <change id>.md} / {@code .json}. */
  public static List<String> fileNames(RunRecord r) {
    String base = r.changeId().replaceAll("[^A-Za-z0-9._-]", "_");
    return List.of(base + ".md", base + ".json");
  }
}
