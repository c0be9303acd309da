package backstep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pom runs the ITs in three failsafe lanes (two JVMs for {@code its.shared}, {@code its.console.forks} for
 * {@code its.console} and the timed classes of {@code its.paired}, one at a time for the rest), the last written as
 * the complement of the others. An IT in no lane would never run, and one in two would run twice: every {@code *IT}
 * class under src/test/java is in exactly one.
 */
class TestLanesTest {
  private static final List<String> LANES = List.of("its-shared", "its-console", "its-alone");

  @Test
  void everyIntegrationTestIsInExactlyOneLane() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Map<String, List<Pattern>> lanes = new LinkedHashMap<>();
    for (String id : LANES) {
      lanes.put(id, includes(pom, id));
    }
    assertEquals(3, lanes.get("its-alone").size(), "the alone lane's three includes");
    List<String> wrong = new ArrayList<>();
    int count = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith("IT.java")).toList()) {
        String cls = Path.of("src/test/java").relativize(f).toString().replace('\\', '/')
            .replaceAll("\\.java$", ".class");
        List<String> in = lanes(lanes, cls);
        count++;
        if (in.size() != 1) {
          wrong.add(cls + " in " + in);
        }
      }
    }
    assertTrue(count > 50, "found the ITs: " + count);
    assertEquals(List.of(), wrong);
    // the patterns do select: a made-up IT of each kind lands where it should
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/engine/SomethingIT.class"));
    assertEquals(List.of("its-alone"), lanes(lanes, "backstep/engine/ObserveIT.class"));
    assertEquals(List.of("its-alone"), lanes(lanes, "backstep/newpackage/SomethingIT.class"));
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/cli/CrashAtAnyMomentIT.class"));
    assertEquals(List.of("its-alone"), lanes(lanes, "backstep/cli/CrashWhileBlockedIT.class"));
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/telemetry/LockInspectorIT.class"));
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/drill/load/LostWriteCheckIT.class"));
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/fleet/FleetServerGroupIT.class"));
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/fleet/FleetCanaryIT.class"));
    assertEquals(List.of("its-alone"), lanes(lanes, "backstep/fleet/FleetCanaryTakeoverIT.class"));
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/fleet/FleetIT.class"));
    assertEquals(List.of("its-alone"), lanes(lanes, "backstep/fleet/FleetTakeoverIT.class"));
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/db/DemoSchemaRowsIT.class"));
    assertEquals(List.of("its-alone"), lanes(lanes, "backstep/db/DemoSchemaIT.class"));
    assertEquals(List.of("its-shared"), lanes(lanes, "backstep/testing/ShopTemplatesIT.class"));
    // no time, but MariaDB's words for an unknown user change while a user '%' exists, as the shared lane's
    // CredentialsIT and DebugLoggingIT make: it runs after that lane, beside classes that make none
    assertEquals(List.of("its-console"), lanes(lanes, "backstep/db/TargetDriverIT.class"));
    assertEquals(List.of("its-console"), lanes(lanes, "backstep/ui/SomethingIT.class"));
    assertEquals(List.of("its-console"), lanes(lanes, "backstep/ui/run/SomethingIT.class"));
    assertEquals(List.of("its-alone"), lanes(lanes, "backstep/ui/FxThreadStaysFreeIT.class"));
    // timed, but waiting more than computing, with room in their clocks for a second JVM: two at a time
    for (String paired : List.of("ui/ReplicaLagLineIT", "drill/DrillsIT", "drill/FleetDrillIT",
        "drill/StallReplicationDrillIT", "drill/fault/FaultsIT", "telemetry/ReplicaLagIT", "engine/ReplicaWaitIT",
        "cli/CrashAndConcurrencyIT", "cli/MetricsScrapeIT", "traffic/TrafficProfilePgIT",
        "traffic/TrafficProfileMariaDbIT")) {
      assertEquals(List.of("its-console"), lanes(lanes, "backstep/" + paired + ".class"), paired);
    }
    // a clock a second JVM would move: alone
    for (String alone : List.of("ui/ConsoleDrillIT", "ui/LivePanelsIT", "guard/GuardsIT", "guard/GuardWindowsIT",
        "engine/ObserveIT", "db/DemoSchemaIT", "cli/CrashWhileBlockedIT",
        "cli/WebhookIT", "fleet/FleetTakeoverIT")) {
      assertEquals(List.of("its-alone"), lanes(lanes, "backstep/" + alone + ".class"), alone);
    }
  }

  /**
   * The shared lane's JVMs take the next class as they come free; in alphabetical order its longest classes (cli,
   * fleet, history, integrity) start early and the small ledger and report classes fill the end, so neither JVM is
   * left running a long class alone (the file system's order, random on a fresh clone, could do that).
   */
  @Test
  void theSharedLaneTakesItsClassesInAlphabeticalOrder() throws IOException {
    String execution = sharedExecution();
    assertTrue(execution.contains("<runOrder>alphabetical</runOrder>"), execution);
  }

  /**
   * The shared lane's JVMs compile with C1 only: their work is JDBC round trips and the engine's bookkeeping, short
   * of hot loops, and C2's compiler threads cost them more CPU than its code saved (docs/performance.md, session 17).
   */
  @Test
  void theSharedLaneCompilesWithC1Only() throws IOException {
    String execution = sharedExecution();
    assertTrue(execution.contains("<argLine>${its.shared.jvm}</argLine>"), execution);
    assertEquals("-XX:TieredStopAtLevel=1", property(Files.readString(Path.of("pom.xml")), "its.shared.jvm"));
  }

  /**
   * The test run ({@code .ci/run}) leaves out the shaded jar, which no test reads (about 9 CPU-s of the build,
   * docs/performance.md, session 18), while {@code mvn package} still writes it: the README's set-up command runs it.
   */
  @Test
  void theTestRunSkipsTheShadedJarThatPackageStillBuilds() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    assertEquals("false", property(pom, "shade.skip"), "mvn package builds target/backstep.jar");
    Matcher shade = Pattern.compile("<artifactId>maven-shade-plugin</artifactId>.*?</plugin>", Pattern.DOTALL)
        .matcher(pom);
    assertTrue(shade.find() && shade.group().contains("<skip>${shade.skip}</skip>"), "the shade obeys shade.skip");
    List<String> mvn = Files.readAllLines(Path.of(".ci/run")).stream().filter(l -> l.matches("\\s*(exec )?mvn .*"))
        .toList();
    assertEquals(List.of("exec mvn -B verify -Dshade.skip"), mvn, "one command, the README's with -Dshade.skip");
    assertTrue(Files.readString(Path.of("README.md")).contains("```sh\nmvn -B verify -Dshade.skip\n```"),
        "the README's test command is exactly what .ci/run runs");
    assertTrue(Files.readString(Path.of("README.md")).contains("mvn -q package -DskipTests && java -jar "
        + "target/backstep.jar"), "the README's set-up command");
  }

  /**
   * Maven's own JVM (Checkstyle and javac, before any test) compiles with C1 only: a cold Checkstyle of the tree took
   * 39-40 CPU-s against 47-51 and a clean test-compile 21-25 against 48-53 (docs/performance.md, session 18).
   */
  @Test
  void mavensOwnJvmCompilesWithC1Only() throws IOException {
    assertEquals(List.of("-XX:TieredStopAtLevel=1"), Files.readAllLines(Path.of(".mvn/jvm.config")));
  }

  /**
   * The unit tests' JVM compiles with C1 only: in the same minutes their lane used 49.4 and 45.2 CPU-s with it
   * against 91.1 and 86.1, and took 3:42 and 3:34 min against 4:04 and 3:59, all 728 tests passing either way
   * (docs/performance.md, session 18).
   */
  @Test
  void theUnitLaneCompilesWithC1Only() throws IOException {
    Matcher surefire = Pattern.compile("<artifactId>maven-surefire-plugin</artifactId>.*?</plugin>", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(surefire.find() && surefire.group().contains("<argLine>-XX:TieredStopAtLevel=1</argLine>"),
        "the surefire plugin's argLine");
  }

  /**
   * The unit tests run in two JVMs, each taking the next class in alphabetical order as it comes free (SandboxTest,
   * the longest, starts early): one JVM left the quiet machine's second core mostly idle, and in the same minutes
   * two took 211 s against 291 for one, for 12.6 CPU-s more (docs/performance.md, session 19).
   */
  @Test
  void theUnitLaneRunsInTwoJvms() throws IOException {
    Matcher surefire = Pattern.compile("<artifactId>maven-surefire-plugin</artifactId>.*?</plugin>", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(surefire.find(), "the pom has the surefire plugin");
    for (String setting : List.of("<forkCount>${unit.forks}</forkCount>", "<reuseForks>true</reuseForks>",
        "<runOrder>alphabetical</runOrder>")) {
      assertTrue(surefire.group().contains(setting), setting);
    }
    assertEquals("2", property(Files.readString(Path.of("pom.xml")), "unit.forks"));
  }

  /** The pom's its-shared failsafe execution, as text. */
  private static String sharedExecution() throws IOException {
    Matcher execution = Pattern.compile("<id>its-shared</id>.*?</execution>", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(execution.find(), "the pom has the its-shared execution");
    return execution.group();
  }

  /**
   * The console lane runs two classes at a time: each has its own home, sandbox, preferences node and scratch
   * databases, and a closed console drops its late events (ConsoleCloseIT), so two JVMs take about half of the
   * lane's classes' time off the wall clock (docs/performance.md, sessions 9, 10 and 16).
   */
  @Test
  void theConsoleLaneRunsInTwoJvms() throws IOException {
    assertEquals("2", property(Files.readString(Path.of("pom.xml")), "its.console.forks"));
  }

  /**
   * The console lane's JVMs take the console classes first (the longest of the lane) and the short {@code cli}
   * classes of {@code its.paired} last, so neither JVM is left running a long class alone at the end.
   */
  @Test
  void theConsoleLaneTakesItsLongClassesFirst() throws IOException {
    Matcher execution = Pattern.compile("<id>its-console</id>.*?</execution>", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(execution.find(), "the pom has the its-console execution");
    assertTrue(execution.group().contains("<runOrder>reversealphabetical</runOrder>"), execution.group());
  }

  /**
   * The console lane's JVMs compile with C1 only: in the same minutes its 59 tests used 230.6 CPU-s of JVMs and
   * children on C1 against 322.5 on the default tiers, and the lane is CPU-bound on the quiet machine (its JVMs'
   * CPU is most of two cores for its minutes): docs/performance.md, session 19. Each JVM keeps its own preferences
   * store.
   */
  @Test
  void theConsoleLaneCompilesWithC1Only() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher execution = Pattern.compile("<id>its-console</id>.*?</execution>", Pattern.DOTALL).matcher(pom);
    assertTrue(execution.find(), "the pom has the its-console execution");
    assertTrue(execution.group().contains("<argLine>${its.console.jvm} -Djava.util.prefs.userRoot="
        + "${project.build.directory}/prefs-${surefire.forkNumber}</argLine>"), execution.group());
    assertEquals("-XX:TieredStopAtLevel=1", property(pom, "its.console.jvm"));
  }

  private static List<String> lanes(Map<String, List<Pattern>> lanes, String cls) {
    return lanes.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(p -> p.matcher(cls).matches()))
        .map(Map.Entry::getKey).toList();
  }

  /** The includes of the failsafe execution {@code id}, with the pom's properties put in. */
  private static List<Pattern> includes(String pom, String id) {
    Matcher execution = Pattern.compile("<id>" + id + "</id>\\s*<goals>.*?<includes>(.*?)</includes>",
        Pattern.DOTALL).matcher(pom);
    assertTrue(execution.find(), "the pom has the " + id + " execution with its includes");
    List<Pattern> out = new ArrayList<>();
    Matcher include = Pattern.compile("<include>(.*?)</include>").matcher(execution.group(1));
    while (include.find()) {
      out.add(lane(pom, include.group(1)));
    }
    return out;
  }

  /** A failsafe {@code %regex[...]} pattern with the pom's {@code its.*} properties put in (nested ones too). */
  private static String resolve(String pom, String text) {
    Matcher ref = Pattern.compile("\\$\\{(its\\.[\\w.]+)}").matcher(text);
    StringBuilder out = new StringBuilder();
    while (ref.find()) {
      ref.appendReplacement(out, Matcher.quoteReplacement(resolve(pom, property(pom, ref.group(1)))));
    }
    return ref.appendTail(out).toString();
  }

  private static Pattern lane(String pom, String include) {
    String r = resolve(pom, include);
    assertTrue(r.startsWith("%regex[") && r.endsWith("]"), r);
    return Pattern.compile(r.substring("%regex[".length(), r.length() - 1));
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">(.*?)</" + Pattern.quote(name) + ">").matcher(pom);
    assertTrue(m.find(), "pom property " + name);
    return m.group(1);
  }
}
