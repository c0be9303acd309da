/**
 * The history page: one {@code history.yaml} as an ordered change set — its migrations with their state on the
 * current target (the ledger's latest run of each playbook), origin and down, and the walks over it (apply, roll
 * back, rehearse on a scratch database) through {@link backstep.engine.HistoryRuns} and
 * {@link backstep.engine.HistoryRehearsal} on a thread of its own. Never blocks the FX thread; never uses JDBC.
 */
package backstep.ui.history;
