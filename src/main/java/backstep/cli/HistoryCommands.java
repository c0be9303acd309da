package backstep.cli;

import backstep.engine.EngineException;
import backstep.engine.HistoryRehearsal;
import backstep.engine.HistoryRuns;
import backstep.engine.Proof;
import backstep.engine.RunResult;
import backstep.history.History;
import backstep.history.HistoryLoader;
import backstep.playbook.InvalidFileException;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** What apply, rollback and rehearse share when their argument is a history rather than a playbook. */
final class HistoryCommands {
  private HistoryCommands() {}

  static boolean isHistory(Path p) {
    return p != null && HistoryLoader.isHistory(p);
  }

  static History load(Path p, TargetOptions target) throws InvalidFileException {
    return new HistoryLoader(new PlaybookLoader(target == null ? null : target.targets().names())).load(p);
  }

  /** The index of the migration {@code ref} names (playbook id or source version); {@code dflt} when null. */
  static int index(History h, String ref, String option, int dflt) throws EngineException {
    if (ref == null) {
      return dflt;
    }
    return h.indexOf(ref).orElseThrow(() -> new EngineException(EngineException.INVALID, option + ": no migration '"
        + ref + "' in history " + h.id() + " (use a version such as " + History.name(h.migrations().get(0))
        + " or a playbook id)"));
  }

  static void print(PrintWriter out, HistoryRuns.Result r) {
    boolean back = r.direction() == backstep.engine.Direction.ROLLBACK;
    long done = r.items().stream().filter(i -> i.action() == (back ? HistoryRuns.Action.ROLLED_BACK
        : HistoryRuns.Action.APPLIED)).count();
    Proof.Verdict proof = r.proof();
    out.printf(Locale.ROOT, "History %s on %s: %s — %d migration(s) %s%s%n", r.history(), r.target(),
        r.ok() ? (back ? "ROLLED BACK" : "APPLIED") : "FAILED", done, back ? "rolled back" : "applied",
        proof == null || r.items().stream().allMatch(i -> i.run() == null) ? "" : ", rollback " + proof.words());
    for (HistoryRuns.Item i : r.items()) {
      RunResult run = i.run();
      String mark = switch (i.action()) {
        case APPLIED, ROLLED_BACK -> "✔";
        case FAILED -> "✖";
        default -> "·";
      };
      String extra = "";
      if (run != null && run.proof() != null && i.action() == HistoryRuns.Action.ROLLED_BACK) {
        extra = " — " + run.proof().describe();
      } else if (run != null && i.action() == HistoryRuns.Action.FAILED) {
        extra = " — " + (run.different() ? "rolled back WITH DIFFERENCES from " + run.proof().against() + ": "
            + String.join("; ", run.proof().differences())
            : run.state().words() + (run.error() == null ? "" : ": " + run.error()));
      }
      out.printf(Locale.ROOT, "  %s %-24s %s%s%n", mark, i.migration(), i.action().words(), extra);
    }
    if (r.error() != null) {
      out.println("Stopped: " + r.error());
    }
  }

  static int exit(HistoryRuns.Result r) {
    if (r.ok()) {
      return ExitCodes.OK;
    }
    return r.items().stream().anyMatch(i -> i.run() != null && i.run().state() == RunState.PAUSED)
        ? ExitCodes.DECLINED : ExitCodes.FAILED;
  }

  static void print(PrintWriter out, HistoryRehearsal.Report r) {
    out.printf(Locale.ROOT, "Rehearsal of history %s (%d migrations) on %s — %s (%.1f s)%n", r.history(),
        r.migrations(), r.server(), r.passed() ? "PASSED" : "FAILED: " + r.broken().size()
            + " migration(s) whose down does not restore what the up changed", r.took().toMillis() / 1000.0);
    int width = Math.max(8, r.items().stream().mapToInt(i -> i.migration().length()).max().orElse(8));
    for (HistoryRehearsal.Item i : r.items()) {
      out.printf(Locale.ROOT, "  %s %-" + width + "s  %-22s %s%n", i.passed() ? "✔" : "✖", i.migration(),
          i.verdict().words(), i.detail());
      for (String d : i.differences()) {
        out.println("        - " + d);
      }
    }
    if (r.rebuilds() > 0) {
      out.printf(Locale.ROOT, "The scratch database was rebuilt %d time(s) after a broken down (ups replayed in "
          + "order).%n", r.rebuilds());
    }
    if (r.error() != null) {
      out.println("Stopped: " + r.error());
    }
    if (!r.broken().isEmpty()) {
      out.println("Broken: " + String.join(", ", r.broken().stream().map(HistoryRehearsal.Item::migration)
          .toList()));
    }
  }
}
