package backstep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pom runs the ITs in two failsafe lanes (two JVMs for {@code its.shared}, one at a time for the rest), the
 * second written as the first's complement. An IT in neither lane would never run, and one in both would run twice:
 * every {@code *IT} class under src/test/java is in exactly one.
 */
class TestLanesTest {
  @Test
  void everyIntegrationTestIsInExactlyOneLane() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String packages = property(pom, "its.shared.packages");
    String timed = property(pom, "its.timed");
    Pattern shared = lane(property(pom, "its.shared"), packages, timed);
    List<Pattern> alone = new ArrayList<>();
    Matcher execution = Pattern.compile("<id>its-alone</id>.*?<includes>(.*?)</includes>", Pattern.DOTALL)
        .matcher(pom);
    assertTrue(execution.find(), "the pom has the its-alone execution with its includes");
    Matcher include = Pattern.compile("<include>(.*?)</include>").matcher(execution.group(1));
    while (include.find()) {
      alone.add(lane(include.group(1), packages, timed));
    }
    assertEquals(2, alone.size(), "the alone lane's two includes");
    List<String> wrong = new ArrayList<>();
    int count = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith("IT.java")).toList()) {
        String cls = Path.of("src/test/java").relativize(f).toString().replace('\\', '/')
            .replaceAll("\\.java$", ".class");
        boolean inShared = shared.matcher(cls).matches();
        boolean inAlone = alone.stream().anyMatch(p -> p.matcher(cls).matches());
        count++;
        if (inShared == inAlone) {
          wrong.add(cls + (inShared ? " (in both lanes)" : " (in neither lane)"));
        }
      }
    }
    assertTrue(count > 50, "found the ITs: " + count);
    assertEquals(List.of(), wrong);
    // the patterns do select: a made-up IT of each kind lands where it should
    assertTrue(shared.matcher("backstep/engine/SomethingIT.class").matches());
    assertTrue(alone.stream().anyMatch(p -> p.matcher("backstep/engine/ObserveIT.class").matches()));
    assertTrue(alone.stream().anyMatch(p -> p.matcher("backstep/newpackage/SomethingIT.class").matches()));
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">(.*?)</" + Pattern.quote(name) + ">").matcher(pom);
    assertTrue(m.find(), "pom property " + name);
    return m.group(1);
  }

  /** A failsafe {@code %regex[...]} pattern with the pom's properties put in. */
  private static Pattern lane(String include, String packages, String timed) {
    String r = include.replace("${its.shared.packages}", packages).replace("${its.timed}", timed);
    assertTrue(r.startsWith("%regex[") && r.endsWith("]"), r);
    return Pattern.compile(r.substring("%regex[".length(), r.length() - 1));
  }
}
