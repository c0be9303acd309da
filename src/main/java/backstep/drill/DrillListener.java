package backstep.drill;

import backstep.drill.load.WorkloadTick;

/**
 * What a running drill tells its presentation (the CLI's progress, the console's drill mode). Default methods do
 * nothing. Called on the drill's threads (the engine's, the fault timer's, the workload ticker's): implementations
 * must not block and must hand over to their UI thread themselves.
 */
public interface DrillListener {
  /** Briefing, baseline, change started, restore watch… */
  default void phase(TimelineEvent e) {}

  default void faultFired(TimelineEvent e) {}

  default void faultUndone(TimelineEvent e) {}

  /** Something a team would notice: a guard breach, a lock-timeout retry, a failed step or check, slow load. */
  default void alert(TimelineEvent e) {}

  /** A rollback or continue decision (by the operator, the auto-operator, a guard or a check). */
  default void decision(TimelineEvent e) {}

  /** A step started or finished (forward or back), a gate asked or answered, and the run's end states. */
  default void step(TimelineEvent e) {}

  /** Once a second: the workload as the clients saw it. */
  default void tick(WorkloadTick tick) {}

  /** The drill is over and scored (the result follows from the runner's future). */
  default void scored(DrillScore score) {}

  /** Routes a timeline event to its typed method. */
  static void dispatch(DrillListener l, TimelineEvent e) {
    switch (e.kind()) {
      case PHASE -> l.phase(e);
      case FAULT -> l.faultFired(e);
      case FAULT_UNDONE -> l.faultUndone(e);
      case ALERT -> l.alert(e);
      case DECISION -> l.decision(e);
      default -> l.step(e);
    }
  }
}
