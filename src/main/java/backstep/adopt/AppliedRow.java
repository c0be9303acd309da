package backstep.adopt;

import java.util.Map;

/**
 * One migration another tool's table records as applied, as that tool names it.
 *
 * @param version the tool's key: Flyway's version ({@code 1.10}), a Liquibase {@code author:id}, golang-migrate's
 *     or dbmate's version, a Sqitch change name; for a Flyway repeatable, its description
 * @param description the tool's description, or empty
 * @param script the file the tool ran, where it records one ({@code V2__carts.sql}, a changelog path), or empty
 * @param checksum the checksum as the tool stores it, written as an {@code origin:} checksum is
 *     ({@code crc32:-1234}, {@code 9:8a1f…}, {@code sha1:…}); empty when the tool keeps none
 * @param at when the tool applied it, as its table records it; empty when it does not say
 * @param by who applied it, as the table records it; empty when it does not say
 * @param repeatable a Flyway repeatable migration (re-run whenever it changes)
 * @param source where the row is, in words: {@code flyway_schema_history installed_rank 3}
 * @param row the row's columns as read, for the ledger
 */
public record AppliedRow(String version, String description, String script, String checksum, String at, String by,
    boolean repeatable, String source, Map<String, Object> row) {

  public AppliedRow {
    description = description == null ? "" : description;
    script = script == null ? "" : script;
    checksum = checksum == null ? "" : checksum;
    at = at == null ? "" : at;
    by = by == null ? "" : by;
    row = Map.copyOf(row.entrySet().stream().filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  /** {@code version 3 (add carts)}: how a person names the row's migration. */
  public String describe() {
    return (repeatable ? "repeatable " : "version ") + version + (description.isEmpty() || repeatable ? ""
        : " (" + description + ")");
  }
}
