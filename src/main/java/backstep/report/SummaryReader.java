package backstep.report;

import backstep.integrity.CheckResult.Basis;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ledger.LedgerReader.RunDetail;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.StepState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds a {@link Summary} from what the audit export reads: a run's ledger rows, events and chain check. */
final class SummaryReader {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final List<Summary.Deviation> deviations = new ArrayList<>();
  private final List<Summary.Check> checks = new ArrayList<>();
  private final List<Summary.Decision> decisions = new ArrayList<>();
  private final Map<String, Summary.RecoveryPoint> recovery = new LinkedHashMap<>();
  private final Map<String, Duration> forwardMs = new HashMap<>();
  private final Map<String, Duration> rollbackMs = new HashMap<>();
  private Instant forwardFrom;
  private Instant forwardTo;
  private Instant rollbackFrom;
  private Instant rollbackTo;
  private String appliedBy;
  private String rollbackBy;

  private SummaryReader() {}

  static Summary read(RunDetail d, Ledger.ChainCheck chain) {
    SummaryReader r = new SummaryReader();
    d.events().forEach(r::event);
    RunRecord run = d.run();
    Playbook pb = parse(run, d.playbookText());
    List<Summary.Step> steps = new ArrayList<>();
    for (StepRecord s : d.steps()) {
      steps.add(r.step(s));
      r.partial(s);
    }
    return new Summary(run.changeId(), run.runId(), run.playbookId(), run.playbookVersion(),
        pb == null ? null : pb.title(), pb == null ? null : pb.intent(), run.playbookSha256(), run.target(),
        run.dialect(), words(run.state().name()), r.appliedBy, r.rollbackBy,
        run.osUser() + "@" + run.host() + " pid " + run.pid(), run.startedAt(), run.endedAt(),
        between(r.forwardFrom, r.forwardTo), between(r.rollbackFrom, r.rollbackTo), run.error(), run.tags(), steps,
        r.deviations, r.checks, r.decisions, List.copyOf(r.recovery.values()),
        pb == null ? List.of() : pb.successCriteria(),
        Summary.Chain.of(chain));
  }

  private static Playbook parse(RunRecord run, String text) {
    try {
      return text == null ? null
          : PlaybookLoader.forRecordedRun().parse(Path.of(String.valueOf(run.playbookPath())), text);
    } catch (InvalidFileException e) {
      return null;
    }
  }

  private void event(EventRecord e) {
    Map<String, Object> m = detail(e.detail());
    String step = e.stepId();
    switch (e.type()) {
      case "RUN_STARTED" -> {
        forwardFrom = e.at();
        appliedBy = by(e, m);
        confirmation(e, m, "apply confirmed");
      }
      case "ADOPTED" -> {
        forwardFrom = e.at();
        appliedBy = by(e, m);
        deviate(e, "adopted", s(m, "note"));
      }
      case "RUN_RESUMED" -> {
        forwardFrom = forwardFrom == null ? e.at() : forwardFrom;
        deviate(e, "resumed", "from " + words(s(m, "from_state")) + " at step " + s(m, "from_step"));
        confirmation(e, m, "resume confirmed");
      }
      case "RUN_APPLIED" -> forwardTo = e.at();
      case "RUN_PAUSED" -> {
        forwardTo = e.at();
        deviate(e, "paused", "the run stopped here, paused");
      }
      case "RUN_FAILED" -> {
        forwardTo = e.at();
        deviate(e, "run failed", m.containsKey("reason") ? s(m, "reason") : words(s(m, "state")));
      }
      case "ROLLBACK_STARTED" -> {
        rollbackFrom = e.at();
        rollbackBy = by(e, m);
        boolean asked = m.containsKey("requested_by"); // ROLL BACK during the run: a person's, not automatic
        boolean automatic = !asked && !m.containsKey("from_state"); // an automatic one records only its reason
        deviate(e, "rollback", asked ? "rollback asked by " + s(m, "requested_by") + " during the run, at "
            + s(m, "requested_at") : automatic ? "automatic: " + s(m, "reason") : "rollback started by " + e.actor()
            + " (the run was " + words(s(m, "from_state")) + ")");
        confirmation(e, m, "rollback confirmed");
      }
      case "RUN_ROLLED_BACK", "RUN_ROLLBACK_FAILED" -> {
        rollbackTo = e.at();
        if (e.type().equals("RUN_ROLLBACK_FAILED")) {
          deviate(e, "rollback failed", "the target is not back where it started");
        }
      }
      case "STEP_APPLIED" -> forwardMs.put(step, Duration.ofMillis(n(m, "ms")));
      case "STEP_ROLLED_BACK" -> rollbackMs.put(step, Duration.ofMillis(n(m, "ms")));
      case "STEP_RETRY" -> deviate(e, "retry", "attempt " + n(m, "attempt") + " of " + n(m, "of") + " after "
          + n(m, "wait_ms") + " ms: " + s(m, "reason"));
      case "STATEMENT_RECOVERED" -> deviate(e, "statement in flight when a process died", lower(s(m, "direction"))
          + " statement " + n(m, "statement") + " (line " + n(m, "line") + "): " + words(s(m, "verdict"))
          + (m.get("differences") instanceof List<?> l && !l.isEmpty() ? " — " + l : ""));
      case "STEP_FAILED", "STEP_ROLLBACK_FAILED" -> deviate(e, e.type().equals("STEP_FAILED") ? "step failed"
          : "step rollback failed", s(m, "error") + " (" + n(m, "statements_done") + " statement(s) committed, "
          + n(m, "attempts") + " attempt(s))");
      case "GUARD", "GUARD_ACTION" -> deviate(e, e.type().equals("GUARD") ? "guard " + lower(s(m, "kind"))
          : "guard action " + lower(s(m, "action")), s(m, "rule") + ": value " + s(m, "value") + " vs threshold "
          + s(m, "threshold") + (m.get("baseline") == null ? "" : " (baseline " + s(m, "baseline") + ")")
          + ", lasted " + n(m, "lasted_ms") + " ms");
      case "GATE_DECIDED" -> {
        decisions.add(new Summary.Decision(e.at(), "gate", step, e.actor(), s(m, "approver"), s(m, "decision"),
            s(m, "reason"), null));
        if (!"approved".equals(m.get("decision"))) {
          deviate(e, "gate declined", m.containsKey("refused") ? s(m, "refused") : "not confirmed");
        }
      }
      case "MANUAL_TICKED" -> {
        boolean done = Boolean.TRUE.equals(m.get("done"));
        decisions.add(new Summary.Decision(e.at(), "manual step (" + lower(s(m, "direction")) + ")", step,
            e.actor(), null, done ? "done" : "not done", s(m, "reason"), null));
        if (!done) {
          deviate(e, "manual step not done", s(m, "instruction"));
        }
      }
      case "CHECK" -> {
        boolean passed = Boolean.TRUE.equals(m.get("passed"));
        checks.add(new Summary.Check(e.at(), s(m, "phase"), step, s(m, "name"), s(m, "value"), s(m, "before"),
            s(m, "expected"), passed, Basis.recorded(s(m, "basis"), s(m, "detail"))));
        if (!passed) {
          deviate(e, "check failed", s(m, "name") + ": " + s(m, "value") + ", expected " + s(m, "expected"));
        }
      }
      case "RECOVERY_POINT" -> recovery.put(s(m, "copy"), new Summary.RecoveryPoint(step, s(m, "copy"),
          n(m, "rows"), s(m, "checksum"), false));
      case "RECOVERY_DROPPED" -> {
        Summary.RecoveryPoint p = recovery.get(s(m, "copy"));
        if (p != null) {
          recovery.put(p.copy(), new Summary.RecoveryPoint(p.step(), p.copy(), p.rows(), p.checksum(), true));
        }
      }
      default -> {
        // STEP_STARTED, STATEMENT_DONE, STEP_SKIPPED: the steps table shows them
      }
    }
  }

