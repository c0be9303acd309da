/**
 * Fault injectors for drills: each one is injected from its own session (never the engine's connections) and
 * undone by the runner in a finally block, so no fault outlives its drill. Objects they create are named
 * {@code backstep_drill_fault_<n>}.
 */
package backstep.drill.fault;
