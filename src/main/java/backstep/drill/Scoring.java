package backstep.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns what happened in a drill into a {@link DrillScore}, against the drill's targets. Pure: no clock, no I/O. */
public final class Scoring {
  private Scoring() {}

  /** The moments that matter; null when one never came. */
  public record Moments(Instant incident, Instant firstAlert, Instant decision, Instant restored) {}

  public static DrillScore score(Drill.Targets t, Moments m, long writesLost, double adherence,
      boolean expectedHappened, String expectedDetail) {
    Duration detect = since(m.incident(), m.firstAlert());
    Duration decide = since(m.incident(), m.decision());
    Duration restore = since(m.incident(), m.restored());
    List<DrillScore.Component> c = new ArrayList<>();
    c.add(time("time to detect", detect, t.detect()));
    c.add(time("time to decide", decide, t.decide()));
    c.add(time("time to restore", restore, t.restore()));
    c.add(new DrillScore.Component("committed writes lost", Long.toString(writesLost), "≤ " + t.writesLost(),
        writesLost >= 0 && writesLost <= t.writesLost()));
    c.add(new DrillScore.Component("checklist adherence", pct(adherence), "≥ " + pct(t.adherence()),
        adherence + 1e-9 >= t.adherence()));
    c.add(new DrillScore.Component("expected response", expectedDetail, "happened", expectedHappened));
    boolean passed = c.stream().allMatch(DrillScore.Component::passed);
    return new DrillScore(m.incident(), detect, decide, restore, writesLost, adherence, expectedHappened,
        expectedDetail, List.copyOf(c), passed);
  }

  private static DrillScore.Component time(String name, Duration value, Duration target) {
    return new DrillScore.Component(name, value == null ? "never" : secs(value), "≤ " + secs(target),
        value != null && value.compareTo(target) <= 0);
  }

  private static Duration since(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }

  static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static String pct(double v) {
    return Math.round(v * 100) + "%";
  }
}
