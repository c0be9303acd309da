package backstep.playbook;

import java.util.Optional;

/** A query whose single value proves something, and the value it must have. */
public record Verify(SqlText sql, Expectation expect, String description, int line) {

  /**
   * Why one statement cannot be a verify query, in the words validation uses (it changes data, or reads no object
   * of the target; see {@link ProofQuery}); empty when it can. For importers, which must write only verify queries
   * that validate.
   */
  public static Optional<String> refusal(String sql, DialectFamily family) {
    Optional<String> change = ProofQuery.changes(sql, family);
    if (change.isPresent()) {
      return Optional.of("changes data (" + change.get() + "): " + SqlStepReader.VERIFY_READS_ONLY);
    }
    return ProofQuery.readsAnObject(sql, family) ? Optional.empty() : Optional.of(ProofQuery.PROVES_NOTHING);
  }
}
