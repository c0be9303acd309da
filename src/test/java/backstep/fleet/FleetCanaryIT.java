package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What happens between a fleet's canary and its first wave, on PostgreSQL and MariaDB members: a canary soak whose
 * guard fires rolls the canary back (proven) and never starts a wave; a soak that passes, then a gate that needs a
 * second person's {@code fleet approve}. A soak ends when a guard fires, so where one must fire its {@code observe} is
 * only a bound far above a loaded machine's time to fire (30 s), and where none may fire the guard's limit (5 s) is
 * far above a loaded probe: nothing here depends on how fast the machine is, and the class shares it (the shared
 * lane, {@code its.untimed}). A worker killed mid-soak and taken over is {@link FleetCanaryTakeoverIT}'s, alone; a
 * group whose members are the databases on a server, with no soak, is {@link FleetServerGroupIT}'s.
 */
class FleetCanaryIT extends CanaryMembers {
  @Test
  void aGuardThatFiresWhileTheCanaryIsObservedRollsTheCanaryBackAndStartsNoWave() throws Exception {
    List<List<String>> before = new ArrayList<>();
    for (ScratchDb m : members) {
      before.add(m.dump());
    }
    targets("", """
          tenants:
            members: [c1, c2, w1, w2]
            canary: [c1, c2]
            concurrency: 2
            after_canary: {observe: 30s}
        """);
    Cli.Result apply = fleet("apply", playbook("100").toString(), "--group", "tenants", "--yes");
    assertEquals(1, apply.exit(), apply::toString);
    assertTrue(apply.out().contains("— ROLLED_BACK"), apply::toString);
    assertTrue(apply.err().contains("observing the canary (c1, c2)"), apply::toString);
    assertTrue(apply.out().contains("guard fired (rollback)"), apply::toString);
    assertEquals("c1 ROLLED_BACK, c2 ROLLED_BACK, w1 NOT_STARTED, w2 NOT_STARTED", states());
    assertEquals(List.of("2"), rows("SELECT count(*) FROM backstep.fleet_member WHERE proof LIKE 'proven%'"));
    assertEquals(List.of("CANARY_OBSERVING", "CANARY_FAILED"), rows("SELECT event_type FROM backstep.fleet_event "
        + "WHERE event_type LIKE 'CANARY%' AND event_type <> 'CANARY_OBSERVED' ORDER BY seq"));
    assertEquals(List.of("c1 ROLLBACK", "c2 ROLLBACK"), rows("SELECT member, detail::json->>'verdict' FROM "
        + "backstep.fleet_event WHERE event_type = 'CANARY_OBSERVED' ORDER BY member"));
    assertEquals(List.of(), rows("SELECT target FROM backstep.run WHERE target IN ('w1', 'w2')"),
        "no wave started: no run on w1 or w2");
    for (int i = 0; i < members.size(); i++) {
      assertEquals(before.get(i), members.get(i).dump(), "member " + (i + 1) + " as before");
    }
  }

  @Test
  void aCanaryThatPassesItsSoakWaitsAtTheGateForASecondPersonThenTheWavesRun() throws Exception {
    targets("", """
          tenants:
            members: [c1, c2, w1, w2]
            canary: [c1, c2]
            wave_size: 2
            concurrency: 2
            after_canary: {observe: 2s, gate: approval}
        """);
    Cli.Result queued = fleet("apply", playbook("5000").toString(), "--group", "tenants", "--yes", "--detach",
        "--operator", "alice");
    assertEquals(0, queued.exit(), queued::toString);
    String id = queued.out().strip();
    try (ChildProcess worker = ChildProcess.start(List.of("fleet", "worker", "--fleet-run", id, "--workers", "2",
        "--targets", targets.toString(), "--yes", "--operator", "alice"), Map.of(), null)) {
      worker.awaitLine("the canary waits at its gate");
      assertEquals(List.of("CANARY_GATE"), rows("SELECT state FROM backstep.fleet_run"));
      assertEquals("c1 APPLIED, c2 APPLIED, w1 PENDING, w2 PENDING", states());
      Cli.Result self = fleet("approve", "--fleet-run", id, "--operator", "alice");
      assertEquals(2, self.exit(), self::toString);
      assertTrue(self.err().contains("asks a second person to approve its canary"), self::toString);
      Cli.Result ok = fleet("approve", "--fleet-run", id, "--operator", "bob", "--reason", "canary looks fine");
      assertEquals(0, ok.exit(), ok::toString);
      assertEquals(0, worker.waitFor(), worker.seen());
    }
    assertEquals("c1 APPLIED, c2 APPLIED, w1 APPLIED, w2 APPLIED", states());
    assertEquals(List.of("CANARY_OBSERVING", "CANARY_OBSERVED", "CANARY_OBSERVED", "CANARY_GATE_WAITING",
        "CANARY_APPROVED bob"), rows("SELECT event_type || CASE WHEN event_type = 'CANARY_APPROVED' THEN ' ' "
        + "|| actor ELSE '' END FROM backstep.fleet_event WHERE event_type LIKE 'CANARY%' ORDER BY seq"));
    Cli.Result status = fleet("status");
    assertTrue(status.out().contains("after the canary: observe the canary for 2.0 s, then wait for `backstep "
        + "fleet approve` by a second person — passed"), status::toString);
    assertTrue(status.out().contains("hash chain intact"), status::toString);
    Cli.Result back = fleet("rollback", "--yes");
    assertEquals(0, back.exit(), back::toString);
  }

