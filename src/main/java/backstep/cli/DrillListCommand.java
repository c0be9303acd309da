package backstep.cli;

import backstep.drill.Drill;
import backstep.drill.DrillLoader;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the drills in a folder (default: drills).")
final class DrillListCommand extends BaseCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR")
  Path dir = Path.of("drills");

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().matches(".*\\.ya?ml$") && !p.getFileName().toString().startsWith("targets"))
          .sorted().toList();
    } catch (IOException e) {
      throw new EngineException(EngineException.INVALID, "cannot list " + dir + ": " + e.getMessage());
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    int bad = 0;
    for (Path f : files) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", f.toString());
      try {
        Drill d = new DrillLoader().load(f);
        m.put("id", d.id());
        m.put("title", d.title());
        m.put("target", d.target());
        m.put("faults", d.faults().stream().map(x -> x.kind().key()).toList());
        m.put("expected", d.expected().action().name().toLowerCase(Locale.ROOT));
      } catch (InvalidFileException e) {
        bad++;
        m.put("problems", e.problems().stream().map(Object::toString).toList());
      }
      rows.add(m);
    }
    if (json) {
      out().println(Json.pretty(rows));
    } else {
      for (Map<String, Object> m : rows) {
        if (m.containsKey("problems")) {
          out().println("✖ " + m.get("file"));
          ((List<?>) m.get("problems")).forEach(p -> out().println("    " + p));
        } else {
          out().printf(Locale.ROOT, "%-26s %-10s %-9s %-34s %s%n", m.get("id"), m.get("target"), m.get("expected"),
              String.join(",", (List<String>) m.get("faults")), m.get("title"));
        }
      }
    }
    return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }
}
