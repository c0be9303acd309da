package backstep.engine;

import java.util.List;

/**
 * How a rollback was proven: the target's fingerprint after it, compared with the one taken before the run (or, after
 * {@code rollback --to}, before the first step undone). {@code differences} are in words; {@code against} names the
 * fingerprint compared with.
 */
public record Proof(Verdict verdict, String against, List<String> differences) {
  /** What the comparison found. */
  public enum Verdict {
    /** Equal to the fingerprint taken before: the rollback is proven. */
    PROVEN("proven"),
    /** The schema differs: listed, and the rollback does not count as a success. */
    DIFFERENT("WITH DIFFERENCES"),
    /**
     * The schema is back (column order aside, which PostgreSQL cannot restore), but rows or values of a table the
     * change wrote differ: listed and shown, not counted as a failure, since on a live target they include what
     * others wrote since the run started. A rehearsal, on a database nobody else writes, holds data to equality.
     */
    DATA_DIFFERS("schema proven, data differs"),
    /** Nothing to compare with (fingerprints off, or a run recorded before they existed): said so, not claimed. */
    UNPROVEN("unproven");

    private final String words;

    Verdict(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  public Proof {
    differences = List.copyOf(differences);
  }

  static Proof unproven(String why) {
    return new Proof(Verdict.UNPROVEN, why, List.of());
  }

  /** One line for people: {@code proven against the fingerprint taken before the run}. */
  public String describe() {
    return switch (verdict) {
      case PROVEN -> "proven: equal to " + against + (differences.isEmpty() ? "" : " (but " + String.join("; ",
          differences) + ")");
      case DIFFERENT -> differences.size() + " difference(s) from " + against;
      case DATA_DIFFERS -> "schema equal to " + against + "; data differs (rows written since the run started, "
          + "by this change or by others): " + String.join("; ", differences);
      case UNPROVEN -> "unproven: " + against;
    };
  }
}
