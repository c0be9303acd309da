/**
 * The drill's synthetic workload: client threads on their own connections (never the engine's pool), per-operation
 * latency and errors, the journal of committed writes, and the lost-write check run against it after the drill.
 */
package backstep.drill.load;
