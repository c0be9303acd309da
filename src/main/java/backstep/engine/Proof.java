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
    /** Differences remain: listed, and the rollback does not count as a success. */
    DIFFERENT("WITH DIFFERENCES"),
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
      case PROVEN -> "proven: equal to " + against;
      case DIFFERENT -> differences.size() + " difference(s) from " + against;
      case UNPROVEN -> "unproven: " + against;
    };
  }
}
