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

  @Test
  void afterStatementsFiresDuringItsStepAndIsCheckedWithItsPosition() throws Exception {
    Drill kill = new DrillLoader().load(Path.of("drills/connection-lost-mariadb.yaml"));
    Drill.Timing t = kill.faults().get(0).timing();
    assertEquals("backfill", t.atStep());
    assertEquals(3, t.afterStatements());
    assertEquals(Drill.Timing.When.DURING, t.when(), "after_statements implies during");

    Path f = dir.resolve("bad-count.yaml");
    Files.writeString(f, """
        title: Bad counts
        briefing: b
        playbook: %s
        faults:
          - kind: kill_connection
            at_step: backfill
            after_statements: 0
          - kind: lock
            at: 2s
            table: orders
            after_statements: 3
          - kind: kill_connection
            at_step: backfill
            when: after
            after_statements: 2
          - kind: kill_connection
            at_step: backfill
            after_statements: three
        expected_response: {action: rollback, auto: {on: step_failed}}
        """.formatted(kill.playbook()));
    String all = assertThrows(InvalidFileException.class, () -> new DrillLoader().load(f)).getMessage();
    assertTrue(all.contains("bad-count.yaml:7:23 faults[0].after_statements: must be a whole number between 1"),
        all);
    assertTrue(all.contains("bad-count.yaml:11:23 faults[1].after_statements: counts a step's statements: give it "
        + "with 'at_step'"), all);
    assertTrue(all.contains("bad-count.yaml:14:11 faults[2].when: after_statements fires during the step"), all);
    assertTrue(all.contains("bad-count.yaml:18:23 faults[3].after_statements: expected a whole number"), all);
  }

  @Test
  void aFleetDrillNamesItsMembersAndEachFaultsMemberWithPositions() throws Exception {
    Drill sample = new DrillLoader().load(Path.of("drills/tenant-fails-mid-wave.yaml"));
    assertTrue(sample.isFleet());
    assertEquals(new Drill.FleetSpec(4, 1, 2, 1, 0), sample.fleet());
    assertEquals(3, sample.faults().get(0).member());
    assertTrue(sample.faults().get(0).timing().atMemberStart());
    assertEquals("when its member's run starts", sample.faults().get(0).timing().describe());

    Path f = dir.resolve("bad-fleet.yaml");
    Files.writeString(f, """
        title: Bad fleet
        briefing: b
        playbook: %s
        fleet: {members: 3, canary: 3, wave_size: 0, colour: red}
        faults:
          - kind: fail_statement
            member: 7
            table: accounts
          - kind: kill_connection
            member: 1
            at_step: fill-tier
          - kind: lock
            table: accounts
        expected_response: {action: rollback, auto: {on: step_failed}}
        """.formatted(sample.playbook()));
    String all = assertThrows(InvalidFileException.class, () -> new DrillLoader().load(f)).getMessage();
    assertTrue(all.contains("bad-fleet.yaml:4:29 fleet.canary: the canary is 1 or more of the members, and fewer "
        + "than all 3"), all);
    assertTrue(all.contains("fleet.wave_size: must be between 1 and 20"), all);
    assertTrue(all.contains("fleet.colour: unknown field"), all);
    assertTrue(all.contains("bad-fleet.yaml:7:13 faults[0].member: must be between 1 and 3"), all);
    assertTrue(all.contains("bad-fleet.yaml:9:11 faults[1].kind: kill_connection is not available in a fleet "
        + "drill"), all);
    assertTrue(all.contains("bad-fleet.yaml:11:14 faults[1].at_step: not in a fleet drill"), all);
    assertTrue(all.contains("bad-fleet.yaml:12:5 faults[2].member: missing: a fleet drill's fault strikes one "
        + "member"), all);
    assertTrue(!all.contains("needs a step"), "one problem per mistake: " + all);

    Path single = dir.resolve("member-on-one-target.yaml");
    Files.writeString(single, """
        title: Not a fleet
        briefing: b
        playbook: %s
        faults:
          - {kind: lock, at: 1s, table: accounts, member: 2}
        expected_response: {action: rollback, auto: {on: step_failed}}
        """.formatted(sample.playbook()));
    String one = assertThrows(InvalidFileException.class, () -> new DrillLoader().load(single)).getMessage();
    assertTrue(one.contains("faults[0].member: unknown field"), one);
  }
}