  /**
   * A guard with action {@code pause} that fires while the canary is observed sends the fleet to its gate, even
   * with {@code gate: none}: a person decides. {@code approve}: the waves run to APPLIED; {@code rollback}: the canary
   * is rolled back (proven) and no wave ever starts.
   */
  @ParameterizedTest(name = "then {0}")
  @ValueSource(strings = {"approve", "rollback"})
  void aPauseGuardFiringOnTheCanarySendsTheFleetToTheGateForAPersonToDecide(String decision) throws Exception {
    List<List<String>> before = new ArrayList<>();
    for (ScratchDb m : members) {
      before.add(m.dump());
    }
    targets("", """
          tenants:
            members: [c1, c2, w1, w2]
            canary: [c1, c2]
            wave_size: 2
            concurrency: 2
            after_canary: {observe: 30s}
        """);
    Cli.Result queued = fleet("apply", playbook("100", "pause").toString(), "--group", "tenants", "--yes",
        "--detach", "--operator", "alice");
    assertEquals(0, queued.exit(), queued::toString);
    String id = queued.out().strip();
    try (ChildProcess worker = ChildProcess.start(List.of("fleet", "worker", "--fleet-run", id, "--workers", "2",
        "--targets", targets.toString(), "--yes", "--operator", "alice"), Map.of(), null)) {
      worker.awaitLine("the canary waits at its gate");
      assertEquals(List.of("CANARY_GATE"), rows("SELECT state FROM backstep.fleet_run"));
      assertEquals("c1 APPLIED, c2 APPLIED, w1 PENDING, w2 PENDING", states());
      assertEquals(List.of("c1 PAUSE", "c2 PAUSE"), rows("SELECT member, detail::json->>'verdict' FROM "
          + "backstep.fleet_event WHERE event_type = 'CANARY_OBSERVED' ORDER BY member"));
      List<String> gate = rows("SELECT detail::json->>'gate', detail::json->>'breach' FROM backstep.fleet_event "
          + "WHERE event_type = 'CANARY_GATE_WAITING'");
      assertEquals(1, gate.size(), gate::toString);
      assertTrue(gate.get(0).startsWith("none c"), "the gate waits although the group has none: " + gate);
      assertEquals(List.of(), rows("SELECT target FROM backstep.run WHERE target IN ('w1', 'w2')"),
          "no wave started while the fleet waits");
      if (decision.equals("approve")) {
        Cli.Result ok = fleet("approve", "--fleet-run", id, "--operator", "bob", "--reason", "probe is fine");
        assertEquals(0, ok.exit(), ok::toString);
        assertEquals(0, worker.waitFor(), worker.seen());
        assertEquals("c1 APPLIED, c2 APPLIED, w1 APPLIED, w2 APPLIED", states());
        assertEquals(List.of("APPLIED"), rows("SELECT state FROM backstep.fleet_run"));
        Cli.Result back = fleet("rollback", "--yes");
        assertEquals(0, back.exit(), back::toString);
      } else {
        Cli.Result back = fleet("rollback", "--fleet-run", id, "--yes", "--operator", "bob");
        assertEquals(0, back.exit(), back::toString);
        worker.waitFor();
        assertEquals("c1 ROLLED_BACK, c2 ROLLED_BACK, w1 NOT_STARTED, w2 NOT_STARTED", states());
        assertEquals(List.of("2"), rows("SELECT count(*) FROM backstep.fleet_member WHERE proof LIKE 'proven%'"));
        assertEquals(List.of(), rows("SELECT target FROM backstep.run WHERE target IN ('w1', 'w2')"),
            "no wave ever started");
      }
    }
    for (int i = 0; i < members.size(); i++) {
      assertEquals(before.get(i), members.get(i).dump(), "member " + (i + 1) + " as before");
    }
  }
}
