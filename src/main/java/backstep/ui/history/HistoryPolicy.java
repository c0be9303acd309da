package backstep.ui.history;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When each history action may run, and why not when it may not: a pure function of the situation, so every
 * disabled button says why (tested without the toolkit), as the run view's action policy does.
 */
final class HistoryPolicy {
  private HistoryPolicy() {}

  /** Whether an action is available, and in plain words what it will do or why it cannot. */
  record Availability(boolean enabled, String why) {}

  /**
   * Everything the decision depends on.
   *
   * @param problems validation problems of the history file and its playbooks (0 when it loaded)
   * @param targetWaiting why the target cannot be used yet (connecting, unreachable), or null when it is open
   * @param wrongFamily why the history's SQL cannot run on the target's database, or null when it can
   * @param production the target is a production target
   * @param working the walk in progress, or null
   * @param busyElsewhere another part of the console using the engine (a run in the Run tab), or null
   * @param rows the migrations with their state on the target (UNKNOWN while its ledger is being read)
   * @param range the part of the history the walks take ({@code --from} / {@code --to})
   */
  record Situation(boolean hasHistory, int problems, String targetName, String targetWaiting, String wrongFamily,
      boolean production, HistoryAction working, String busyElsewhere, List<MigrationRow> rows,
      HistoryRange range) {
    /** The whole history. */
    Situation(boolean hasHistory, int problems, String targetName, String targetWaiting, String wrongFamily,
        boolean production, HistoryAction working, String busyElsewhere, List<MigrationRow> rows) {
      this(hasHistory, problems, targetName, targetWaiting, wrongFamily, production, working, busyElsewhere, rows,
          HistoryRange.all(rows.size()));
    }

    boolean whole() {
      return range.whole(rows.size());
    }
  }

  static Map<HistoryAction, Availability> evaluate(Situation s) {
    Map<HistoryAction, Availability> m = new EnumMap<>(HistoryAction.class);
    String common = common(s);
    if (common != null) {
      for (HistoryAction a : HistoryAction.values()) {
        m.put(a, new Availability(false, common));
      }
      return m;
    }
    m.put(HistoryAction.APPLY, apply(s));
    m.put(HistoryAction.ROLLBACK, rollback(s));
    m.put(HistoryAction.REHEARSE, rehearse(s));
    return m;
  }

  private static String common(Situation s) {
    if (!s.hasHistory()) {
      return "Pick a history in the library first";
    }
    if (s.problems() > 0) {
      return "The history has " + s.problems() + (s.problems() == 1 ? " problem" : " problems")
          + ": fix its files first (listed on this page)";
    }
    if (s.working() != null) {
      return "The history is " + s.working().happening() + ": wait for the walk to end";
    }
    if (s.busyElsewhere() != null) {
      return s.busyElsewhere();
    }
    if (s.targetWaiting() != null) {
      return "Target " + s.targetName() + " is not ready: " + s.targetWaiting();
    }
    return s.wrongFamily();
  }

  private static boolean known(Situation s) {
    return s.rows().stream().noneMatch(r -> r.state() == MigrationState.UNKNOWN);
  }

