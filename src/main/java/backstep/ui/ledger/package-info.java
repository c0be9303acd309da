/**
 * The ledger browser: runs of the current target, one run's steps and hash-chained events, chain check, export
 * (Markdown, JSON). Reads through {@link backstep.ledger.LedgerReader} off the FX thread; never writes the ledger.
 */
package backstep.ui.ledger;
