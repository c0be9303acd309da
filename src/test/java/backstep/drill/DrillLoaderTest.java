package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.InvalidFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill format: the samples load; a bad drill reports every problem with file:line:col and field path. */
class DrillLoaderTest {
  @TempDir
  Path dir;

  @Test
  void everySampleDrillLoads() throws Exception {
    List<Path> drills;
    try (Stream<Path> s = Files.list(Path.of("drills"))) {
      drills = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("targets.yaml"))
          .toList();
    }
    assertTrue(drills.size() >= 5, drills::toString);
    for (Path p : drills) {
      Drill d = new DrillLoader().load(p);
      assertTrue(Files.isRegularFile(d.playbook()), d.playbook()::toString);
    }
    Drill lock = new DrillLoader().load(Path.of("drills/lock-pileup.yaml"));
    assertEquals(Drill.FaultKind.LOCK, lock.faults().get(0).kind());
    assertEquals("add-column", lock.faults().get(0).timing().atStep());
    assertEquals(Duration.ofSeconds(3), lock.faults().get(0).duration());
    assertEquals(Drill.Expected.Response.CONTINUE, lock.expected().action());
    assertEquals(Duration.ofSeconds(1), lock.expected().auto().after());
  }

  @Test
  void aBadDrillNamesEveryProblemWithItsPosition() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, """
        title: Bad
        briefing: b
        playbook: nowhere.yaml
        workload:
          clients: 0
          mix: {read: 50, insert: 10}
        faults:
          - kind: flood
            at: 5s
          - kind: lock
            at_step: x
            at: 2s
          - kind: corrupt_rows
            at: 1s
            table: "customers; drop"
        expected_response:
          action: panic
        colour: red
        """);
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> new DrillLoader().load(f));
    String all = e.getMessage();
    assertTrue(all.contains("bad.yaml:3:11 playbook: no such file"), all);
    assertTrue(all.contains("bad.yaml:5:12 workload.clients: must be between 1 and 64"), all);
    assertTrue(all.contains("workload.mix: read + insert + update must add up to 100"), all);
    assertTrue(all.contains("bad.yaml:8:11 faults[0].kind: unknown fault kind 'flood'"), all);
    assertTrue(all.contains("faults[1].table: missing"), all);
    assertTrue(all.contains("faults[1].at: give either 'at'"), all);
    assertTrue(all.contains("faults[2].column: missing"), all);
    assertTrue(all.contains("faults[2].table: not a plain SQL identifier"), all);
    assertTrue(all.contains("expected_response.action: use rollback or continue"), all);
    assertTrue(all.contains("expected_response.auto: missing"), all);
    assertTrue(all.contains("bad.yaml:18:1 colour: unknown field"), all);
  }
}
