package backstep.report;

import backstep.drill.DrillResult;
import backstep.drill.DrillScore;
import backstep.drill.TimelineEvent;
import backstep.drill.load.LostWrites;
import backstep.playbook.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The debrief of a drill attempt: {@code debrief.md} (with {@code latency.png} beside it), {@code debrief.html}
 * (the chart embedded as base64, one self-contained file) and {@code debrief.json} — the timeline of faults, alerts,
 * decisions and steps, the scores against the targets, the lost-write check and the debrief questions with room for
 * answers.
 */
public final class DrillDebrief {
  private DrillDebrief() {}

  /** Writes the four files into {@code dir} (created if needed); returns their paths. */
  public static List<Path> write(DrillResult r, Path dir) throws IOException {
    Files.createDirectories(dir);
    byte[] png = LatencyChart.png(r);
    Path chart = dir.resolve("latency.png");
    Files.write(chart, png);
    Path md = dir.resolve("debrief.md");
    Files.writeString(md, markdown(r), StandardCharsets.UTF_8);
    Path html = dir.resolve("debrief.html");
    Files.writeString(html, html(r, png), StandardCharsets.UTF_8);
    Path json = dir.resolve("debrief.json");
    Files.writeString(json, Json.pretty(r), StandardCharsets.UTF_8);
    return List.of(md, html, json, chart);
  }

  public static String markdown(DrillResult r) {
    StringBuilder b = new StringBuilder();
    b.append("# Drill debrief: ").append(r.title()).append("\n\n");
    b.append("- drill `").append(r.drillId()).append("`, attempt `").append(r.attemptId()).append("`\n");
    b.append("- target ").append(r.target()).append(", playbook `").append(r.playbookId()).append("`, change ")
        .append(r.changeId()).append("\n");
    b.append("- ").append(r.startedAt()).append(" → ").append(r.endedAt()).append("\n");
    b.append("- ").append(r.automatic() ? "**automatic attempt** (headless: the auto-operator and the guards decided)"
        : "operated by people").append("\n");
    b.append("- result: **").append(r.passed() ? "PASSED" : "FAILED").append("** (run ").append(r.applyState()
        .words()).append(" → ").append(r.finalState().words()).append(")\n\n");
    b.append("## Briefing\n\n").append(r.briefing()).append("\n\n");
    b.append("## Scores\n\n| component | value | target | |\n|---|---|---|---|\n");
    for (DrillScore.Component c : r.score().components()) {
      b.append("| ").append(c.name()).append(" | ").append(c.value()).append(" | ").append(c.target()).append(" | ")
          .append(c.passed() ? "✔" : "✖").append(" |\n");
    }
    b.append("\n## Workload\n\n![workload latency](latency.png)\n\n");
    var w = r.workload();
    b.append(String.format(Locale.ROOT, "%d clients, target %d ops/s: %d operations (%.0f ops/s), %d errors; "
        + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (baseline p95 %.2f ms); %d inserts and %d updates journaled%n%n",
        w.clients(), w.targetRate(), w.operations(), w.opsPerSecond(), w.errors(), w.p50(), w.p95(), w.p99(),
        r.baselineP95(), w.inserts(), w.updates()));
    LostWrites lw = r.lostWrites();
    b.append("**Committed writes lost: ").append(lw.lost()).append("** of ").append(lw.checked()).append(" (")
        .append(lw.method()).append(")");
    if (lw.problem() != null) {
      b.append(" — ").append(lw.problem());
    }
    b.append("\n");
    lw.examples().forEach(e -> b.append("- ").append(e.describe()).append("\n"));
    b.append("\n## Timeline\n\n| t (s) | kind | source | what |\n|---|---|---|---|\n");
    for (TimelineEvent e : r.timeline()) {
      b.append(String.format(Locale.ROOT, "| %.1f | %s | %s | %s |%n",
          (e.at().toEpochMilli() - r.startedAt().toEpochMilli()) / 1000.0, e.kind().name().toLowerCase(Locale.ROOT),
          e.source(), e.text().replace("|", "\\|").replace("\n", " ")));
    }
    b.append("\n## Debrief questions\n\n");
    int i = 1;
    for (String q : r.debrief()) {
      b.append(i++).append(". ").append(q).append("\n\n   _Answer:_\n\n");
    }
    return b.toString();
  }

  public static String html(DrillResult r, byte[] png) {
    StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Drill debrief: ")
        .append(esc(r.title())).append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}"
            + ".pass{color:#1a7f37}.fail{color:#cf222e}textarea{width:100%;height:4em}</style></head><body>");
    b.append("<h1>Drill debrief: ").append(esc(r.title())).append("</h1><p>Target ").append(esc(r.target()))
        .append(", change ").append(esc(String.valueOf(r.changeId()))).append(", ").append(r.automatic()
            ? "<b>automatic attempt</b> (headless)" : "operated by people").append(". Result: <b class=\"")
        .append(r.passed() ? "pass\">PASSED" : "fail\">FAILED").append("</b></p>");
    b.append("<h2>Briefing</h2><p>").append(esc(r.briefing())).append("</p><h2>Scores</h2><table>"
        + "<tr><th>component</th><th>value</th><th>target</th><th></th></tr>");
    for (DrillScore.Component c : r.score().components()) {
      b.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.value())).append("</td><td>")
          .append(esc(c.target())).append("</td><td class=\"").append(c.passed() ? "pass\">✔" : "fail\">✖")
          .append("</td></tr>");
    }
    b.append("</table><h2>Workload</h2><img alt=\"workload latency\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\"><p>Committed writes lost: <b>")
        .append(r.lostWrites().lost()).append("</b> of ").append(r.lostWrites().checked()).append("</p>");
    b.append("<h2>Timeline</h2><table><tr><th>t (s)</th><th>kind</th><th>source</th><th>what</th></tr>");
    for (TimelineEvent e : r.timeline()) {
      b.append(String.format(Locale.ROOT, "<tr><td>%.1f</td><td>%s</td><td>%s</td><td>%s</td></tr>",
          (e.at().toEpochMilli() - r.startedAt().toEpochMilli()) / 1000.0, e.kind().name().toLowerCase(Locale.ROOT),
          esc(e.source()), esc(e.text())));
    }
    b.append("</table><h2>Debrief questions</h2><ol>");
    for (String q : r.debrief()) {
      b.append("<li>").append(esc(q)).append("<br><textarea></textarea></li>");
    }
    return b.append("</ol></body></html>\n").toString();
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
