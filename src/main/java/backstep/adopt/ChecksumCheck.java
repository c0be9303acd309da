package backstep.adopt;

/**
 * The imported migration's checksum against the one the tool stored when it applied it.
 *
 * @param imported the checksum in the playbook's {@code origin:}
 * @param stored the checksum the tool's table holds
 * @param why for {@link Verdict#NOT_COMPARED}, why not
 */
public record ChecksumCheck(Verdict verdict, String imported, String stored, String why) {
  /** What the comparison found. */
  public enum Verdict {
    EQUAL,
    /** The migration was changed since the tool applied it (or the import read it differently). */
    DIFFERS,
    /** Nothing to compare: the tool keeps no checksum, or the two are of different kinds. */
    NOT_COMPARED
  }

  static ChecksumCheck compare(String imported, String stored) {
    return of(imported.equals(stored), imported, stored);
  }

  static ChecksumCheck of(boolean equal, String imported, String stored) {
    return new ChecksumCheck(equal ? Verdict.EQUAL : Verdict.DIFFERS, imported, stored, "");
  }

  static ChecksumCheck notCompared(String imported, String stored, String why) {
    return new ChecksumCheck(Verdict.NOT_COMPARED, imported, stored, why);
  }

  /** {@code equal}, {@code DIFFERS}, or {@code not compared: why}. */
  public String describe() {
    return switch (verdict) {
      case EQUAL -> "checksum equal (" + stored + ")";
      case DIFFERS -> "checksum DIFFERS: stored " + stored + ", imported " + imported;
      case NOT_COMPARED -> "checksum not compared: " + why;
    };
  }
}
