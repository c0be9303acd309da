package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Dialect;
import backstep.ledger.TargetLock;
import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleets end to end on six scratch members (PostgreSQL and MariaDB alternating) and a PostgreSQL central ledger:
 * a clean apply and rollback; a failure on member 4 rolling back 1-3 (proven) and never touching 5-6; a preflight
 * failure changing nothing anywhere; two workers on one fleet run, one a separate JVM killed with SIGKILL mid-member.
 */
class FleetIT {
  private static final List<ScratchDb> MEMBERS = new ArrayList<>();
  private static final Map<String, List<String>> PRISTINE = new LinkedHashMap<>();

  @TempDir
  Path dir;
  private ScratchDb central;
  private Path targets;
  private Path playbook;

  @BeforeAll
  static void members() throws Exception {
    for (int i = 1; i <= 6; i++) {
      ScratchDb db = ScratchDb.create(i % 2 == 1 ? ScratchDb.Kind.POSTGRES : ScratchDb.Kind.MARIADB);
      MEMBERS.add(db);
      db.exec("CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(40))",
          "INSERT INTO accounts VALUES (1, 'ada'), (2, 'bo'), (3, 'cy')");
      PRISTINE.put("m" + i, db.dump());
    }
  }

  @AfterAll
  static void dropMembers() throws SQLException {
    for (ScratchDb db : MEMBERS) {
      db.close();
    }
  }

  @BeforeEach
  void ledger() throws Exception {
    central = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    playbook = dir.resolve("tier.yaml");
    Files.writeString(playbook, """
        id: account-tier
        title: Add accounts.tier
        intent: give every account a tier
        checks:
          - name: accounts keep every row
            row_count: accounts
            expect_same_as: before
            when: [after_forward, after_rollback]
        steps:
          - id: add-tier
            kind: sql
            title: Add a nullable tier column
            forward: ALTER TABLE accounts ADD COLUMN tier INT
            rollback: ALTER TABLE accounts DROP COLUMN tier
        """);
  }

  @AfterEach
  void dropLedger() throws Exception {
    for (ScratchDb db : MEMBERS) { // every test leaves the members as they were
      if (hasTier(db)) {
        db.exec("ALTER TABLE accounts DROP COLUMN tier");
      }
    }
    central.close();
  }

  private void targets(String group) throws Exception {
    StringBuilder y = new StringBuilder("ledger: central\ntargets:\n  central:\n    url: " + central.url()
        + "\n    user: postgres\n    environment: staging\n");
    for (int i = 0; i < MEMBERS.size(); i++) {
      ScratchDb m = MEMBERS.get(i);
      y.append("  m").append(i + 1).append(":\n    url: ").append(m.url()).append("\n    user: ").append(m.user())
          .append("\n    environment: sandbox\n");
    }
    y.append("groups:\n").append(group);
    targets = dir.resolve("targets.yaml");
    Files.writeString(targets, y.toString());
  }

  private static boolean hasTier(ScratchDb db) throws SQLException {
    String sql = db.kind() == ScratchDb.Kind.POSTGRES
        ? "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'tier'"
        : "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
            + "AND table_name = 'accounts' AND column_name = 'tier'";
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return central.rows(sql);
  }

  private String memberStates() throws SQLException {
    return String.join(", ", rows("SELECT member, state FROM backstep.fleet_member ORDER BY ordinal"));
  }

  private Cli.Result fleet(String... args) {
    return FleetCli.fleet(targets, args);
  }

  @Test
  void aCleanFleetApplyThenRollbackLeavesEveryMemberAsItWas() throws Exception {
    targets("""
          all:
            members: [m1, m2, m3, m4, m5, m6]
            canary: [m1]
            wave_size: 2
            concurrency: 2
        """);
    Cli.Result apply = fleet("apply", playbook.toString(), "--group", "all", "--yes");
    assertEquals(0, apply.exit(), apply::toString);
    assertTrue(apply.out().contains("— APPLIED"), apply::toString);
    for (ScratchDb m : MEMBERS) {
      assertTrue(hasTier(m), m.name() + " applied");
    }
    assertEquals(List.of("m1 0", "m2 1", "m3 1", "m4 2", "m5 2", "m6 3"),
        rows("SELECT member, wave FROM backstep.fleet_member ORDER BY ordinal"));
    // the canary (wave 0) started first, and no member of a wave started before every member of the wave before
    List<String> moved = rows("SELECT wave FROM backstep.fleet_member ORDER BY moved_seq");
    assertEquals(List.of("0", "1", "1", "2", "2", "3"), moved);
    Cli.Result status = fleet("status");
    assertEquals(0, status.exit(), status::toString);
    assertEquals(6, status.out().split("\\(agrees\\)", -1).length - 1, status::toString);
    assertTrue(status.out().contains("hash chain intact"), status::toString);

    Cli.Result back = fleet("rollback", "--yes");
    assertEquals(0, back.exit(), back::toString);
    assertTrue(back.out().contains("— ROLLED_BACK"), back::toString);
    assertEquals(6, back.out().split("rollback: proven", -1).length - 1, back::toString);
    for (int i = 0; i < MEMBERS.size(); i++) {
      assertEquals(PRISTINE.get("m" + (i + 1)), MEMBERS.get(i).dump(), "m" + (i + 1) + " as before");
    }
    // newest first: the rollback events name the members in the reverse order they moved
    List<String> order = rows("SELECT e.member FROM backstep.fleet_event e JOIN backstep.fleet_member m "
        + "ON m.fleet_run_id = e.fleet_run_id AND m.member = e.member WHERE e.event_type = 'MEMBER_ROLLED_BACK' "
        + "ORDER BY e.seq");
    List<String> byMoved = rows("SELECT member FROM backstep.fleet_member ORDER BY moved_seq DESC");
    assertEquals(byMoved, order);
    Cli.Result history = fleet("history");
    assertTrue(history.out().contains("ROLLED_BACK"), history::toString);
  }

