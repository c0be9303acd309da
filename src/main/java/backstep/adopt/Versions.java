package backstep.adopt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Version orders of the tools: Flyway's dotted numbers, and plain numbers (golang-migrate, dbmate). */
final class Versions {
  private Versions() {}

  /**
   * Flyway's order: parts split on {@code .} or {@code _} compared as numbers, missing parts are zero, so
   * {@code 1.10} comes after {@code 1.9} and {@code 1.0} is {@code 1}. Empty when either is not such a version.
   */
  static Optional<Integer> dotted(String a, String b) {
    Optional<List<BigInteger>> x = parts(a);
    Optional<List<BigInteger>> y = parts(b);
    if (x.isEmpty() || y.isEmpty()) {
      return Optional.empty();
    }
    int n = Math.max(x.get().size(), y.get().size());
    for (int i = 0; i < n; i++) {
      BigInteger p = i < x.get().size() ? x.get().get(i) : BigInteger.ZERO;
      BigInteger q = i < y.get().size() ? y.get().get(i) : BigInteger.ZERO;
      int c = p.compareTo(q);
      if (c != 0) {
        return Optional.of(c);
      }
    }
    return Optional.of(0);
  }

  /** Whole numbers compared as numbers ({@code 0003} is {@code 3}); empty when either is not one. */
  static Optional<Integer> numeric(String a, String b) {
    if (!a.matches("\\d+") || !b.matches("\\d+")) {
      return Optional.empty();
    }
    return Optional.of(new BigInteger(a).compareTo(new BigInteger(b)));
  }

  private static Optional<List<BigInteger>> parts(String v) {
    if (v == null || !v.matches("\\d+([._]\\d+)*")) {
      return Optional.empty();
    }
    List<BigInteger> out = new ArrayList<>();
    for (String p : v.split("[._]")) {
      out.add(new BigInteger(p));
    }
    return Optional.of(out);
  }
}
