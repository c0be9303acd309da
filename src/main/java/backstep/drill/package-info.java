/**
 * Rollback drills: the drill format ({@link backstep.drill.DrillLoader}), the headless runner
 * ({@link backstep.drill.DrillRunner}) that drives the engine under synthetic load with injected faults, and the
 * scoring; a drill with {@code fleet:} runs as {@link backstep.drill.FleetDrillRun} across member databases it
 * creates, through {@link backstep.fleet.Fleet}, and is scored from the fleet's events. No JavaFX here: the
 * console's drill mode is one more {@link backstep.drill.DrillListener}.
 */
package backstep.drill;
