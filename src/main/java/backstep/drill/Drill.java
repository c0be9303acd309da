package backstep.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A drill as read from {@code drills/*.yaml}: what the team is told, the playbook and target, the synthetic
 * workload, the fault schedule, the expected response (with the policy that stands in for the team when the drill
 * runs headless), the scoring targets and the debrief questions. Immutable once loaded.
 */
public record Drill(
    String id,
    String title,
    String briefing,
    Path source,
    String sha256,
    Path playbook,
    String target,
    List<String> setup,
    WorkloadSpec workload,
    List<FaultSpec> faults,
    Timing incident,
    Expected expected,
    Targets targets,
    List<String> debrief,
    FleetSpec fleet) {

  /** A drill on one target (no {@code fleet:}). */
  public Drill(String id, String title, String briefing, Path source, String sha256, Path playbook, String target,
      List<String> setup, WorkloadSpec workload, List<FaultSpec> faults, Timing incident, Expected expected,
      Targets targets, List<String> debrief) {
    this(id, title, briefing, source, sha256, playbook, target, setup, workload, faults, incident, expected, targets,
        debrief, null);
  }

  /**
   * A fleet drill's fleet ({@code fleet:}): {@code members} databases the drill creates on its target's server
   * (setup and workload on each), the first {@code canary} of them the canary, then waves of {@code waveSize}, at
   * most {@code concurrency} at once, {@code failureBudget} failures allowed before the fleet rolls back all or none.
   * The target's own database holds the fleet's central ledger.
   */
  public record FleetSpec(int members, int canary, int waveSize, int concurrency, int failureBudget) {}

  /** Whether this is a fleet drill: the change runs across several members, not one target. */
  public boolean isFleet() {
    return fleet != null;
  }

  /**
   * When something happens: {@code at} after the change starts, or at a step ({@code before|during|after}); with
   * {@code afterStatements} > 0, during the step once that many of its statements or batches have finished (on
   * MySQL/MariaDB, and for batched statements everywhere, each of them has committed by then).
   */
  public record Timing(Duration at, String atStep, When when, int afterStatements) {
    public enum When { BEFORE, DURING, AFTER }

    public Timing(Duration at, String atStep, When when) {
      this(at, atStep, when, 0);
    }

    /** A fleet drill's fault with neither: it fires when its member's run starts. */
    public boolean atMemberStart() {
      return at == null && atStep == null;
    }

    public String describe() {
      if (atMemberStart()) {
        return "when its member's run starts";
      }
      return atStep == null ? "at " + at.toMillis() / 1000.0 + " s"
          : when.name().toLowerCase(java.util.Locale.ROOT) + " step '" + atStep + "'"
          + (afterStatements > 0 ? " after " + afterStatements + " statement(s)/batch(es)" : "");
    }
  }

  /** One scheduled fault; {@code duration} null means until the run settles. */
  public record FaultSpec(int index, FaultKind kind, Timing timing, Duration duration, Map<String, String> params) {
    public String param(String key, String dflt) {
      return params.getOrDefault(key, dflt);
    }

    /** In a fleet drill, the member (1 = the first in fleet order) the fault strikes; 0 otherwise. */
    public int member() {
      return Integer.parseInt(params.getOrDefault("member", "0"));
    }

    public String describe() {
      return kind.key() + " " + timing.describe() + (duration == null ? "" : " for " + duration.toMillis() / 1000.0
          + " s") + (params.isEmpty() ? "" : " " + params);
    }
  }

  /** The fault kinds a drill may schedule. */
  public enum FaultKind {
    LOCK, KILL_CONNECTION, SLOW_QUERIES, FAIL_STATEMENT, CORRUPT_ROWS, EXHAUST_CONNECTIONS, STALL_REPLICATION;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What the team should do: roll back or continue, and within how long of the incident. */
  public record Expected(Response action, Duration within, AutoPolicy auto) {
    public enum Response { ROLLBACK, CONTINUE }
  }

  /**
   * Who decides when nobody is at the console: on the first alert (any) or only when a step failed, after a
   * think time, take {@code Expected.action}. Guards and checks with their own actions may decide first.
   */
  public record AutoPolicy(Trigger on, Duration after) {
    public enum Trigger { ALERT, STEP_FAILED }
  }

  /**
   * Scoring targets. {@code latencyTolerance} is how far above the baseline p95 the workload may be and still count
   * as back to normal (1.0 = up to twice the baseline), plus a fixed 5 ms for timer noise.
   */
  public record Targets(Duration detect, Duration decide, Duration restore, long writesLost, double adherence,
      double latencyTolerance, Duration restoreTimeout) {}
}
