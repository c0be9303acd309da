package backstep.report;

import backstep.integrity.CheckResult.Basis;
import backstep.ledger.ChainVerdict;
import backstep.ledger.Ledger;
import backstep.ledger.RunTags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The post-change summary of one run, as data, from the ledger alone: what ran and how long each step took, what
 * deviated from the plan (retries, failures, partial steps, guard events, pauses, rollbacks), the checks before and
 * after, who applied and who rolled back (with approvers), every confirmation and gate decision with names, recovery
 * points, tags, and the hash chain's state.
 */
public record Summary(
    String changeId,
    String runId,
    String playbookId,
    int version,
    String title,
    String intent,
    String sha256,
    String target,
    String dialect,
    String state,
    String appliedBy,
    String rolledBackBy,
    String process,
    Instant startedAt,
    Instant endedAt,
    Duration forward,
    Duration rollback,
    String error,
    RunTags tags,
    List<Step> steps,
    List<Deviation> deviations,
    List<Check> checks,
    List<Decision> decisions,
    List<RecoveryPoint> recoveryPoints,
    List<String> successCriteria,
    Chain chain) {

  /** A step: its state now, who acted, forward and rollback times from the ledger's events. */
  public record Step(int number, String id, String kind, String state, String actor, Duration forward,
      Duration rollback, int attempts, long rows, String statements, String note) {}

  /** Something that did not go as planned, in the order it happened. */
  public record Deviation(Instant at, String step, String kind, String what) {}

  /** One evaluation of a check. */
  public record Check(Instant at, String phase, String step, String name, String value, String before,
      String expected, boolean passed, Basis basis) {
    /** A check whose value was counted. */
    public Check(Instant at, String phase, String step, String name, String value, String before, String expected,
        boolean passed) {
      this(at, phase, step, name, value, before, expected, passed, Basis.COUNTED);
    }
  }

  /** A confirmation, a gate decision or a ticked manual step. */
  public record Decision(Instant at, String kind, String step, String by, String approver, String decision,
      String reason, String policy) {}

  /** A recovery point a snapshot step took (and whether it was dropped since). */
  public record RecoveryPoint(String step, String copy, long rows, String checksum, boolean dropped) {}

  /**
   * The state of the target's hash chain when the summary was written, as every output reports it: {@code intact}
   * only when every event was checked and the links hold; {@code verdict} is {@code UNCHECKED} when keyed events
   * could not be checked without the ledger key ({@code unchecked} of the {@code keyed}), and {@code words} says so;
   * {@code linksHold} is what was checked without the key.
   */
  public record Chain(boolean intact, ChainVerdict verdict, long events, long keyed, long unchecked,
      boolean linksHold, long firstBadSeq, String problem, String words) {
    /** The summary's view of {@code c}. */
    public static Chain of(Ledger.ChainCheck c) {
      return new Chain(c.proven(), c.verdict(), c.events(), c.keyed(), c.unchecked(), c.intact(), c.firstBadSeq(),
          c.problem(), ChainVerdict.sentence(c));
    }
  }
}
