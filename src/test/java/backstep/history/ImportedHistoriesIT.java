package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own migration sets, one per format and family ({@code src/test/resources/imports/<format>-<family>},
 * each with an {@code expected-broken.txt} naming its planted broken downs): {@code import} → {@code validate} →
 * {@code rehearse HISTORY} names exactly the planted ones, with no false alarm; {@code apply} of the history up to
 * the first broken down and {@code rollback} of all of it end where they started, proven.
 */
class ImportedHistoriesIT {
  static final Path SETS = Path.of("src/test/resources/imports");
  static final List<String> FORMATS = List.of("flyway", "liquibase", "golang-migrate", "sqitch");

  @TempDir
  Path dir;

  /** Every set present: {@code flyway-postgresql}, {@code sqitch-mysql}, … */
  static Stream<String> sets() throws Exception {
    try (Stream<Path> s = Files.list(SETS)) {
      List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.isEmpty(), "no migration sets under " + SETS);
      return names.stream();
    }
  }

  static String format(String set) {
    return FORMATS.stream().filter(f -> set.startsWith(f + "-")).findFirst().orElseThrow();
  }

  static ScratchDb.Kind kind(String set) {
    return set.endsWith("-postgresql") ? ScratchDb.Kind.POSTGRES : ScratchDb.Kind.MARIADB;
  }

  static Set<String> expectedBroken(Path set) throws Exception {
    return Files.readAllLines(set.resolve("expected-broken.txt")).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+")[0])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The source to import: the set's folder, its {@code migrations/} folder, or its master changelog (Liquibase). */
  static Path source(Path set) throws Exception {
    if (Files.isDirectory(set.resolve("migrations"))) {
      return set.resolve("migrations"); // golang-migrate reads one folder of files
    }
    if (!set.getFileName().toString().startsWith("liquibase-")) {
      return set;
    }
    try (Stream<Path> s = Files.list(set)) {
      return s.filter(p -> p.getFileName().toString().matches("(db\\.)?changelog(-master)?\\.(xml|ya?ml|sql)"))
          .findFirst().orElse(set);
    }
  }

  private Path imported(String name) throws Exception {
    Path set = SETS.resolve(name);
    Path out = dir.resolve("history");
    String family = name.endsWith("-postgresql") ? "postgresql" : "mysql";
    Cli.Result r = Cli.run("import", format(name), source(set).toString(), "-o", out.toString(), "--dialect", family);
    assertEquals(0, r.exit(), r.toString());
    Cli.Result v = Cli.run("validate", out.toString());
    assertEquals(0, v.exit(), v.toString());
    return out;
  }

  private static String[] args(ScratchDb db, String... first) {
    List<String> a = new ArrayList<>(Arrays.asList(first));
    a.addAll(db.cliArgs());
    if (first[0].equals("apply") || first[0].equals("rollback")) {
      a.add("-y");
    }
    return a.toArray(new String[0]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void rehearsalNamesExactlyThePlantedBrokenDowns(String name) throws Exception {
    Path h = imported(name);
    History history = new HistoryLoader(new backstep.playbook.PlaybookLoader(null)).load(h);
    assertTrue(history.migrations().size() >= (kind(name) == ScratchDb.Kind.POSTGRES ? 15 : 10),
        name + ": " + history.migrations().size() + " migrations");
    try (ScratchDb db = ScratchDb.create(kind(name))) {
      Cli.Result r = Cli.run(args(db, "rehearse", h.toString()));
      Matcher m = Pattern.compile("(?m)^Broken: (.*)$").matcher(r.out());
      Set<String> broken = m.find() ? new TreeSet<>(Arrays.asList(m.group(1).split(", "))) : Set.of();
      assertEquals(expectedBroken(SETS.resolve(name)), broken, r.toString());
      assertEquals(broken.isEmpty() ? 0 : 1, r.exit(), r.toString());
      assertFalse(r.out().contains("up failed"), r.out());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void applyAndRollbackOfTheSoundPartEndWhereTheyStarted(String name) throws Exception {
    Path h = imported(name);
    History history = new HistoryLoader(new backstep.playbook.PlaybookLoader(null)).load(h);
    Set<String> broken = expectedBroken(SETS.resolve(name));
    int firstBroken = history.migrations().size();
    for (int i = 0; i < history.migrations().size(); i++) {
      if (broken.contains(History.name(history.migrations().get(i)))) {
        firstBroken = i;
        break;
      }
    }
    assertTrue(firstBroken > 1, name + ": the first planted broken down comes too early to test apply/rollback");
    String last = History.name(history.migrations().get(firstBroken - 1));
    try (ScratchDb db = ScratchDb.create(kind(name))) {
      List<String> start = db.dump();
      Cli.Result up = Cli.run(args(db, "apply", h.toString(), "--to", last));
      assertEquals(0, up.exit(), up.toString());
      Cli.Result down = Cli.run(args(db, "rollback", h.toString()));
      assertEquals(0, down.exit(), down.toString());
      assertTrue(down.out().contains("rollback proven"), down.out());
      assertEquals(start, db.dump(), name + ": the database after rollback differs from before apply");
    }
  }
}
