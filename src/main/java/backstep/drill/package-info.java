/**
 * Rollback drills: the drill format ({@link backstep.drill.DrillLoader}), the headless runner
 * ({@link backstep.drill.DrillRunner}) that drives the engine under synthetic load with injected faults, and the
 * scoring. No JavaFX here: the console's drill mode is one more {@link backstep.drill.DrillListener}.
 */
package backstep.drill;
