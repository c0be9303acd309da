/**
 * Histories: an ordered change set of playbooks ({@code history.yaml}), and the importers that turn another tool's
 * migrations (Flyway, Liquibase, golang-migrate, Sqitch) into one. An importer only reads files: it returns an
 * {@link backstep.history.ImportResult}, and {@link backstep.history.HistoryWriter} writes the playbooks and the
 * history only when the whole source was read without a problem. No database is touched here.
 */
package backstep.history;
