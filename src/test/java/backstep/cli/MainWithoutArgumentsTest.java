package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@code backstep} with no arguments opens the console, or explains that there is no display. */
class MainWithoutArgumentsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(boolean headless, Main.Launcher launcher) {
    return Main.openConsole(new PrintWriter(out, true), new PrintWriter(err, true), headless, launcher);
  }

  @Test
  void withoutADisplayItSaysSoShowsTheUsageAndExitsZero() {
    AtomicBoolean launched = new AtomicBoolean();
    assertEquals(0, run(true, () -> launched.set(true)));
    assertFalse(launched.get());
    assertTrue(out.toString().startsWith("no display: the console needs a desktop; use a command, e.g. "
        + "`backstep demo`"), out.toString());
    assertTrue(out.toString().contains("Usage: backstep"), out.toString());
  }

  @Test
  void whenTheToolkitCannotOpenTheDisplayTheSameMessageShows() {
    assertEquals(0, run(false, () -> {
      throw new InvocationTargetException(new UnsupportedOperationException("Unable to open DISPLAY"));
    }));
    assertTrue(out.toString().startsWith("no display"), out.toString());
  }

  @Test
  void withADisplayItLaunchesTheConsole() {
    AtomicBoolean launched = new AtomicBoolean();
    assertEquals(0, run(false, () -> launched.set(true)));
    assertTrue(launched.get());
    assertEquals("", out.toString());
  }

  @Test
  void theLauncherNamedByTheCliExists() throws Exception {
    assertEquals("main", Class.forName(Main.CONSOLE_LAUNCHER).getMethod("main", String[].class).getName());
  }

  @Test
  void aRealProcessWithoutDisplayExitsZeroWithTheMessage() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), "backstep.cli.Main"));
    pb.environment().remove("DISPLAY");
    pb.environment().remove("WAYLAND_DISPLAY");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.startsWith("no display: the console needs a desktop"), text);
  }
}
