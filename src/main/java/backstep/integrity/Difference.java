package backstep.integrity;

/**
 * One way two snapshots or fingerprints differ, named the way a DBA would say it: {@link #describe()} gives
 * {@code index orders_customer_idx: missing}, {@code column customers.email: nullable → not null},
 * {@code column customers.total: type integer → bigint}, {@code sequence invoice_no: increment by 1 → 10},
 * {@code partition orders.orders_2024: missing}, {@code table customers: 20000 rows → 19998 rows}.
 * "Missing" means the expected (before) side has it and the actual (after) side does not; "unexpected" the reverse.
 *
 * @param kind what sort of object differs
 * @param object its name: {@code table.column} for a column, {@code table.partition} for a partition, the bare
 *     name otherwise
 * @param change what changed: {@code missing}, {@code unexpected}, or the attribute ({@code type},
 *     {@code nullability}, {@code default}, {@code columns}, {@code rows}, {@code checksum} …)
 * @param expected the attribute's expected value, null for missing/unexpected
 * @param actual the attribute's actual value, null for missing/unexpected
 */
public record Difference(Kind kind, String object, String change, String expected, String actual) {
  public static final String MISSING = "missing";
  public static final String UNEXPECTED = "unexpected";

  public enum Kind {
    TABLE("table"),
    COLUMN("column"),
    PRIMARY_KEY("primary key"),
    UNIQUE("unique key"),
    INDEX("index"),
    FOREIGN_KEY("foreign key"),
    CHECK("check constraint"),
    TRIGGER("trigger"),
    VIEW("view"),
    SEQUENCE("sequence"),
    PARTITION("partition"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    /** Rows of a table: count or checksum. */
    DATA("table");

    private final String noun;

    Kind(String noun) {
      this.noun = noun;
    }

    public String noun() {
      return noun;
    }
  }

  static Difference missing(Kind kind, String object) {
    return new Difference(kind, object, MISSING, null, null);
  }

  static Difference unexpected(Kind kind, String object) {
    return new Difference(kind, object, UNEXPECTED, null, null);
  }

  /** The sentence a person reads. */
  public String describe() {
    String head = kind.noun() + " " + object + ": ";
    return switch (change) {
      case MISSING, UNEXPECTED -> head + change;
      case "nullability", "validity", "uniqueness", "enabled", "materialized", "cycle" ->
          head + expected + " → " + actual;
      case "identity cycle" -> head + "identity " + expected + " → " + actual;
      case "rows" -> head + expected + " rows → " + actual + " rows";
      case "checksum" -> head + "checksum differs (same row count) — values changed";
      case "body" -> head + "body changed";
      case "collation", "comment" -> head + change + " " + quoted(expected) + " → " + quoted(actual);
      default -> head + change + " " + show(expected) + " → " + show(actual);
    };
  }

  /**
   * The same difference read as what a change did, from {@code expected} (before) to {@code actual} (after):
   * {@code added column customers.email_verified}, {@code dropped index orders_status_idx},
   * {@code changed column orders.total: type integer → bigint}.
   */
  public String effect() {
    String noun = kind.noun() + " " + object;
    return switch (change) {
      case UNEXPECTED -> "added " + noun;
      case MISSING -> "dropped " + noun;
      case "rows" -> noun + ": " + expected + " rows → " + actual + " rows";
      case "checksum" -> noun + ": values changed (same row count)";
      default -> "changed " + describe();
    };
  }

  private static String quoted(String value) {
    return value == null ? "none" : '"' + value + '"';
  }

  private static String show(String value) {
    return value == null ? "none" : value;
  }

  @Override
  public String toString() {
    return describe();
  }
}
