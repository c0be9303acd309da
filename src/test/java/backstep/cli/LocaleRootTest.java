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

  /** A date-time pattern without a locale: group 1 is the pattern text. */
  private static final Pattern DATE_PATTERN =
      Pattern.compile("DateTimeFormatter\\.ofPattern\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
  /** Fields the machine's language spells out: zone names and offsets, day and month names, AM/PM, eras. */
  private static final Pattern TEXT_FIELD = Pattern.compile("[zvOEecaGBLQq]|MMM");

  /**
   * A date-time pattern that prints words (a zone name, a month) names Locale.ROOT: "MEZ" on a German machine and
   * "CET" elsewhere was the same event read two ways. Patterns of digits only read the same everywhere.
   */
  @Test
  void everyDatePatternThatPrintsWordsNamesALocale() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        Matcher m = DATE_PATTERN.matcher(text);
        while (m.find()) {
          if (TEXT_FIELD.matcher(m.group(1).replaceAll("'[^']*'", "")).find()) {
            offenders.add(f + ":" + (text.substring(0, m.start()).lines().count()) + " " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), offenders);
  }
}
