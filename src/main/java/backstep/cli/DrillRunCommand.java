package backstep.cli;

import backstep.db.Database;
import backstep.drill.Drill;
import backstep.drill.DrillListener;
import backstep.drill.DrillResult;
import backstep.drill.DrillRunner;
import backstep.drill.DrillScore;
import backstep.drill.TimelineEvent;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.report.DrillDebrief;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Run a drill headless: workload, faults, the automated response (guards, checks, the drill's auto policy),",
    "restore, lost-write check, score; writes the debrief and keeps the attempt in the target's ledger.",
    "Exit 0 when the drill passed, 1 when it did not."})
final class DrillRunCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DRILL")
  Path file;

  @Mixin
  TargetOptions target;

  @Option(names = "--operator", paramLabel = "NAME", description = "Who runs the drill (default: your OS user).")
  String operator;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Where to write the debrief (default: drill-reports/<drill>-<UTC time>).")
  Path reportDir;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Mixin
  MetricsOptions metrics;

  @Override
  int run() throws InvalidFileException, EngineException {
    Drill drill = DrillCommand.load(file, target);
    DrillRunner.refuseProduction(target.spec());
    Playbook pb = load(drill.playbook(), target);
    String who = operator != null ? operator : System.getProperty("user.name");
    try (Observers obs = Observers.open(metrics, target.spec(), err()); Database db = target.open(err())) {
      DrillResult r = withEngine(engine -> new DrillRunner(engine, Clock.systemUTC()).run(drill, pb, db,
          new DrillRunner.Options(who, DrillRunner.Options.headless(who).decisions(), true,
              obs.listener(new ProgressPrinter(err()))), new Progress()));
      Path dir = reportDir != null ? reportDir : Path.of("drill-reports", drill.id() + "-"
          + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(r.startedAt()));
      try {
        DrillDebrief.write(r, dir);
      } catch (IOException e) {
        err().println("backstep: could not write the debrief to " + dir + ": " + e.getMessage());
      }
      if (json) {
        out().println(Json.pretty(r));
      } else {
        print(r, dir);
      }
      return r.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private void print(DrillResult r, Path dir) {
    out().printf(Locale.ROOT,
        "Drill %s on %s — %s (automatic attempt)%n", r.drillId(), r.target(), r.passed() ? "PASSED"
        : "FAILED");
    for (DrillScore.Component c : r.score().components()) {
      out().printf(Locale.ROOT,
          "  %s %-22s %-40s target %s%n", c.passed() ? "✔" : "✖", c.name(), c.value(), c.target());
    }
    out().printf(Locale.ROOT,
        "  workload: %d ops (%.0f/s), %d errors, p95 %.1f ms (baseline %.1f ms); %d of %d journaled writes "
        + "lost%n", r.workload().operations(), r.workload().opsPerSecond(), r.workload().errors(), r.workload().p95(),
        r.baselineP95(), r.lostWrites().lost(), r.lostWrites().checked());
    r.lostWrites().examples().forEach(e -> out().println("    lost: " + e.describe()));
    out().println("  debrief: " + dir.resolve("debrief.md") + " (also .html, .json)");
  }

  /** Faults, alerts and decisions as they happen, on standard error. */
  private final class Progress implements DrillListener {
    private void line(String icon, TimelineEvent e) {
      err().println("  " + icon + " [" + e.source() + "] " + e.text());
      err().flush();
    }

    @Override
    public void phase(TimelineEvent e) {
      if (e.source().equals("drill")) {
        line("·", e);
      }
    }

    @Override
    public void faultFired(TimelineEvent e) {
      line("⚡", e);
    }

    @Override
    public void faultUndone(TimelineEvent e) {
      line("↺", e);
    }

    @Override
    public void alert(TimelineEvent e) {
      if (!e.source().equals("engine")) { // the engine's own progress already shows retries and failed steps
        line("!", e);
      }
    }

    @Override
    public void decision(TimelineEvent e) {
      line("→", e);
    }
  }
}
