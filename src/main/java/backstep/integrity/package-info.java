/**
 * Proof that a change did what it claimed: schema snapshots and diffs, data checks and checksums computed inside
 * the database, and fingerprints compared before and after. Reads only; never changes a target, never runs steps.
 */
package backstep.integrity;
