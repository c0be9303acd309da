package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault's whole-number parameter in hex or out of range is a problem at file:line:field when the drill loads, not
 * a NumberFormatException when the fault starts (issue 14, item 6).
 */
class DrillNumbersTest {
  @TempDir
  Path dir;

  @Test
  void faultCountsAreWholeNumbersInRange() throws Exception {
    Path sample = Path.of("drills/corrupted-backfill.yaml");
    for (String bad : List.of("0x10", "99999999999", "0")) {
      Path f = dir.resolve("drill-" + bad + ".yaml");
      Files.writeString(f, Files.readString(sample).replace("    rows: 5", "    rows: " + bad)
          .replace("playbook: playbooks/", "playbook: " + sample.toAbsolutePath().getParent() + "/playbooks/"));
      InvalidFileException e = assertThrows(InvalidFileException.class, () -> new DrillLoader().load(f));
      List<String> p = e.problems().stream().map(Problem::format).toList();
      assertTrue(p.stream().anyMatch(s -> s.startsWith(f + ":26:11 faults[0].rows: ")), p.toString());
    }
  }
}
