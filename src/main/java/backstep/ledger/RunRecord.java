package backstep.ledger;

import java.time.Instant;

/** A run as the ledger holds it. {@code state} is an engine run state name. */
public record RunRecord(
    String runId,
    String changeId,
    String target,
    String playbookId,
    int playbookVersion,
    String playbookSha256,
    String playbookPath,
    String dialect,
    String state,
    String operator,
    String osUser,
    String host,
    long pid,
    String approver,
    Instant startedAt,
    Instant updatedAt,
    Instant endedAt,
    String error) {

  public RunRecord withState(String newState, Instant at, String newError) {
    return new RunRecord(runId, changeId, target, playbookId, playbookVersion, playbookSha256, playbookPath, dialect,
        newState, operator, osUser, host, pid, approver, startedAt, at, endedAt, newError);
  }

  public RunRecord ended(Instant at) {
    return new RunRecord(runId, changeId, target, playbookId, playbookVersion, playbookSha256, playbookPath, dialect,
        state, operator, osUser, host, pid, approver, startedAt, at, at, error);
  }
}
