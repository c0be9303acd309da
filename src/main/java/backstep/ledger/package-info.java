/**
 * The audit trail kept in each target: runs, step executions and hash-chained events, plus the session-scoped
 * run lock. Stores run and step states (backstep.state) by name, converting in one place; knows nothing of how
 * steps run. {@link backstep.ledger.Ledger} is the entry point; its package-private parts each own one concern
 * (schema, event chain, run rows, step rows, queries, chain verification).
 */
package backstep.ledger;
