package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two workers on one fleet run, one a separate JVM killed with SIGKILL mid-member: the other takes the member over
 * when the dead one's 1 s lease has expired and applies it once. A lease that short is a span of time a loaded
 * machine can stretch, so this runs alone; the rest of the fleet's flow is {@link FleetIT}'s.
 */
class FleetTakeoverIT extends SixMembers {
  @Test
  void twoWorkersShareAFleetRunAndOneKilledMidMemberIsTakenOverWithoutApplyingTwice() throws Exception {
    targets("""
          all:
            members: [m1, m2, m3, m4, m5, m6]
            wave_size: 3
            concurrency: 1
        """);
    Cli.Result queued = fleet("apply", playbook.toString(), "--group", "all", "--yes", "--detach");
    assertEquals(0, queued.exit(), queued::toString);
    String id = queued.out().strip();
    try (ChildProcess doomed = ChildProcess.start(List.of("fleet", "worker", "--fleet-run", id, "--targets",
        targets.toString(), "--lease", "1s", "--yes"), Map.of("BACKSTEP_TEST_PAUSE_AT", "step-transaction:add-tier"),
        null)) {
      // m1's step is written in its transaction, not committed: the kill takes it back with the session
      doomed.awaitLine("BACKSTEP_TEST_PAUSE");
      doomed.kill();
    }
    assertEquals(List.of("m1 RUNNING 1"), rows("SELECT member, state, attempts FROM backstep.fleet_member "
        + "WHERE state <> 'PENDING'"));
    Cli.Result worker = fleet("worker", "--fleet-run", id, "--lease", "1s", "--yes");
    assertEquals(0, worker.exit(), worker::toString);
    assertTrue(worker.err().contains("re-checking m1"), worker::toString);
    assertEquals("m1 APPLIED, m2 APPLIED, m3 APPLIED, m4 APPLIED, m5 APPLIED, m6 APPLIED", memberStates());
    assertEquals(List.of("m1 2", "m2 1", "m3 1", "m4 1", "m5 1", "m6 1"), rows("SELECT member, attempts FROM "
        + "backstep.fleet_member ORDER BY ordinal"));
    // one run per member, each applied once: the killed worker's run of m1 was resumed, not started again
    assertEquals(List.of("m1 1 APPLIED", "m2 1 APPLIED", "m3 1 APPLIED", "m4 1 APPLIED", "m5 1 APPLIED",
        "m6 1 APPLIED"), rows("SELECT target, count(*), max(state) FROM backstep.run GROUP BY target ORDER BY target"));
    assertEquals(List.of("1"), rows("SELECT count(*) FROM backstep.step_exec s JOIN backstep.run r "
        + "ON r.run_id = s.run_id WHERE r.target = 'm1' AND s.state = 'APPLIED'"));
    assertEquals(List.of("LEASE_EXPIRED m1", "MEMBER_RECHECKED m1"), rows("SELECT event_type, member FROM "
        + "backstep.fleet_event WHERE event_type IN ('LEASE_EXPIRED', 'MEMBER_RECHECKED') ORDER BY seq"));
    for (ScratchDb m : MEMBERS) {
      assertTrue(hasTier(m), m.name() + " applied");
    }
  }
}