  @Test
  void aFailureOnMember4RollsBack1To3ProvenAndNeverTouches5And6() throws Exception {
    targets("""
          all:
            members: [m1, m2, m3, m4, m5, m6]
            canary: [m1]
            wave_size: 2
            concurrency: 1
            failure_budget: 0
        """);
    MEMBERS.get(3).exec("ALTER TABLE accounts ADD COLUMN tier INT"); // member 4 already has it: the ALTER fails
    Cli.Result apply = fleet("apply", playbook.toString(), "--group", "all", "--yes");
    assertEquals(1, apply.exit(), apply::toString);
    assertTrue(apply.out().contains("— ROLLED_BACK"), apply::toString);
    assertTrue(apply.out().contains("member m4 failed"), apply::toString);
    assertEquals("m1 ROLLED_BACK, m2 ROLLED_BACK, m3 ROLLED_BACK, m4 ROLLED_BACK, m5 NOT_STARTED, m6 NOT_STARTED",
        memberStates());
    for (String m : List.of("m1", "m2", "m3")) {
      assertTrue(rows("SELECT proof FROM backstep.fleet_member WHERE member = '" + m + "'").get(0)
          .startsWith("proven"), m + " proven");
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(PRISTINE.get("m" + (i + 1)), MEMBERS.get(i).dump(), "m" + (i + 1) + " as before");
    }
    assertEquals(List.of(), rows("SELECT target FROM backstep.run WHERE target IN ('m5', 'm6')"),
        "no run was ever started on members 5 and 6");
    assertEquals(PRISTINE.get("m5"), MEMBERS.get(4).dump());
    assertEquals(PRISTINE.get("m6"), MEMBERS.get(5).dump());
    assertEquals(List.of("m4", "m3", "m2", "m1"), rows("SELECT member FROM backstep.fleet_event "
        + "WHERE event_type = 'MEMBER_ROLLED_BACK' ORDER BY seq"), "newest first");
    assertEquals(List.of("1"), rows("SELECT count(*) FROM backstep.fleet_event WHERE event_type = "
        + "'BUDGET_EXCEEDED'"));
  }

  @Test
  void aPreflightFailureOnOneMemberChangesNothingAnywhere() throws Exception {
    targets("""
          all:
            members: [m1, m2, m3, m4, m5, m6]
            canary: [m1]
            wave_size: 3
            concurrency: 3
        """);
    try (Connection held = MEMBERS.get(4).connect()) { // another process holds member 5's run lock
      assertTrue(TargetLock.tryAcquire(held, Dialect.POSTGRES));
      Cli.Result apply = fleet("apply", playbook.toString(), "--group", "all", "--yes");
      assertEquals(1, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("— REFUSED"), apply::toString);
      assertTrue(apply.out().contains("preflight failed on m5; nothing was changed on any member"),
          apply::toString);
      assertEquals(5, apply.out().split("preflight: ready", -1).length - 1, apply::toString);
      assertTrue(apply.out().contains("preflight: FAILED: the run lock is held"), apply::toString);
    }
    assertEquals("m1 NOT_STARTED, m2 NOT_STARTED, m3 NOT_STARTED, m4 NOT_STARTED, m5 NOT_STARTED, m6 NOT_STARTED",
        memberStates());
    for (int i = 0; i < MEMBERS.size(); i++) {
      assertFalse(hasTier(MEMBERS.get(i)), "m" + (i + 1) + " untouched");
    }
    assertEquals(List.of("null"), rows("SELECT to_regclass('backstep.run')::text"),
        "no member run started anywhere: the central ledger has no run table yet");
  }

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
