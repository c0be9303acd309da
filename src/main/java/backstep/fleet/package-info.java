/**
 * Fleets: one playbook across the members of a group of targets, preflighted everywhere first, canary then waves,
 * all-or-none. The fleet run's rows, work queue and hash-chained events live in the central ledger database; each
 * member's run goes through the engine and its own ledger as a single run does. Knows nothing of the CLI.
 */
package backstep.fleet;
