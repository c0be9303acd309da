package backstep.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command reference cannot drift from the code: every command and every option picocli knows must be named in
 * the docs (docs/cli.md, or the page a command's section links to), and every exit code the CLI declares must be in
 * cli.md's exit-code table. Renaming an option without the docs fails here.
 */
class CliDocTest {
  /** Commands documented on their own page rather than in cli.md. */
  private static final Map<String, String> OWN_PAGE = Map.of("drill", "docs/drills.md");

  private static String docs() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String f : List.of("docs/cli.md", "docs/drills.md", "docs/targets.md", "docs/adopting/README.md")) {
      all.append(Files.readString(Path.of(f))).append('\n');
    }
    return all.toString();
  }

  private static void walk(CommandLine cl, String path, List<String> missing, String docs) {
    CommandSpec spec = cl.getCommandSpec();
    String name = path.isEmpty() ? "" : path;
    if (!name.isEmpty() && !docs.contains(name)) {
      missing.add("command `backstep " + name + "`");
    }
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      boolean named = false;
      for (String n : o.names()) {
        named |= docs.contains(n);
      }
      if (!named) {
        missing.add("option " + String.join("/", o.names()) + " of `backstep " + name + "`");
      }
    }
    cl.getSubcommands().forEach((sub, child) -> {
      if (!sub.equals(child.getCommandName())) {
        return; // an alias
      }
      walk(child, (name.isEmpty() ? "" : name + " ") + sub, missing, docs);
    });
  }

  @Test
  void everyCommandAndOptionIsDocumented() throws IOException {
    List<String> missing = new ArrayList<>();
    walk(new CommandLine(new Main()), "", missing, docs());
    assertTrue(missing.isEmpty(), "not in docs/cli.md (or the page it links for that command):\n  "
        + String.join("\n  ", missing));
  }

  @Test
  void everyExitCodeIsInTheTable() throws IOException {
    String cli = Files.readString(Path.of("docs/cli.md"));
    CommandSpec spec = new CommandLine(new Main()).getCommandSpec();
    List<String> missing = new ArrayList<>();
    for (String code : spec.usageMessage().exitCodeList().keySet()) {
      if (!cli.contains("| " + code.strip() + " |") && !cli.contains("| `" + code.strip() + "` |")) {
        missing.add(code.strip());
      }
    }
    assertTrue(missing.isEmpty(), "exit codes missing from docs/cli.md's table: " + missing);
  }

  @Test
  void everyCommandHasItsOwnSection() throws IOException {
    String cli = Files.readString(Path.of("docs/cli.md"));
    List<String> missing = new ArrayList<>();
    for (String sub : new CommandLine(new Main()).getSubcommands().keySet()) {
      if (OWN_PAGE.containsKey(sub)) {
        assertTrue(cli.contains(OWN_PAGE.get(sub).replace("docs/", "")), sub + ": cli.md must link its page");
        continue;
      }
      if (!cli.contains("\n## " + sub) && !cli.contains("\n### " + sub) && !cli.contains("## " + sub + " and")
          && !cli.contains(" and " + sub + "\n")) {
        missing.add(sub);
      }
    }
    assertTrue(missing.isEmpty(), "commands without a section in docs/cli.md: " + missing);
  }
}
