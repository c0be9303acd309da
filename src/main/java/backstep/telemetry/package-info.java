/**
 * Live metrics of a target — probe and canary latency, lock waits and who blocks whom, commits and rollbacks,
 * connections, replication lag — sampled on a dedicated connection into ring buffers. Reads only; never runs on
 * a step's connection.
 */
package backstep.telemetry;
