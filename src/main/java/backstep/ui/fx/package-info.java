/**
 * The thread bridge: the only code that touches {@code Platform.runLater}. Background work comes home through
 * {@link backstep.ui.fx.UiThread}; streams of events arrive in batches through {@link backstep.ui.fx.Drain}. Also
 * the FX thread's own timing: split dividers that hold ({@link backstep.ui.fx.Dividers}) and page parts that join
 * the scene a pulse each ({@link backstep.ui.fx.Later}), tables refilled in place instead of rebuilt
 * ({@link backstep.ui.fx.Rows}), and tables whose rows take their cells a few a pulse and none while hidden
 * ({@link backstep.ui.fx.PacedTable}).
 * Knows nothing of playbooks, targets or the engine.
 */
package backstep.ui.fx;
