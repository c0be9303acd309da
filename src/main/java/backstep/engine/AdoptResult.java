package backstep.engine;

import backstep.adopt.Baseline;
import java.util.List;

/**
 * What {@code backstep adopt} found and recorded.
 *
 * @param baseline the history matched with the tool's table
 * @param refused whether adopting refused (nothing was recorded): see {@link Baseline#refused}
 * @param recorded the runs recorded now, one per adopted migration, in history order (empty for a dry run)
 * @param fingerprintSha256 the SHA-256 of the fingerprint taken at adoption, or null when none was taken
 */
public record AdoptResult(String target, Baseline baseline, boolean dryRun, boolean acceptChecksums,
    boolean refused, List<Recorded> recorded, String fingerprintSha256) {

  public AdoptResult {
    recorded = List.copyOf(recorded);
  }

  /** One adopted migration's run in the ledger. */
  public record Recorded(String playbookId, String version, String changeId, String runId) {}
}
