package backstep.ui.fleet;

import backstep.fleet.FleetStore;

/** The all-or-none decision of a fleet run in words, with how alarming it is (for the banner's colour). */
public record FleetDecision(String words, Tone tone) {
  /** The banner's colour. */
  public enum Tone { OK, WAIT, BAD }

  public static FleetDecision of(FleetStore.FleetRun r) {
    String why = r.error() == null ? "" : ": " + r.error();
    String budget = r.failures() + " of " + r.failureBudget() + " failure(s) allowed";
    return switch (r.state()) {
      case PREFLIGHT -> new FleetDecision("Preflight of every member: nothing changes anywhere until all pass",
          Tone.WAIT);
      case REFUSED -> new FleetDecision("REFUSED at preflight — nothing was changed on any member" + why, Tone.BAD);
      case RUNNING -> new FleetDecision("All or none: applying, canary first, then wave by wave; " + budget,
          Tone.WAIT);
      case CANARY_OBSERVING -> new FleetDecision("All or none: the canary is applied and its guards are watching "
          + "it; no wave starts before their verdict", Tone.WAIT);
      case CANARY_GATE -> new FleetDecision("All or none: the canary waits at its gate — `backstep fleet approve "
          + "--fleet-run " + r.id() + "` starts the waves, `backstep fleet rollback` undoes the canary", Tone.WAIT);
      case ROLLING_BACK -> new FleetDecision("ALL OR NONE: rolling back every member that moved, newest first"
          + why, Tone.BAD);
      case ROLLED_BACK -> new FleetDecision("ALL OR NONE: every member that moved was rolled back" + why, Tone.BAD);
      case APPLIED -> new FleetDecision("Applied on every member; " + budget, Tone.OK);
      case APPLIED_WITH_FAILURES -> new FleetDecision("Applied; " + r.failures() + " member(s) failed within the "
          + "failure budget of " + r.failureBudget() + " and were rolled back on their own", Tone.WAIT);
      case ROLLBACK_FAILED -> new FleetDecision("ROLLBACK FAILED on a member — see its proof; run `backstep fleet "
          + "rollback` again" + why, Tone.BAD);
    };
  }
}
