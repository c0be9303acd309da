package backstep.engine;

import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The intent record of a statement that commits on its own: written to the step's ledger row (detail key
 * {@value #KEY}) and a STATEMENT_SENT event, on the control connection, before the statement is sent, and cleared
 * when its STATEMENT_DONE is recorded. If the process dies in between, the ledger cannot say whether the server
 * committed it; {@link InFlightCheck} decides that from the database itself.
 *
 * @param statement 1-based position in the step's statements of {@code direction} (the full list, not the part
 *     being run)
 * @param session the work session that sent it ({@code pid} or {@code pid@backend_start} on PostgreSQL, the
 *     connection id on MySQL/MariaDB), to tell whether the server still runs it
 * @param fingerprintRun the run whose stored fingerprint ({@code fingerprintLabel}) shows the statement's objects as
 *     they were right before it was sent; null when none was taken (fingerprints off, or a batched statement)
 */
record InFlight(Direction direction, int statement, int total, int line, boolean batched, String session,
    String fingerprintRun, String fingerprintLabel) {
  static final String KEY = "in_flight";

  /** The statement's SQL as the playbook has it. */
  SqlText.Stmt stmt(SqlStep step, backstep.playbook.DialectFamily family) {
    SqlText text = direction == Direction.FORWARD ? step.forward() : step.rollback();
    return text.statements(family).get(statement - 1);
  }

  /** "statement 2 of 3 (line 14)", or "rollback statement 1 of 2 (line 20)". */
  String describe() {
    return (direction == Direction.ROLLBACK ? "rollback statement " : "statement ") + statement + " of " + total
        + (batched ? ", batched," : "") + " (line " + line + ")";
  }

  Map<String, Object> detail() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("direction", direction.name());
    d.put("statement", statement);
    d.put("of", total);
    d.put("line", line);
    d.put("batched", batched);
    d.put("session", session);
    if (fingerprintLabel != null) {
      d.put("fingerprint_run", fingerprintRun);
      d.put("fingerprint", fingerprintLabel);
    }
    return d;
  }

  /** The statement a step's record says is in flight, if any. */
  static Optional<InFlight> of(StepExec e) {
    if (!(e.detail.get(KEY) instanceof Map<?, ?> m)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new InFlight(Direction.valueOf(String.valueOf(m.get("direction"))), number(m, "statement"),
          number(m, "of"), number(m, "line"), Boolean.TRUE.equals(m.get("batched")),
          m.get("session") == null ? null : String.valueOf(m.get("session")),
          m.get("fingerprint_run") == null ? null : String.valueOf(m.get("fingerprint_run")),
          m.get("fingerprint") == null ? null : String.valueOf(m.get("fingerprint"))));
    } catch (IllegalArgumentException ex) {
      backstep.db.DebugLog.ignored(InFlight.class,
          "an unreadable record: treated as none, as an older Backstep wrote none", ex);
      return Optional.empty(); // an unreadable record: treated as none, as an older Backstep wrote none
    }
  }

  private static int number(Map<?, ?> m, String key) {
    return m.get(key) instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(m.get(key)));
  }

  /** What the database shows of a statement in flight. */
  enum Verdict {
    /** The session that sent it still runs it: nothing can be decided until it ends. */
    RUNNING("is still running on the server"),
    /** The objects it names are exactly as they were before it was sent. */
    NO_EFFECT("had no effect: the objects it names are as they were before it was sent"),
    TOOK_EFFECT("took effect"),
    /** A batched statement part way, or an index a CREATE INDEX CONCURRENTLY left invalid. */
    IN_PART("took effect in part"),
    /** Nothing to compare with (fingerprints off), or an effect the catalog does not show. */
    UNKNOWN("may or may not have committed: the catalog cannot tell");

    private final String words;

    Verdict(String words) {
      this.words = words;
    }

    String words() {
      return words;
    }
  }

  /** The verdict on a statement in flight and the differences it rests on. */
  record Finding(InFlight statement, Verdict verdict, List<String> differences, String why) {
    /** In words, for status, the run's notes and the STATEMENT_RECOVERED event. */
    String describe(String stepId) {
      return describe(stepId, "the process died");
    }

    /** As {@link #describe(String)}, for a statement in flight when {@code when} ("its connection was lost"). */
    String describe(String stepId, String when) {
      String what = statement.describe() + " of step '" + stepId + "' was in flight when " + when + ": it "
          + verdict.words();
      String shown = differences.isEmpty() ? "" : " (" + String.join("; ", differences) + ")";
      return what + shown + (why == null || why.isBlank() ? "" : "; " + why);
    }

    Map<String, Object> detail() {
      Map<String, Object> d = new LinkedHashMap<>(statement.detail());
      d.put("verdict", verdict.name());
      d.put("differences", differences);
      if (why != null && !why.isBlank()) {
        d.put("why", why);
      }
      return d;
    }
  }
}
