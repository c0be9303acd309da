/**
 * {@code backstep lint}: reads every sql step's forward and rollback SQL per dialect with JSqlParser and reports
 * what makes a change unsafe or irreversible (rules BS000–BS017, documented in docs/lint-rules.md). Pure: no
 * database, no JavaFX, no CLI; {@link backstep.lint.Linter#lint} is the whole public surface besides its values,
 * with {@link backstep.lint.ForeignKeyBypass} for the engine.
 */
package backstep.lint;
