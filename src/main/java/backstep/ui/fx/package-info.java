/**
 * The thread bridge: the only code that touches {@code Platform.runLater}. Background work comes home through
 * {@link backstep.ui.fx.UiThread}; streams of events arrive in batches through {@link backstep.ui.fx.Drain}.
 * Knows nothing of playbooks, targets or the engine.
 */
package backstep.ui.fx;
