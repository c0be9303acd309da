package backstep.ui.fleet;

import backstep.fleet.FleetStore;
import backstep.fleet.MemberState;
import java.util.Map;

/**
 * One member's tile: where it is in the fleet run (state, wave, canary), its run's latest step and its guards in
 * words, and what the central ledger says about it (preflight, error, rollback proof, change id).
 */
public record MemberRow(String member, int ordinal, int wave, MemberState state, String step, String guards,
    String preflight, String error, String proof, String changeId) {
  public boolean canary() {
    return wave == 0;
  }

  /**
   * A row from the fleet tables: {@code progress} is the member's run as the central ledger has it (absent when
   * its run lives in its own ledger), {@code soak} the canary's soak verdict (absent when not observed).
   */
  static MemberRow of(FleetStore.Member m, FleetStore.Progress progress, String soak) {
    String step = progress == null || progress.step() == null ? "—"
        : progress.step() + " " + progress.stepState().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    String guards;
    if (soak != null) {
      guards = switch (soak) {
        case "PASSED" -> "guards: soak passed";
        case "ROLLBACK" -> "guards: FIRED on the soak";
        case "PAUSE" -> "guards: breach on the soak (paused)";
        default -> "guards: soak " + soak.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      };
    } else if (progress == null) {
      guards = "guards: —";
    } else if (progress.guardActions() > 0) {
      guards = "guards: ACTED (" + progress.guardActions() + ")";
    } else if (progress.guardEvents() > 0) {
      guards = "guards: " + progress.guardEvents() + " breach event(s)";
    } else {
      guards = "guards: quiet";
    }
    return new MemberRow(m.member(), m.ordinal(), m.wave(), m.state(), step, guards, m.preflight(), m.error(),
        m.proof(), m.changeId());
  }

  /** The canary soak verdicts by member, from the fleet run's CANARY_OBSERVED events. */
  static Map<String, String> soaks(java.util.List<FleetStore.Event> events) {
    Map<String, String> out = new java.util.HashMap<>();
    for (FleetStore.Event e : events) {
      if ("CANARY_OBSERVED".equals(e.type()) && e.member() != null && e.detail() != null) {
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("\"verdict\":\"([A-Z_]+)\"").matcher(e.detail());
        if (v.find()) {
          out.put(e.member(), v.group(1));
        }
      }
    }
    return out;
  }
}
