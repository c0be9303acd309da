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
 */
public record CheckResult(String name, Kind kind, Object value, boolean passed, String detail, Duration took) {

  public enum Kind {
    ROW_COUNT, CHECKSUM, DUPLICATES, ORPHANS, NULLS, EXPECTATION
  }

  /** "name: value — detail", with FAILED in front when it did not pass. */
  public String describe() {
    return (passed ? "" : "FAILED ") + name + ": " + value + (detail == null || detail.isEmpty() ? "" : " — " + detail);
  }
}
