package backstep.cli;

import backstep.drill.Drill;
import backstep.engine.EngineException;
import backstep.ledger.DrillAttempts;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
    description = "A drill's attempts on a target, oldest first: the trend of its scores.")
final class DrillHistoryCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DRILL")
  Path file;

  @Mixin
  TargetOptions target;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    Drill drill = DrillCommand.load(file, target);
    return readLedger(target, json ? "[]" : "no drill attempts on target '{target}'", (db, ledger, c) -> {
      DrillAttempts attempts = new DrillAttempts(db);
      List<DrillAttempts.Attempt> list = attempts.exists(c) ? attempts.list(c, drill.id()) : List.of();
      if (json) {
        out().println(Json.pretty(list));
        return ExitCodes.OK;
      }
      out().printf(Locale.ROOT,
          "%-20s %-6s %-9s %-9s %-9s %-9s %-5s %s%n", "started (UTC)", "result", "detect", "decide",
          "restore", "lost", "auto", "change");
      for (DrillAttempts.Attempt a : list) {
        JsonNode s = readJson(a.scores());
        out().printf(Locale.ROOT, "%-20s %-6s %-9s %-9s %-9s %-9s %-5s %s%n", a.startedAt().toString().replace('T', ' ')
            .substring(0, 19), a.passed() ? "pass" : "FAIL", secs(s.path("detect")), secs(s.path("decide")),
            secs(s.path("restore")), s.path("writesLost").asText("?"), a.automatic() ? "yes" : "no", a.changeId());
      }
      return ExitCodes.OK;
    });
  }

  private static JsonNode readJson(String text) {
    try {
      return Json.MAPPER.readTree(text == null ? "{}" : text);
    } catch (java.io.IOException e) {
      return Json.MAPPER.createObjectNode();
    }
  }

  private static String secs(JsonNode d) {
    if (d.isMissingNode() || d.isNull()) {
      return "never";
    }
    try {
      return String.format(Locale.ROOT, "%.1f s", java.time.Duration.parse(d.asText()).toMillis() / 1000.0);
    } catch (java.time.format.DateTimeParseException e) {
      return d.asText();
    }
  }
}