  /** Who started a direction, with the approver the confirmation named. */
  private static String by(EventRecord e, Map<String, Object> m) {
    return e.actor() + (m.get("approver") == null ? "" : "; approver " + m.get("approver"));
  }

  private void confirmation(EventRecord e, Map<String, Object> m, String kind) {
    if (!m.containsKey("confirmed_by") && !m.containsKey("policy")) {
      return;
    }
    String policy = null;
    if (m.get("policy") instanceof Map<?, ?> p) {
      Object gates = p.get("gates");
      policy = p.get("rule") + " " + (gates instanceof List<?> l && !l.isEmpty() ? l : "(nothing asked)") + " from "
          + p.get("from");
    }
    decisions.add(new Summary.Decision(e.at(), kind, null, m.containsKey("confirmed_by") ? s(m, "confirmed_by")
        : e.actor(), s(m, "approver"), m.containsKey("confirmed_by") ? "confirmed" : "nothing asked",
        s(m, "reason"), policy));
  }

  private Summary.Step step(StepRecord s) {
    // sql, flag and snapshot steps record their time in events; a gate or manual step's row holds its last one
    Duration own = between(s.startedAt(), s.endedAt());
    boolean back = s.state() == StepState.ROLLING_BACK || s.state() == StepState.ROLLED_BACK
        || s.state() == StepState.ROLLBACK_FAILED;
    Duration fwd = forwardMs.containsKey(s.stepId()) ? forwardMs.get(s.stepId()) : back ? null : own;
    Duration rb = rollbackMs.containsKey(s.stepId()) ? rollbackMs.get(s.stepId())
        : back && !forwardMs.containsKey(s.stepId()) ? own : null;
    String statements = s.statementsTotal() == 0 ? "" : s.statementsDone() + " of " + s.statementsTotal()
        + (s.rollbackDone() > 0 ? ", " + s.rollbackDone() + " undone" : "");
    return new Summary.Step(s.index() + 1, s.stepId(), s.kind(), words(s.state().name()), s.actor(), fwd, rb,
        s.attempts(), s.rowsAffected(), statements, s.error());
  }

  /** A step left with some but not all of its statements committed is a deviation of its own. */
  private void partial(StepRecord s) {
    boolean open = s.state() == StepState.FAILED || s.state() == StepState.RUNNING
        || s.state() == StepState.ROLLBACK_FAILED;
    if (open && s.statementsDone() > 0 && s.statementsDone() < s.statementsTotal()) {
      deviations.add(new Summary.Deviation(s.endedAt(), s.stepId(), "partial step", s.statementsDone() + " of "
          + s.statementsTotal() + " statements committed"));
    }
  }

  private void deviate(EventRecord e, String kind, String what) {
    deviations.add(new Summary.Deviation(e.at(), e.stepId(), kind, what));
  }

  private static Map<String, Object> detail(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return Json.MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      return Map.of("unreadable", json);
    }
  }

  private static String s(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : String.valueOf(v);
  }

  private static long n(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number x ? x.longValue() : 0;
  }

  static String words(String state) {
    return state == null ? null : lower(state).replace('_', ' ');
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static Duration between(Instant a, Instant b) {
    return a == null || b == null ? null : Duration.between(a, b);
  }
}
