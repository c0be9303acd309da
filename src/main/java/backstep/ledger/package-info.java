/**
 * The audit trail kept in each target: runs, step executions and hash-chained events, plus the session-scoped
 * run lock. Stores states as names; knows nothing of how steps run.
 */
package backstep.ledger;
