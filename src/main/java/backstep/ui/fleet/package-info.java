/**
 * The console's fleet page: a fleet run's members as a grid (state, wave, step, guards), the canary marked, the
 * all-or-none decision in words, and a member's run opened in the ledger page. Reads the central ledger off the FX
 * thread; never changes a fleet run (the {@code fleet} commands and workers do).
 */
package backstep.ui.fleet;
