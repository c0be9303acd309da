package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What happens between a fleet's canary and its first wave, on PostgreSQL and MariaDB members: a canary soak whose
 * guard fires rolls the canary back (proven) and never starts a wave; a soak that passes, then a gate that needs a
 * second person's {@code fleet approve}. (A group whose members are the databases on a server, with no soak, is
 * {@link FleetServerGroupIT}'s, in the shared lane.)
 */
class FleetCanaryIT {
  /** Slows the probe view by 150 ms a read; the guard watches the probe's latency. */
  static final String PLAYBOOK = """
      id: probe-view
      title: Swap the probe view
      intent: the canary's probe reads the view this change replaces
      telemetry: {interval: 250ms, baseline: 1s}
      canary: SELECT x FROM probe
      guards:
        - metric: canary_ms
          aggregate: p50
          above: %s
          window: 3s
          action: %s
      steps:
        - id: swap
          kind: sql
          title: Replace the probe view
          forward:
            postgresql: CREATE OR REPLACE VIEW probe AS SELECT 1 AS x FROM (SELECT pg_sleep(0.15)) s
            mysql: CREATE OR REPLACE VIEW probe AS SELECT SLEEP(0.15) + 1 AS x
          rollback:
            postgresql: CREATE OR REPLACE VIEW probe AS SELECT 1 AS x
            mysql: CREATE OR REPLACE VIEW probe AS SELECT 1 AS x
      """;

  @TempDir
  Path dir;
  private final List<ScratchDb> members = new ArrayList<>();
  private ScratchDb central;
  private Path targets;

  @BeforeEach
  void create() throws Exception {
    central = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    for (int i = 0; i < 4; i++) {
      ScratchDb db = ScratchDb.create(i % 2 == 0 ? ScratchDb.Kind.POSTGRES : ScratchDb.Kind.MARIADB);
      db.exec("CREATE VIEW probe AS SELECT 1 AS x");
      members.add(db);
    }
  }

  @AfterEach
  void drop() throws SQLException {
    for (ScratchDb db : members) {
      db.close();
    }
    central.close();
  }

  private Path playbook(String threshold) throws Exception {
    return playbook(threshold, "rollback");
  }

  private Path playbook(String threshold, String action) throws Exception {
    Path p = dir.resolve("probe-" + threshold + "-" + action + ".yaml");
    Files.writeString(p, PLAYBOOK.formatted(threshold, action));
    return p;
  }

  private void targets(String extra, String groups) throws Exception {
    StringBuilder y = new StringBuilder("ledger: central\ntargets:\n  central:\n    url: " + central.url()
        + "\n    user: postgres\n    environment: staging\n");
    String[] names = {"c1", "c2", "w1", "w2"};
    for (int i = 0; i < members.size(); i++) {
      y.append("  ").append(names[i]).append(":\n    url: ").append(members.get(i).url()).append("\n    user: ")
          .append(members.get(i).user()).append("\n    environment: sandbox\n");
    }
    y.append(extra).append("groups:\n").append(groups);
    targets = dir.resolve("targets.yaml");
    Files.writeString(targets, y.toString());
  }

  private Cli.Result fleet(String... args) {
    return FleetCli.fleet(targets, args);
  }

  private List<String> rows(String sql) throws SQLException {
    return central.rows(sql);
  }

  private String states() throws SQLException {
    return String.join(", ", rows("SELECT member, state FROM backstep.fleet_member ORDER BY ordinal"));
  }

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
            after_canary: {observe: 6s}
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
            after_canary: {observe: 6s}
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
