package backstep.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Flyway migration version, ordered as Flyway orders it: the text is split on {@code .} and {@code _} (an
 * underscore in a file name's version is a dot), and the parts compare as numbers one by one, a missing part
 * counting as zero. So {@code 1.10} comes after {@code 1.9}, {@code 1.2} before {@code 1.2.1}, and {@code 1.01},
 * {@code 1.1} and {@code 1.1.0} are the same version.
 *
 * @param text the version as Flyway shows it and stores it in {@code flyway_schema_history.version}: as written,
 *     with underscores turned into dots
 */
record FlywayVersion(String text, List<BigInteger> parts) implements Comparable<FlywayVersion> {
  private static final Pattern SHAPE = Pattern.compile("\\d+(?:[._]\\d+)*");

  FlywayVersion {
    parts = List.copyOf(parts);
  }

  /**
   * Parses the version part of a file name ({@code 1_10} in {@code V1_10__x.sql}).
   *
   * @throws IllegalArgumentException when it is not digits separated by dots or underscores, with a message that
   *     says so
   */
  static FlywayVersion parse(String raw) {
    if (!SHAPE.matcher(raw).matches()) {
      throw new IllegalArgumentException(raw.isEmpty() ? "no version between the prefix and '__'"
          : "'" + raw + "' is not a Flyway version: use numbers separated by dots or underscores (1, 1.10, 2_1)");
    }
    String text = raw.replace('_', '.');
    List<BigInteger> parts = new ArrayList<>();
    for (String p : text.split("\\.")) {
      parts.add(new BigInteger(p));
    }
    while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
      parts.remove(parts.size() - 1);
    }
    return new FlywayVersion(text, parts);
  }

  @Override
  public int compareTo(FlywayVersion o) {
    for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
      int c = part(i).compareTo(o.part(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private BigInteger part(int i) {
    return i < parts.size() ? parts.get(i) : BigInteger.ZERO;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlywayVersion v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
