package backstep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md: a test does not sleep. It waits for a condition ({@code backstep.testing.Await},
 * {@code ConsoleDriver.waitUntil}, a latch, pgbench's progress report); a driver whose pace is what a test is about
 * (a knob, a sampler) runs at a fixed rate on a scheduler of its own ({@code backstep.testing.Pace}). No exception,
 * the benchmarks included, and the hand-run samplers in {@code bench/} (they sample at a fixed rate on a scheduler of
 * their own).
 */
class NoSleepsTest {
  private static final Pattern SLEEP = Pattern.compile("Thread\\.sleep|TimeUnit\\.[A-Z]+\\.sleep|LockSupport\\.park");

  @Test
  void noTestOrBenchmarkSleeps() throws IOException {
    TreeSet<String> sleeping = new TreeSet<>();
    for (Path root : List.of(Path.of("src/test/java"), Path.of("bench"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          if (SLEEP.matcher(Files.readString(f)).find()) {
            sleeping.add(f.toString().replace('\\', '/'));
          }
        }
      }
    }
    assertEquals(List.of(), List.copyOf(sleeping), "tests that sleep instead of waiting for a condition "
        + "(backstep.testing.Await, a latch, ConsoleDriver.waitUntil) or pacing a driver (backstep.testing.Pace)");
  }
}
