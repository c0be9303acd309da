package backstep.ui.history;

import backstep.engine.HistoryRehearsal;
import java.util.List;
import java.util.Locale;

/** The history page's lines in words, from values only (tested without the toolkit). */
final class HistoryWords {
  private HistoryWords() {}

  /** "On sandbox: 4 of 6 applied · 2 not applied · 1 without a down". */
  static String summary(List<MigrationRow> rows, String target) {
    if (rows.isEmpty()) {
      return "";
    }
    long noDown = rows.stream().filter(r -> !r.hasDown() && !r.repeatable()).count();
    String downs = noDown == 0 ? "every migration has a down" : noDown + (noDown == 1 ? " migration has"
        : " migrations have") + " no down (rollback stops there)";
    if (rows.stream().anyMatch(r -> r.state() == MigrationState.UNKNOWN)) {
      return (target.isEmpty() ? "No target" : "On " + target + ": reading its ledger…") + "  ·  " + downs;
    }
    StringBuilder b = new StringBuilder("On " + target + ": ");
    b.append(rows.stream().filter(r -> r.state() == MigrationState.APPLIED).count()).append(" of ")
        .append(rows.size()).append(" applied");
    for (MigrationState s : List.of(MigrationState.NOT_APPLIED, MigrationState.ROLLED_BACK,
        MigrationState.ROLLED_BACK_DIFFERENT, MigrationState.HALF_APPLIED)) {
      long n = rows.stream().filter(r -> r.state() == s).count();
      if (n > 0) {
        b.append("  ·  ").append(n).append(' ').append(s.words());
      }
    }
    return b.append("  ·  ").append(downs).toString();
  }

  static String report(HistoryRehearsal.Report r) {
    List<String> broken = r.broken().stream().map(HistoryRehearsal.Item::migration).toList();
    return (r.passed() ? "✔ PASSED — every down restores what its up changed" : "✖ FAILED — " + broken.size()
        + " of " + r.migrations() + " migrations whose down does not restore what the up changed: "
        + String.join(", ", broken)) + "  ·  " + r.server() + ", scratch database " + r.scratch() + " (dropped)"
        + (r.rebuilds() == 0 ? "" : "  ·  rebuilt " + r.rebuilds() + (r.rebuilds() == 1 ? " time" : " times")
        + " after a broken down") + String.format(Locale.ROOT, "  ·  %.1f s", r.took().toMillis() / 1000.0)
        + (r.error() == null ? "" : "  ·  stopped: " + r.error());
  }
}
