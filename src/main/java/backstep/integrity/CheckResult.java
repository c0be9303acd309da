package backstep.integrity;

import java.time.Duration;

/**
 * The outcome of one data check, computed in the database.
 *
 * @param name what was checked, e.g. {@code rows customers}, {@code orphans orders_customer_fk}
 * @param kind the sort of check
 * @param value what the database returned: a count ({@code Long}), a checksum ({@code String}), or for an
 *     expectation the query's single value ({@code Long}, {@code BigDecimal}, {@code Boolean}, {@code String} or
 *     null; other types as their text)
 * @param passed false when the check found a problem (duplicates, orphans, NULLs, an unmet expectation); counts
 *     and checksums, which only measure, always pass
 * @param detail one line for people: the numbers behind the value, warnings
 * @param took how long the database took
 * @param basis how the value was established: rows read and counted, proved from the catalog without reading
 *     them, or not established at all
 */
public record CheckResult(String name, Kind kind, Object value, boolean passed, String detail, Duration took,
    Basis basis) {

  public enum Kind {
    ROW_COUNT, CHECKSUM, DUPLICATES, ORPHANS, NULLS, EXPECTATION
  }

  /**
   * What a check's value rests on. A {@link #PROVED} 0 is not a counted 0: an orphan check behind a foreign key that
   * PostgreSQL enforces reads the catalog, not the rows ({@link ForeignKeyProof}), and rows written while
   * enforcement was bypassed would not be in it. Ordered from the weakest to the strongest.
   */
  public enum Basis {
    /** Nothing was established: the check could not run, or had nothing to check (no foreign keys). */
    SKIPPED("skipped", "–"),
    /** Derived from what the database guarantees (an enforced constraint), without reading the rows. */
    PROVED("proved without scanning", "≡"),
    /** The database read the rows and computed the value. */
    COUNTED("counted", "#");

    private final String words;
    private final String mark;

    Basis(String words, String mark) {
      this.words = words;
      this.mark = mark;
    }

    /** {@code counted}, {@code proved without scanning}, {@code skipped}. */
    public String words() {
      return words;
    }

    /** A one-character mark for tables: {@code #} counted, {@code ≡} proved, {@code –} skipped. */
    public String mark() {
      return mark;
    }

    /**
     * The basis a ledger event recorded ({@code COUNTED}, {@code PROVED}, {@code SKIPPED}); for an event recorded
     * before it was (2026-12-06), PROVED when its detail says the rows were not scanned, else COUNTED.
     */
    public static Basis recorded(String basis, String detail) {
      if (basis != null) {
        try {
          return valueOf(basis);
        } catch (IllegalArgumentException unknown) {
          return COUNTED;
        }
      }
      return detail != null && detail.contains("; not scanned") ? PROVED : COUNTED;
    }

    /** The weaker of two: what a total of several checks rests on. */
    public Basis weakest(Basis other) {
      return other == null || compareTo(other) <= 0 ? this : other;
    }
  }

  /** A check whose value the database counted. */
  public CheckResult(String name, Kind kind, Object value, boolean passed, String detail, Duration took) {
    this(name, kind, value, passed, detail, took, Basis.COUNTED);
  }

  public CheckResult {
    basis = basis == null ? Basis.COUNTED : basis;
  }

  /** "name: value — detail", with FAILED in front when it did not pass and the basis when not counted. */
  public String describe() {
    return (passed ? "" : "FAILED ") + name + ": " + value + (basis == Basis.COUNTED ? "" : " (" + basis.words() + ")")
        + (detail == null || detail.isEmpty() ? "" : " — " + detail);
  }
}
