package backstep.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.fleet.FleetState;
import backstep.fleet.FleetStore;
import backstep.fleet.MemberState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet page's words, without the toolkit: a tile's step and guards, and the all-or-none banner. */
class MemberRowTest {
  private static FleetStore.Member member(String name, int wave, MemberState state) {
    return new FleetStore.Member(name, 1, wave, state, true, "ready", "FLT-1-1", "r1", null, 0, 1, 1, null, null,
        null);
  }

  @Test
  void aCanaryTileSaysItsSoakVerdictAndAWaveTileItsRunsGuardEvents() {
    MemberRow canary = MemberRow.of(member("m1", 0, MemberState.ROLLED_BACK), new FleetStore.Progress("swap",
        "ROLLED_BACK", 0, 0), MemberRow.soaks(List.of(new FleetStore.Event(3, Instant.EPOCH, "CANARY_OBSERVED",
        "m1", "w", "{\"verdict\":\"ROLLBACK\",\"words\":\"guard fired\"}", "", ""))).get("m1"));
    assertTrue(canary.canary());
    assertEquals("swap rolled back", canary.step());
    assertEquals("guards: FIRED on the soak", canary.guards());
    MemberRow wave = MemberRow.of(member("m2", 1, MemberState.APPLIED), new FleetStore.Progress("swap", "APPLIED",
        2, 0), null);
    assertEquals("guards: 2 breach event(s)", wave.guards());
    assertEquals("guards: —", MemberRow.of(member("m3", 1, MemberState.PENDING), null, null).guards());
  }

  @Test
  void theBannerSaysTheFleetTurnedAroundAndWhy() {
    FleetStore.FleetRun r = new FleetStore.FleetRun("FLT-1", "tenants", "pb", "0".repeat(64), null,
        FleetState.ROLLED_BACK, 1, 1, 0, "error", "ana", 1, Instant.EPOCH, Instant.EPOCH, "member m3 failed", null,
        null);
    FleetDecision d = FleetDecision.of(r);
    assertEquals("ALL OR NONE: every member that moved was rolled back: member m3 failed", d.words());
    assertEquals(FleetDecision.Tone.BAD, d.tone());
    FleetDecision gate = FleetDecision.of(new FleetStore.FleetRun("FLT-2", "tenants", "pb", "0".repeat(64), null,
        FleetState.CANARY_GATE, 1, 1, 0, "error", "ana", 0, Instant.EPOCH, null, null, null, null));
    assertTrue(gate.words().contains("`backstep fleet approve --fleet-run FLT-2`"), gate.words());
    assertEquals(FleetDecision.Tone.WAIT, gate.tone());
  }
}
