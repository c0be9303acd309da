package backstep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md cannot drift from the code: every type it names in backticks ({@code `RunProof`}) is declared
 * somewhere in src/main/java (or, for the tests it names, src/test/java), as a class, record, enum or interface.
 */
class ArchitectureDocTest {
  private static final Pattern NAMED = Pattern.compile("`([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)`");
  private static final Pattern DECLARED = Pattern.compile("\\b(class|record|enum|interface) (\\w+)");
  /** Names in the page that are not Java types of ours: SQL, libraries, JDK types. */
  private static final List<String> NOT_OURS = List.of("CompletableFuture", "ReadOnlyObjectWrapper",
      "DataAccessException", "HikariCP", "ExecuteListener", "MigrateResult", "MySql", "PostgreSql");

  @Test
  void everyTypeTheArchitecturePageNamesExists() throws IOException {
    String page = Files.readString(Path.of("docs/architecture.md"));
    // every declared type name, read in one pass (one pattern per name over all sources took 20 s under load)
    Set<String> declared = new HashSet<>();
    for (String root : List.of("src/main/java", "src/test/java")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher d = DECLARED.matcher(Files.readString(f));
          while (d.find()) {
            declared.add(d.group(2));
          }
        }
      }
    }
    TreeSet<String> missing = new TreeSet<>();
    Matcher m = NAMED.matcher(page);
    while (m.find()) {
      String name = m.group(1);
      if (!NOT_OURS.contains(name) && !declared.contains(name)) {
        missing.add(name);
      }
    }
    assertEquals(new ArrayList<String>(), new ArrayList<>(missing), "named in docs/architecture.md, not in the code");
  }

  @Test
  void everyPackageIsOnThePage() throws IOException {
    String page = Files.readString(Path.of("docs/architecture.md"));
    TreeSet<String> missing = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(Path.of("src/main/java/backstep"))) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        String name = "backstep." + d.getFileName();
        if (!page.contains(name)) {
          missing.add(name);
        }
      }
    }
    assertEquals(new ArrayList<String>(), new ArrayList<>(missing), "packages docs/architecture.md does not name");
  }
}
