package backstep.playbook;

/** One step of a playbook. Kinds: {@code sql}, {@code manual}, {@code flag}, {@code gate}, {@code snapshot},
 * {@code observe}. */
public sealed interface Step permits SqlStep, ManualStep, FlagStep, GateStep, SnapshotStep,
    ObserveStep {
  String id();

  String title();

  /** Plain words: why this step exists and what it changes. */
  String intent();

  /** The kind as written in a playbook. */
  String kind();

  /** Whether the step changes the database (and so has something to undo there). */
  default boolean changesDatabase() {
    return this instanceof SqlStep || this instanceof FlagStep;
  }
}
