package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A canary's soak taken over from a worker killed mid-soak continues where it was. The kill comes 4 s into a 10 s
 * soak and the taker waits out the dead worker's 1 s lease: spans a loaded machine stretches, so this runs alone
 * (the rest of the canary's flow is {@link FleetCanaryIT}'s, in the shared lane).
 */
class FleetCanaryTakeoverIT extends CanaryMembers {
  /**
   * Regression: a worker that took over the canary's soak from one that died soaked again from zero. It now
   * continues from the soak's start recorded in the central ledger (the CANARY_OBSERVING event), so the soak ends
   * about {@code observe} after it began, not {@code observe} after the takeover.
   */
  @Test
  void aSoakTakenOverFromAWorkerKilledMidSoakContinuesWhereItWas() throws Exception {
    targets("", """
          tenants:
            members: [c1, c2, w1, w2]
            canary: [c1, c2]
            wave_size: 2
            concurrency: 2
            after_canary: {observe: 10s}
        """);
    Cli.Result queued = fleet("apply", playbook("5000").toString(), "--group", "tenants", "--yes", "--detach");
    assertEquals(0, queued.exit(), queued::toString);
    String id = queued.out().strip();
    long killedAfterMs;
    try (ChildProcess doomed = ChildProcess.start(List.of("fleet", "worker", "--fleet-run", id, "--workers", "2",
        "--lease", "1s", "--targets", targets.toString(), "--yes"), Map.of(), null)) {
      doomed.awaitLine("observing the canary");
      long started = Long.parseLong(rows("SELECT at_ms FROM backstep.fleet_event WHERE event_type = "
          + "'CANARY_OBSERVING'").get(0));
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < started + 4_000 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100); // the soak is a span of time: wait until 4 s of it have passed, then kill its worker
      }
      doomed.kill();
      killedAfterMs = System.currentTimeMillis() - started;
    }
    assertEquals(List.of("CANARY_OBSERVING"), rows("SELECT state FROM backstep.fleet_run"));
    Cli.Result worker = fleet("worker", "--fleet-run", id, "--lease", "1s", "--yes");
    assertEquals(0, worker.exit(), worker::toString);
    java.util.regex.Matcher left = java.util.regex.Pattern.compile("continuing the soak a previous worker started: "
        + "(\\d+) ms of 10000 left").matcher(worker.err());
    assertTrue(left.find(), worker::toString);
    assertTrue(Long.parseLong(left.group(1)) <= 10_000 - killedAfterMs, worker::toString);
    assertEquals("c1 APPLIED, c2 APPLIED, w1 APPLIED, w2 APPLIED", states());
    List<String> soak = rows("SELECT (SELECT at_ms FROM backstep.fleet_event WHERE event_type = 'CANARY_PASSED') - "
        + "(SELECT at_ms FROM backstep.fleet_event WHERE event_type = 'CANARY_OBSERVING')");
    assertTrue(Long.parseLong(soak.get(0)) < killedAfterMs + 10_000, "the soak took " + soak + " ms, killed after "
        + killedAfterMs + " ms: a soak from zero would take longer than both together");
    Cli.Result back = fleet("rollback", "--yes");
    assertEquals(0, back.exit(), back::toString);
  }
}
