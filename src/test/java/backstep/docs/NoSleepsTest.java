package backstep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md: a test does not sleep. It waits for a condition ({@code backstep.testing.Await},
 * {@code ConsoleDriver.waitUntil}, a latch); the only sleeps left are paced drivers whose pace is what they test and
 * one span a test asserts on, each with a comment saying so, and the benchmarks (not run by the suite).
 */
class NoSleepsTest {
  private static final Pattern SLEEP = Pattern.compile("Thread\\.sleep|TimeUnit\\.[A-Z]+\\.sleep|LockSupport\\.park");
  /** The classes that sleep by design (their comments say why), and the benchmarks' folder. */
  private static final Set<String> BY_DESIGN = Set.of("backstep/telemetry/LockInspectorIT.java",
      "backstep/guard/GuardWindowsIT.java", "backstep/fleet/FleetCanaryTakeoverIT.java");

  @Test
  void noTestSleepsButThoseThatSayWhy() throws IOException {
    Path root = Path.of("src/test/java");
    TreeSet<String> sleeping = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String name = root.relativize(f).toString().replace('\\', '/');
        if (!name.startsWith("backstep/bench/") && !BY_DESIGN.contains(name)
            && SLEEP.matcher(Files.readString(f)).find()) {
          sleeping.add(name);
        }
      }
    }
    assertEquals(List.of(), List.copyOf(sleeping), "tests that sleep instead of waiting for a condition "
        + "(backstep.testing.Await, a latch, ConsoleDriver.waitUntil)");
  }
}
