package backstep.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's JVM options are written three times: {@code CONSOLE_JAVA} in the POSIX launcher, the same line in
 * the Windows one (which passed none until session 12), and the README's {@code java -jar} line. They stay the same.
 */
class ConsoleOptionsTest {
  private static final Pattern LINE = Pattern.compile("(?m)^\\s*(?:set \")?CONSOLE_JAVA=\"?([^\"\\r\\n]*)\"?\\s*$");

  @Test
  void theWindowsLauncherAndTheReadmeGiveTheConsoleThePosixLaunchersOptions() throws IOException {
    String posix = options(Files.readString(Path.of("src/dist/bin/backstep")), "bin/backstep");
    assertTrue(posix.contains("-Xms"), "bin/backstep's console line: " + posix);
    assertEquals(posix, options(Files.readString(Path.of("src/dist/bin/backstep.cmd")), "bin/backstep.cmd"));
    String windows = Files.readString(Path.of("src/dist/bin/backstep.cmd"));
    assertTrue(windows.contains("if \"%~1\"==\"\" set \"QUICK=%CONSOLE_JAVA%\"")
        && windows.contains("%QUICK% %BACKSTEP_JAVA_OPTS%"), "the Windows launcher passes them to the console");
    assertTrue(Files.readString(Path.of("README.md")).contains("java " + posix + " -jar target/backstep.jar"),
        "the README's java -jar line with the console's options: java " + posix + " -jar target/backstep.jar");
  }

  private static String options(String script, String name) {
    Matcher m = LINE.matcher(script);
    assertTrue(m.find(), name + " sets CONSOLE_JAVA");
    return m.group(1).strip();
  }
}
