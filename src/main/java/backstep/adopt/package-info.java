/**
 * Adopting a live database: reading another tool's own migration table (Flyway's {@code flyway_schema_history},
 * Liquibase's {@code DATABASECHANGELOG}, golang-migrate's and dbmate's {@code schema_migrations}, Sqitch's registry)
 * and matching it with a history, checksums compared, into a {@link backstep.adopt.Baseline}. Only reads: the
 * engine records the baseline in the ledger, and nothing here writes to a database.
 */
package backstep.adopt;
