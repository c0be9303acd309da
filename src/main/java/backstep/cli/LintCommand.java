package backstep.cli;

import backstep.engine.EngineException;
import backstep.lint.Linter;
import backstep.lint.Severity;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true, description = {
    "Check playbooks' SQL for unsafe or irreversible changes, without touching any database.",
    "Reads every sql step's forward and rollback SQL for each dialect and applies the rules in",
    "docs/lint-rules.md. Exit 0: nothing at or above --severity; 1: findings at or above it; 2: invalid playbook."})
final class LintCommand extends BaseCommand {
  @Parameters(arity = "1..*", paramLabel = "PLAYBOOK|DIR", description = "Playbook files or folders of them.")
  List<Path> paths;

  @Option(names = "--severity", paramLabel = "error|warning|info", defaultValue = "error",
      description = "Fail (exit 1) on findings at or above this severity (default: ${DEFAULT-VALUE}).")
  String severity;

  @Option(names = "--json", description = "Print the findings as JSON.")
  boolean json;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (for CI systems).")
  Path junit;

  /** One file's outcome: its findings, or the problems that kept it from being linted. */
  record Linted(Path file, Playbook playbook, Linter.Report report, InvalidFileException invalid) {}

  @Override
  int run() throws EngineException {
    Severity threshold = Severity.fromWord(severity).orElseThrow(() -> new EngineException(EngineException.INVALID,
        "--severity: expected error, warning or info, found '" + severity + "'"));
    PlaybookLoader loader = new PlaybookLoader(null);
    List<Linted> all = new ArrayList<>();
    for (Path f : playbookFiles(paths)) {
      try {
        Playbook p = loader.load(f);
        all.add(new Linted(f, p, Linter.report(p), null));
      } catch (InvalidFileException e) {
        all.add(new Linted(f, null, null, e));
      }
    }
    LintOutput output = new LintOutput(all, threshold);
    if (json) {
      out().println(Json.pretty(output.json()));
    } else {
      output.text(out());
    }
    if (junit != null) {
      try {
        Files.writeString(junit, output.junit(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new EngineException(EngineException.INVALID, "--junit: cannot write " + junit + ": " + e.getMessage());
      }
    }
    if (all.stream().anyMatch(l -> l.invalid() != null)) {
      return ExitCodes.INVALID;
    }
    return all.stream().anyMatch(l -> l.report().fails(threshold)) ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
