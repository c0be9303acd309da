/**
 * Reusable live panels — latency and lock charts with guard thresholds, the integrity table, the blocking-session
 * list — each a model of read-only state fed on the FX thread and a view that only binds. {@link
 * backstep.ui.panels.LiveController} samples a target off the FX thread and feeds the chart and blocker models
 * through {@link backstep.ui.fx.Drain}; the run view (and drill mode) feed {@link backstep.ui.panels.IntegrityModel},
 * whose pending rows {@link backstep.ui.panels.RecordedChecks} fills from the ledger's last run, off the FX thread.
 */
package backstep.ui.panels;
