package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Await;
import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A canary's soak taken over from a worker killed mid-soak continues where it was. The kill comes 1 s into a 10 s
 * soak and the taker waits out the dead worker's 1 s lease: the taker must start (a CLI JVM) within the 9 s left,
 * a span a loaded machine stretches (at load 21 a taker started 7 s after the kill, past a 7 s soak killed at 1 s),
 * so this runs alone (the rest of the canary's flow is {@link FleetCanaryIT}'s, in the shared lane). How far into
 * the soak the kill lands does not change what is proved: a taker that soaked again from zero would end at least the
 * kill's time plus the whole soak after the soak began, which the last assertion refuses wherever the kill lands;
 * an early kill leaves the taker more of the soak to start in (it had 6 s with the kill at 4 s).
 */
class FleetCanaryTakeoverIT extends CanaryMembers {
  private static final long SOAK_MS = 10_000;
  /** At least 1 s: a soak younger than that is begun afresh by a taker ({@code CanaryObserver.left}). */
  private static final long KILL_AFTER_MS = 1_000;

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
      // mid-soak: once a second of it has passed by the soak's own start (the fleet's clock), kill its worker
      Await.until("a second of the soak", Duration.ofSeconds(60), Duration.ofMillis(20),
          () -> System.currentTimeMillis() >= started + KILL_AFTER_MS);
      doomed.kill();
      killedAfterMs = System.currentTimeMillis() - started;
    }
    assertEquals(List.of("CANARY_OBSERVING"), rows("SELECT state FROM backstep.fleet_run"));
    Cli.Result worker = fleet("worker", "--fleet-run", id, "--lease", "1s", "--yes");
    assertEquals(0, worker.exit(), worker::toString);
    java.util.regex.Matcher left = java.util.regex.Pattern.compile("continuing the soak a previous worker started: "
        + "(\\d+) ms of " + SOAK_MS + " left").matcher(worker.err());
    assertTrue(left.find(), worker::toString);
    assertTrue(Long.parseLong(left.group(1)) <= SOAK_MS - killedAfterMs, worker::toString);
    assertEquals("c1 APPLIED, c2 APPLIED, w1 APPLIED, w2 APPLIED", states());
    List<String> soak = rows("SELECT (SELECT at_ms FROM backstep.fleet_event WHERE event_type = 'CANARY_PASSED') - "
        + "(SELECT at_ms FROM backstep.fleet_event WHERE event_type = 'CANARY_OBSERVING')");
    assertTrue(Long.parseLong(soak.get(0)) < killedAfterMs + SOAK_MS, "the soak took " + soak + " ms, killed after "
        + killedAfterMs + " ms: a soak from zero would take longer than both together");
    Cli.Result back = fleet("rollback", "--yes");
    assertEquals(0, back.exit(), back::toString);
  }
}
