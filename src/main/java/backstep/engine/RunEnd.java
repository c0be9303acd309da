package backstep.engine;

import backstep.ledger.EventType;
import backstep.playbook.CheckSpec;
import backstep.playbook.GuardRule;
import backstep.state.RunState;
import java.sql.SQLException;
import java.util.Map;

/**
 * How a run ends ({@link Engine}'s apply, rollback and resume): the checks after it, the automatic rollback a guard or
 * a check asked for (in the same session, the run lock never released in between), the rollback's proof, and the
 * state the run ends in recorded and told to the listener.
 */
final class RunEnd {
  private RunEnd() {}

  /**
   * Ends a forward run: records its state; when a guard's sustained breach asked for it, rolls the run back at
   * once in the same session (the run lock is never released in between) with the evidence in the ledger.
   */
  static RunResult forward(RunSession s, RunState end, RunListener l, int to) throws SQLException {
    s.guards().flush();
    if (end == RunState.APPLIED && s.checks().run(CheckSpec.Phase.AFTER_FORWARD, null)) {
      end = RunState.FAILED;
    }
    var action = s.guards().action();
    RollbackRequest.Asked asked = s.rollbackRequest();
    String why = null;
    if (action.isPresent() && action.get().rule().action() == GuardRule.Action.ROLLBACK
        && (end == RunState.FAILED || end == RunState.ABORTED)) {
      why = "guard: " + action.get().describe();
    } else if (asked != null) { // whatever the walk ended in: the person's decision was to roll back
      why = "operator: " + asked.describe();
    } else if (end == RunState.FAILED && s.checks().wantsRollback()) {
      why = "check: " + s.error();
    }
    String undecided = why == null ? null : InFlightCheck.beforeAutomaticRollback(s);
    if (undecided != null) { // a statement whose connection was lost still runs on the server: no rollback yet
      s.error(s.error() + "; not rolled back automatically (" + why + "): " + undecided);
      why = null;
    }
    if (why != null) {
      Map<String, Object> reason = new java.util.LinkedHashMap<>();
      reason.put("reason", why);
      if (asked != null) {
        reason.put("requested_by", asked.by());
        reason.put("requested_at", asked.at().toString());
      }
      Map<String, Object> ended = new java.util.LinkedHashMap<>();
      ended.put("state", end.name());
      ended.putAll(reason);
      s.setRunState(end, endEvent(end), ended);
      l.note(why + (asked != null ? " — rolling back" : " — rolling back automatically"));
      s.setRunState(RunState.ROLLING_BACK, EventType.ROLLBACK_STARTED, reason);
      RunState back = proveRollback(s, s.rollback(-1), -1, false);
      if (back == RunState.ROLLED_BACK && s.checks().run(CheckSpec.Phase.AFTER_ROLLBACK, null)) {
        back = RunState.ROLLBACK_FAILED;
      }
      s.note((asked != null ? "rolled back at the operator's request (" : "rolled back automatically (") + why + ")");
      return settle(s, back, l);
    }
    return settle(s, end, l);
  }

  /**
   * Proves a rollback that ran to its end ({@code partial}: to its {@code --to} step) against the fingerprint taken
   * before: equal, it is proven; different, every difference is the run's error and the result says so.
   */
  static RunState proveRollback(RunSession s, RunState end, int keep, boolean partial) throws SQLException {
    if (end != RunState.ROLLED_BACK && !partial) {
      return end;
    }
    Proof proof = s.proof().prove(keep, s.steps());
    s.proven(proof);
    if (proof.verdict() == Proof.Verdict.DIFFERENT) {
      s.error("rolled back WITH DIFFERENCES from " + proof.against() + ": " + String.join("; ",
          proof.differences()));
    } else {
      s.listener().note("rollback " + proof.describe());
    }
    return end;
  }

  /** Records the state a run ends in and tells the listener; returns the run's result. */
  static RunResult settle(RunSession s, RunState end, RunListener l) throws SQLException {
    s.setRunState(end, endEvent(end), Map.of("state", end.name()));
    s.closeFreshWork();
    RunResult result = s.result(end);
    l.runFinished(result);
    return result;
  }

  private static EventType endEvent(RunState s) {
    return switch (s) {
      case APPLIED -> EventType.RUN_APPLIED;
      case PAUSED -> EventType.RUN_PAUSED;
      case ROLLED_BACK -> EventType.RUN_ROLLED_BACK;
      case ROLLBACK_FAILED -> EventType.RUN_ROLLBACK_FAILED;
      default -> EventType.RUN_FAILED;
    };
  }
}
