package backstep.drill;

import java.time.Instant;

/**
 * One moment of a drill: a phase, a fault injected or undone, an alert, a decision, a gate asked or answered, a
 * step or the run's end. A gate's answer is not a rollback/continue decision: it does not count as time to decide.
 *
 * @param source who or what produced it: {@code drill}, {@code fault}, {@code guard}, {@code check},
 *     {@code engine}, {@code workload}, {@code auto-operator}, or an operator's name
 */
public record TimelineEvent(Instant at, Kind kind, String source, String text) {
  public enum Kind { PHASE, FAULT, FAULT_UNDONE, ALERT, DECISION, GATE, STEP, RUN }
}
