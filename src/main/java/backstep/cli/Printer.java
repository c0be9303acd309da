package backstep.cli;

import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.engine.TargetStatus;
import java.io.PrintWriter;
import java.util.Locale;

/** Plain-text rendering of results for people at a terminal. */
final class Printer {
  private Printer() {}

  static void run(PrintWriter out, RunResult r) {
    out.printf(Locale.ROOT, "%s  %s v%d on %s — %s (%.1f s)%n", r.changeId(), r.playbookId(),
        r.playbookVersion(), r.target(), headline(r), r.duration().toMillis() / 1000.0);
    steps(out, r.steps());
    if (r.proof() != null) {
      out.println("proof: " + r.proof().describe());
      r.proof().differences().forEach(d -> out.println("  ≠ " + d));
    }
    if (r.error() != null) {
      out.println("error: " + r.error());
    }
    for (String n : r.notes()) {
      out.println("note: " + n);
    }
    out.println("operator: " + r.operator() + (r.approver() != null ? ", approver: " + r.approver() : "")
        + "; run " + r.runId());
  }

  static void steps(PrintWriter out, java.util.List<StepResult> steps) {
    for (StepResult s : steps) {
      String extra = s.error() != null ? "  ✖ " + s.error()
          : s.note() != null ? "  — " + s.note() : "";
      String who = s.actor() != null && (s.kind().equals("manual") || s.kind().equals("gate")) ? "  by " + s.actor()
          : "";
      out.printf(Locale.ROOT,
          "  %s %-2d %-28s %-7s %-16s %6d ms%s%s%n", s.state().icon(), s.index() + 1, s.id(), s.kind(),
          s.state().words(), s.duration().toMillis(), who, extra);
      s.effect().forEach(e -> out.println("         effect: " + e));
      s.deviations().forEach(d -> out.println("         ⚠ " + d));
    }
  }

  /** The run's state in capitals, with how a rollback was proven: {@code ROLLED BACK — proven}. */
  static String headline(RunResult r) {
    String state = r.state().words().toUpperCase(Locale.ROOT);
    if (r.proof() == null) {
      return state;
    }
    return switch (r.proof().verdict()) {
      case PROVEN -> state + " — proven";
      case DIFFERENT -> state + " WITH DIFFERENCES";
      case DATA_DIFFERS -> state + " — schema proven, DATA DIFFERS";
      case UNPROVEN -> state + " — unproven";
    };
  }

  static void status(PrintWriter out, TargetStatus st) {
    out.printf(Locale.ROOT, "Target %s (%s, %s)%s%n", st.target(), st.environment(), st.server(),
        st.busyBy() != null ? " — BUSY: " + st.busyBy() : "");
    if (st.playbooks().isEmpty()) {
      out.println("  no runs recorded on this target");
      return;
    }
    for (TargetStatus.PlaybookState p : st.playbooks()) {
      out.printf(Locale.ROOT, "%n%s v%d — %s%s  (%s, %s, started %s)%n", p.playbookId(), p.version(),
          p.state().words().toUpperCase(Locale.ROOT), p.interrupted() ? " (INTERRUPTED)" : "",
          p.changeId(), p.operator(), p.startedAt());
      if (!p.tags().isEmpty()) {
        out.println("  tags: " + p.tags().describe());
      }
      steps(out, p.steps());
      out.println("  " + p.explanation());
    }
  }
}
