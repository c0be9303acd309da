package backstep.cli;

import backstep.db.Targets;
import backstep.engine.EngineException;
import backstep.fleet.FleetGroups;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true, description = {
    "Check playbooks without touching any database.",
    "Checks YAML, fields, types, step ids, a rollback for every sql step, verify and check queries (they must",
    "read an object and change nothing), dialect variants and declared dialects, and referenced targets;",
    "also the targets file's groups: (members, canary, numbers, after_canary);",
    "every problem is reported with file:line:col and field path."})
final class ValidateCommand extends BaseCommand {
  @Parameters(arity = "1..*", paramLabel = "PLAYBOOK|DIR", description = "Playbook files or folders of them.")
  List<Path> paths;

  @Mixin
  TargetOptions target;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    PlaybookLoader loader = new PlaybookLoader(target.targets().names());
    List<Map<String, Object>> report = new ArrayList<>();
    int bad = 0;
    for (Path f : playbookFiles(paths)) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", f.toString());
      try {
        Playbook p = loader.load(f);
        entry.put("valid", true);
        entry.put("id", p.id());
        entry.put("version", p.version());
        entry.put("steps", p.steps().size());
        entry.put("dialects", p.dialects().stream().map(d -> d.key()).toList());
        if (!json) {
          out().printf(Locale.ROOT, "✔ %s — %s v%d, %d steps, %s%n", f, p.id(), p.version(), p.steps().size(),
              String.join("/", p.dialects().stream().map(d -> d.key()).toList()));
        }
      } catch (InvalidFileException e) {
        bad++;
        entry.put("valid", false);
        entry.put("problems", e.problems().stream().map(Problem::format).toList());
        if (!json) {
          e.problems().forEach(p -> out().println(p.format()));
          out().printf(Locale.ROOT, "✖ %s — %d problem(s)%n", f, e.problems().size());
        }
      }
      report.add(entry);
    }
    bad += groups(report);
    if (json) {
      out().println(Json.pretty(report));
    }
    return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /**
   * Checks the targets file's {@code groups:} (members, canary, numbers, {@code after_canary:}) and adds it to the
   * report when it has any or they have problems; 1 when they have problems.
   */
  private int groups(List<Map<String, Object>> report) throws InvalidFileException {
    Targets t = target.targets();
    if (t.file() == null || !Files.exists(t.file())) {
      return 0;
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("file", t.file().toString());
    try {
      FleetGroups gs = FleetGroups.load(t);
      if (gs.names().isEmpty()) {
        return 0;
      }
      entry.put("valid", true);
      entry.put("groups", gs.names());
      report.add(entry);
      if (!json) {
        out().printf(Locale.ROOT, "✔ %s — %d group(s): %s%n", t.file(), gs.names().size(),
            String.join(", ", gs.names()));
      }
      return 0;
    } catch (InvalidFileException e) {
      entry.put("valid", false);
      entry.put("problems", e.problems().stream().map(Problem::format).toList());
      report.add(entry);
      if (!json) {
        e.problems().forEach(p -> out().println(p.format()));
        out().printf(Locale.ROOT, "✖ %s — %d problem(s) in groups:%n", t.file(), e.problems().size());
      }
      return 1;
    }
  }
}
