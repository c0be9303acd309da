package backstep.cli;

import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.Problem;
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
    if (json) {
      out().println(Json.pretty(report));
    }
    return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }
}
