package backstep.ledger;

import backstep.state.RunState;
import java.time.Instant;

/**
 * A run as the ledger holds it. {@code state} is the enum end to end (the ledger alone turns it into and out of its
 * column); {@code tags} its git commit and free tags ({@link RunTags#NONE} for runs recorded before tags existed).
 */
public record RunRecord(
    String runId,
    String changeId,
    String target,
    String playbookId,
    int playbookVersion,
    String playbookSha256,
    String playbookPath,
    String dialect,
    RunState state,
    String operator,
    String osUser,
    String host,
    long pid,
    String approver,
    Instant startedAt,
    Instant updatedAt,
    Instant endedAt,
    String error,
    RunTags tags) {

  public RunRecord {
    tags = tags == null ? RunTags.NONE : tags;
  }

  /** A run without tags. */
  public RunRecord(String runId, String changeId, String target, String playbookId, int playbookVersion,
      String playbookSha256, String playbookPath, String dialect, RunState state, String operator, String osUser,
      String host, long pid, String approver, Instant startedAt, Instant updatedAt, Instant endedAt, String error) {
    this(runId, changeId, target, playbookId, playbookVersion, playbookSha256, playbookPath, dialect, state,
        operator, osUser, host, pid, approver, startedAt, updatedAt, endedAt, error, RunTags.NONE);
  }

  public RunRecord withTags(RunTags newTags) {
    return new RunRecord(runId, changeId, target, playbookId, playbookVersion, playbookSha256, playbookPath, dialect,
        state, operator, osUser, host, pid, approver, startedAt, updatedAt, endedAt, error, newTags);
  }

  public RunRecord withState(RunState newState, Instant at, String newError) {
    return new RunRecord(runId, changeId, target, playbookId, playbookVersion, playbookSha256, playbookPath, dialect,
        newState, operator, osUser, host, pid, approver, startedAt, at, endedAt, newError, tags);
  }

  public RunRecord ended(Instant at) {
    return new RunRecord(runId, changeId, target, playbookId, playbookVersion, playbookSha256, playbookPath, dialect,
        state, operator, osUser, host, pid, approver, startedAt, at, at, error, tags);
  }
}