  private static Availability apply(Situation s) {
    if (!known(s)) {
      return new Availability(false, "Reading the ledger of " + s.targetName() + "…");
    }
    for (MigrationRow r : s.rows()) {
      if (r.state() == MigrationState.HALF_APPLIED) {
        return new Availability(false, "Migration " + r.name() + " is half-applied on " + s.targetName()
            + ": open its playbook (" + r.playbook().id() + ") and Resume or Roll back it in the Run tab first");
      }
    }
    int last = -1;
    for (MigrationRow r : s.rows()) {
      if (r.state() == MigrationState.APPLIED && !r.repeatable()) {
        last = r.index(); // as HistoryRuns: a repeatable runs after the versioned ones, it ends no gap
      }
    }
    int lastApplied = last;
    List<String> gaps = s.rows().stream().filter(r -> r.index() < lastApplied && r.state() != MigrationState.APPLIED)
        .map(MigrationRow::name).toList();
    if (!gaps.isEmpty()) {
      return new Availability(false, "Out of order: " + String.join(", ", gaps) + " not applied on "
          + s.targetName() + " although the later " + s.rows().get(last).name() + " is; a history is applied in "
          + "order only (roll back to before them first)");
    }
    int to = s.range().to();
    String upTo = s.whole() ? "" : " up to " + s.rows().get(to).name();
    int todo = (int) s.rows().stream().filter(r -> r.index() > lastApplied && r.index() <= to
        && r.state() != MigrationState.APPLIED).count();
    if (todo == 0) {
      return new Availability(false, "Every migration" + upTo + " is applied on " + s.targetName());
    }
    String residue = s.rows().stream().filter(r -> r.index() > lastApplied && r.index() <= to
        && r.state() == MigrationState.ROLLED_BACK_DIFFERENT).map(MigrationRow::name).findFirst()
        .map(n -> ". Migration " + n + " was rolled back WITH DIFFERENCES: its up may fail on what its down left")
        .orElse("");
    return new Availability(true, (last < 0 ? "Apply " + (s.whole() ? "all " : "") + count(todo) + upTo
        : "Apply the " + count(todo) + " after " + s.rows().get(last).name() + upTo) + " on " + s.targetName()
        + " in order, one run each (one confirmation; gates still ask); stops at the first that fails" + residue);
  }

  private static Availability rollback(Situation s) {
    if (!known(s)) {
      return new Availability(false, "Reading the ledger of " + s.targetName() + "…");
    }
    int keep = s.range().keep();
    String kept = keep < 0 ? "" : " after " + s.rows().get(keep).name();
    List<MigrationRow> undo = s.rows().stream().filter(r -> r.index() > keep && r.state().inEffect()
        && !r.repeatable()).toList();
    if (undo.isEmpty()) {
      return new Availability(false, "Nothing of this history" + kept + " is applied on " + s.targetName());
    }
    String stop = undo.stream().filter(r -> !r.hasDown()).reduce((a, b) -> b)
        .map(r -> " Migration " + r.name() + " has no down: the walk stops there.").orElse("");
    return new Availability(true, "Roll back the " + count(undo.size()) + " in effect" + kept + " on "
        + s.targetName() + (keep < 0 ? "" : " (" + s.rows().get(keep).name() + " and before stay applied)")
        + ", newest first, each proven against the fingerprint taken before it ran; stops at the first that "
        + "fails or leaves differences." + stop);
  }

  private static Availability rehearse(Situation s) {
    if (s.production()) {
      return new Availability(false, "Not on a production server: a rehearsal creates and drops a scratch "
          + "database on the target's server. Pick a sandbox or staging target");
    }
    HistoryRange r = s.range();
    if (!s.rows().isEmpty() && r.from() > r.to()) {
      return new Availability(false, "From " + s.rows().get(r.from()).name() + " comes after Up to "
          + s.rows().get(r.to()).name() + ": pick a From at or before Up to");
    }
    if (s.whole()) {
      return new Availability(true, "Prove every down on a scratch database of " + s.targetName() + "'s server "
          + "(created, then dropped): for each of the " + count(s.rows().size()) + " in order, apply, roll back, "
          + "compare with the fingerprint before it, apply again. Nothing on " + s.targetName() + " itself "
          + "changes");
    }
    String setup = r.from() == 0 ? "" : " (the " + count(r.from()) + " before it applied as set-up)";
    return new Availability(true, "Prove the downs of " + s.rows().get(r.from()).name() + " to "
        + s.rows().get(r.to()).name() + setup + " on a scratch database of " + s.targetName() + "'s server "
        + "(created, then dropped): apply, roll back, compare with the fingerprint before it, apply again. "
        + "Nothing on " + s.targetName() + " itself changes");
  }

  private static String count(int n) {
    return n + (n == 1 ? " migration" : " migrations");
  }
}
