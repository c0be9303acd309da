/**
 * Documents for people and machines built from results and the ledger: audit exports (Markdown, JSON). Reads
 * values only; never opens a connection or changes a target.
 */
package backstep.report;
