/**
 * The Prometheus endpoint of a running command ({@code --metrics-port}): the telemetry samples, guard states, step
 * progress and run state, fed by the engine's {@link backstep.engine.RunListener} events and served by the official
 * Prometheus Java client. Only reads what the engine reports; never touches a database or the ledger.
 */
package backstep.metrics;
