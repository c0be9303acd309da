package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Numbers are formatted the same on every machine: each printf, String.format and formatted call in the main code
 * names Locale.ROOT (regression: issue 14, item 7: "(1,2 s)" on a German JVM in ten places).
 */
class LocaleRootTest {
  private static final Pattern FORMAT = Pattern.compile("(printf|String\\.format|\\.format)\\(\\s*(?!Locale\\.ROOT)"
      + "(\"|[a-z]\\w*\\s*,)|\\.formatted\\(");

  @Test
  void everyFormatCallNamesLocaleRoot() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        Matcher m = FORMAT.matcher(text);
        while (m.find()) {
          offenders.add(f + ":" + (text.substring(0, m.start()).lines().count()) + " " + m.group());
        }
      }
    }
    assertEquals(List.of(), offenders);
  }
}
