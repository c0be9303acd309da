/**
 * SQL as the console shows it: {@link backstep.ui.sql.SqlTokens} reads text into highlighting tokens (no JavaFX),
 * {@link backstep.ui.sql.SqlView} shows it read-only with line numbers and problems marked on their line (RichTextFX).
 * Knows nothing of the engine or the database: it shows text it is given.
 */
package backstep.ui.sql;
