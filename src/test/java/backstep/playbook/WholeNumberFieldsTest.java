package backstep.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole-number field written in hex or out of range is a problem at file:line:field with exit 2, not an internal
 * error (regression: issue 14, item 6; {@code max_affected_rows: 0x10} ended in exit 70).
 */
class WholeNumberFieldsTest {
  @TempDir
  Path dir;

  @Test
  void hexAndOutOfRangeNumbersAreProblemsAtTheirField() throws Exception {
    String text = Files.readString(Path.of("playbooks/add-email-verified.yaml"))
        .replaceFirst("(?m)^version: 3$", "version: 0x10")
        .replaceFirst("(?m)^    retries: 5$", "    retries: 99999999999\n    max_affected_rows: 0x10")
        .replaceFirst("(?m)^      batch_size: 5000$", "      batch_size: 99999999999999999999999");
    Path file = dir.resolve("numbers.yaml");
    Files.writeString(file, text);
    Cli.Result r = Cli.run("validate", file.toString());
    assertEquals(2, r.exit(), r::toString);
    String all = r.out() + r.err();
    assertTrue(all.contains(file + ":5:10 version: write a whole number in decimal digits, found '0x10'"), all);
    assertTrue(all.contains(file + ":49:14 defaults.guards.retries: number out of range: 99999999999 (at most "
        + "2147483647)"), all);
    assertTrue(all.contains(file + ":50:24 defaults.guards.max_affected_rows: write a whole number in decimal "
        + "digits, found '0x10'"), all);
    assertTrue(all.contains("batch_size: number out of range: 99999999999999999999999"), all);
    assertTrue(!all.contains("internal error") && !all.contains("Exception"), all);
  }
}
