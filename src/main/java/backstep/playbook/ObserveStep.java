package backstep.playbook;

import java.time.Duration;

/**
 * A soak: the run holds for {@code duration} while the playbook's guards watch, and goes on only on their verdict.
 * It needs at least {@code minSamples} samples of every guarded metric (0: half of what the duration holds at the
 * sampling interval). A sustained breach decides by the guard's own action: {@code rollback} rolls the run back,
 * {@code pause} asks a person as a gate does, {@code alert} is recorded and the soak goes on. Changes nothing, so
 * there is nothing to undo.
 */
public record ObserveStep(String id, String title, String intent, Duration duration, int minSamples, int line)
    implements Step {
  @Override
  public String kind() {
    return "observe";
  }

  /** The samples the soak needs at {@code interval}: the step's own minimum, or half the duration's worth. */
  public int samplesNeeded(Duration interval) {
    return minSamples > 0 ? minSamples
        : (int) Math.max(1, duration.toMillis() / Math.max(1, interval.toMillis()) / 2);
  }
}
