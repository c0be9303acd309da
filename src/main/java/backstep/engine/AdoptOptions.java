package backstep.engine;

/**
 * How {@code backstep adopt} reads another tool's table and what it records.
 *
 * @param format the tool whose table to read ({@code flyway}, {@code liquibase}, {@code golang-migrate},
 *     {@code dbmate}, {@code sqitch}); null to find the one the target has
 * @param table the table's name when it is not the tool's default; null otherwise
 * @param registry Sqitch's registry schema (PostgreSQL) or database (MySQL/MariaDB); null for {@code sqitch}
 * @param project the Sqitch project, when the registry holds several; null otherwise
 * @param acceptChecksums record the baseline even where a checksum differs (the differences go into the ledger)
 * @param dryRun say what would be recorded, record nothing
 * @param operator who adopts (the ledger's operator); null for the OS user
 * @param fingerprint take a fingerprint of the target at adoption (kept with the newest adopted run)
 */
public record AdoptOptions(String format, String table, String registry, String project, boolean acceptChecksums,
    boolean dryRun, String operator, boolean fingerprint) {}
