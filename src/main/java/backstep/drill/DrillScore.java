package backstep.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A drill's score: each component against its target, and the verdict. Times run from the incident (the first
 * fault injected, or the drill's {@code incident}); a null time means it never happened.
 */
public record DrillScore(Instant incidentAt, Duration detect, Duration decide, Duration restore, long writesLost,
    double adherence, boolean expectedResponse, String expectedDetail, List<Component> components, boolean passed) {

  /** One scored component: its value as text, the target as text, and whether it met the target. */
  public record Component(String name, String value, String target, boolean passed) {}
}
