package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Dialect;
import backstep.ledger.TargetLock;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fleets end to end on six scratch members (PostgreSQL and MariaDB alternating) and a PostgreSQL central ledger:
 * a clean apply and rollback; a failure on member 4 rolling back 1-3 (proven) and never touching 5-6; a preflight
 * failure changing nothing anywhere. No guard, no soak and the default 30 s lease, so nothing here depends on how
 * fast the machine is: the shared lane ({@code its.untimed}). A worker killed mid-member, taken over after its 1 s
 * lease, is {@link FleetTakeoverIT}'s.
 */
class FleetIT extends SixMembers {
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
}
