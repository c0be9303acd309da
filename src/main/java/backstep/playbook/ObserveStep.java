package backstep.playbook;

import java.time.Duration;

/**
 * A soak: the run holds for {@code duration} while the playbook's guards watch, and goes on only on their verdict.
 * It needs at least {@code minSamples} samples of every guarded metric (0: half of what the duration holds at the
 * sampling interval). A sustained breach decides by the guard's own action: {@code rollback} rolls the run back,
 * {@code pause} asks a person as a gate does, {@code alert} is recorded and the soak goes on. With
 * {@code waitForReplicas}, it first waits up to that long until the target's replicas have applied everything the
 * primary had written (and fails the step when they have not); a step that only waits has a zero duration and
 * needs no guards. Changes nothing, so there is nothing to undo.
 */
public record ObserveStep(String id, String title, String intent, Duration duration, int minSamples,
    Duration waitForReplicas, int line) implements Step {
  @Override
  public String kind() {
    return "observe";
  }

  /** The samples the soak needs at {@code interval}: the step's own minimum, or half the duration's worth. */
  public int samplesNeeded(Duration interval) {
    return minSamples > 0 ? minSamples
        : (int) Math.max(1, duration.toMillis() / Math.max(1, interval.toMillis()) / 2);
  }

  /** Whether it soaks while the guards watch (a step that only waits for replicas does not). */
  public boolean soaks() {
    return !duration.isZero();
  }

  /** What it does, in one line for people: {@code wait up to 60.0 s for the replicas, then observe for 30.0 s…}. */
  public String describe() {
    String soak = "observe for " + duration.toMillis() / 1000.0 + " s while the guards watch"
        + (minSamples > 0 ? " (at least " + minSamples + " samples)" : "");
    if (waitForReplicas == null) {
      return soak;
    }
    String wait = "wait up to " + waitForReplicas.toMillis() / 1000.0 + " s for the replicas to catch up";
    return soaks() ? wait + ", then " + soak : wait;
  }
}
