package backstep.lint;

import java.util.Locale;
import java.util.Optional;

/** How bad a finding is; {@code backstep lint --severity} fails on findings at or above a threshold. */
public enum Severity {
  INFO, WARNING, ERROR;

  /** Whether this severity is at least {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) >= 0;
  }

  /** The word used in output and options: {@code error}, {@code warning}, {@code info}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> fromWord(String word) {
    for (Severity s : values()) {
      if (s.word().equalsIgnoreCase(word == null ? "" : word.strip())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
