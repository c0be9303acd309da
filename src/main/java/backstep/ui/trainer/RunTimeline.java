package backstep.ui.trainer;

import backstep.ledger.EventRecord;
import backstep.ui.ledger.EventForm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain run's ledger events laid out in lanes along its time axis, as a drill's timeline is: each step from its
 * start to its outcome (forward, then its rollback), checks, guards, the operator's actions, and the run's own
 * states. No JavaFX: {@link TimelineView} draws it.
 */
final class RunTimeline {
  /** The lanes, top to bottom. */
  static final List<String> LANES = List.of("run", "steps", "checks", "guards", "operator");

  private RunTimeline() {}

  static List<Replay.Span> of(List<EventRecord> events, Instant t0) {
    List<Replay.Span> out = new ArrayList<>();
    Map<String, Long> started = new HashMap<>();
    long rollbackFrom = -1;
    for (EventRecord e : events) {
      long at = Math.max(0, Duration.between(t0, e.at()).toMillis());
      String step = e.stepId() == null ? "" : e.stepId();
      String text = EventForm.summary(e.detail());
      switch (e.type()) {
        case "STEP_STARTED" -> started.put(step, at);
        case "STEP_APPLIED", "STEP_FAILED", "STEP_SKIPPED" -> {
          Long from = started.remove(step); // a step's first event may be its outcome: then its "ms" says how long
          out.add(new Replay.Span("steps", from != null ? from : Math.max(0, at - took(e.detail())), at, step,
              outcome(e.type()), words(e) + " " + text));
        }
        case "ROLLBACK_STARTED" -> {
          rollbackFrom = at;
          out.add(point("run", at, "rollback", "warn", e, text));
          java.util.regex.Matcher asked = e.detail() == null ? null : ASKED.matcher(e.detail());
          if (asked != null && asked.find()) { // ROLL BACK during the run: the person's action, at their click
            long clicked = Math.max(0, Duration.between(t0, Instant.parse(asked.group(2))).toMillis());
            out.add(point("operator", clicked, "ROLL BACK · " + asked.group(1), "neutral", e, text));
          }
        }
        case "STEP_ROLLED_BACK", "STEP_ROLLBACK_FAILED" -> {
          long from = rollbackFrom >= 0 ? rollbackFrom : at;
          out.add(new Replay.Span("steps", from, at, "⟲ " + step, outcome(e.type()), words(e) + " " + text));
          rollbackFrom = at;
        }
        case "CHECK" -> out.add(point("checks", at, checkName(e, step), e.detail() != null
            && e.detail().contains("\"passed\":false") ? "failed" : "ok", e, text));
        case "FINGERPRINT", "ROLLBACK_PROOF", "STEP_DEVIATION", "RECOVERY_POINT", "RECOVERY_DROPPED" ->
            out.add(point("checks", at, words(e), e.type().equals("STEP_DEVIATION") || e.detail() != null
                && e.detail().contains("DIFFERENT") ? "failed" : "ok", e, text));
        case "GUARD", "GUARD_ACTION", "OBSERVED" -> out.add(point("guards", at, words(e),
            e.type().equals("GUARD_ACTION") ? "failed" : e.type().equals("GUARD") ? "warn" : "ok", e, text));
        case "MANUAL_TICKED", "GATE_DECIDED", "SESSION_ENDED", "DRILL_DECISION" ->
            out.add(point("operator", at, words(e), "neutral", e, text));
        case "STATEMENT_SENT", "STATEMENT_DONE", "STEP_RETRY" -> { }
        default -> out.add(point("run", at, words(e), outcome(e.type()), e, text));
      }
    }
    return List.copyOf(out);
  }

  private static Replay.Span point(String lane, long at, String label, String outcome, EventRecord e, String text) {
    return new Replay.Span(lane, at, at, label, outcome, (e.stepId() == null ? "" : e.stepId() + " · ")
        + (e.actor() == null ? "" : e.actor() + " · ") + text);
  }

  private static long took(String detail) {
    java.util.regex.Matcher m = detail == null ? null : MS.matcher(detail);
    return m != null && m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** Who asked for a rollback during the run, and when (their click), in a ROLLBACK_STARTED event's detail. */
  private static final java.util.regex.Pattern ASKED = java.util.regex.Pattern.compile(
      "\"requested_by\":\"([^\"]*)\",\"requested_at\":\"([^\"]+)\"");

  private static final java.util.regex.Pattern MS = java.util.regex.Pattern.compile("\"ms\":(\\d+)");

  private static String checkName(EventRecord e, String step) {
    String d = e.detail() == null ? "" : e.detail();
    int i = d.indexOf("\"name\":\"");
    if (i >= 0) {
      int j = d.indexOf('"', i + 8);
      if (j > i) {
        return d.substring(i + 8, j);
      }
    }
    return step.isEmpty() ? "check" : step;
  }

  /** "step applied", "run rolled back". */
  static String words(EventRecord e) {
    return e.type().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String outcome(String type) {
    if (type.contains("FAILED") || type.equals("RUN_PAUSED")) {
      return "failed";
    }
    if (type.contains("SKIPPED") || type.contains("ROLLED_BACK") || type.contains("ROLLBACK")) {
      return "warn";
    }
    return type.endsWith("APPLIED") || type.equals("RUN_STARTED") || type.equals("RUN_RESUMED") ? "ok" : "neutral";
  }
}
