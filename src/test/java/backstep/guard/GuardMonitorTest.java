package backstep.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.GuardRule;
import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import backstep.telemetry.Sample;
import backstep.telemetry.TelemetryFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Guard verdicts with an injected clock and readings fed by hand (no database, no sleeping): a noisy but
 * sustained regression trips, a single transient spike does not, k of n counts samples, the baseline is a floored
 * median, and a window counts only once it is full. The regression these guard against: issue 16 — the
 * latency-regression drill's canary swung between fast and slow samples after the index was dropped, and a guard
 * that reset on one fast sample read it as a series of transient spikes, so the change stayed applied.
 */
class GuardMonitorTest {
  private static final Duration TICK = Duration.ofMillis(250);

  /** A sampler that keeps what it is fed and hands each reading to its listeners; time is the test's. */
  private static final class FakeFeed implements TelemetryFeed {
    final MutableClock clock = new MutableClock();
    final List<Sample> canary = new ArrayList<>();
    final List<Consumer<Reading>> listeners = new ArrayList<>();

    @Override
    public Duration interval() {
      return TICK;
    }

    @Override
    public List<Sample> series(Metric m, Duration window) {
      long from = clock.millis() - window.toMillis();
      return m == Metric.CANARY_MS ? canary.stream().filter(s -> s.atMillis() >= from).toList() : List.of();
    }

    @Override
    public void addListener(Consumer<Reading> l) {
      listeners.add(l);
    }

    @Override
    public void removeListener(Consumer<Reading> l) {
      listeners.remove(l);
    }

    /** One tick: the clock moves on by an interval, then the reading is taken and handed on. */
    void tick(double canaryMs) {
      clock.now = clock.now.plus(TICK);
      canary.add(new Sample(clock.millis(), canaryMs));
      Reading r = new Reading(clock.now, Map.of(Metric.CANARY_MS, canaryMs), List.of(), List.of(), null);
      List.copyOf(listeners).forEach(l -> l.accept(r));
    }
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-06T06:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final FakeFeed feed = new FakeFeed();
  private final List<GuardEvent> actions = new ArrayList<>();

  private GuardMonitor armed(GuardRule rule, double... baseline) {
    for (double v : baseline) {
      feed.tick(v);
    }
    GuardMonitor m = new GuardMonitor(List.of(rule), feed, feed.clock, e -> { }, actions::add);
    m.arm(Duration.ofMillis(TICK.toMillis() * baseline.length));
    return m;
  }

  private static GuardRule rule(String aggregate, String window, GuardRule.Breach breach) {
    return new GuardRule("canary_ms", aggregate, Duration.parse("PT" + window), 3, true,
        Duration.parse("PT" + window), GuardRule.Action.ROLLBACK, breach, Double.NaN, 1);
  }

  private static List<GuardEvent.Kind> kinds(List<GuardEvent> events) {
    return events.stream().map(GuardEvent::kind).toList();
  }

  /** The drill's canary after the index went: slow, but one sample in three or four comes back fast. */
  private static final double[] NOISY_REGRESSION = {310, 22, 540, 260, 18, 810, 250, 30, 420, 164, 25, 552, 380};

  @Test
  void aNoisySustainedRegressionTripsTheWindowMedian() {
    GuardMonitor m = armed(rule("p50", "2S", null), 14, 20, 12, 28, 16, 19, 22, 13, 900, 15, 21, 18);
    assertEquals(18, m.baselines().get(0), 0.001, "(lower) median of the baseline period, the 900 ms spike ignored");
    for (double v : NOISY_REGRESSION) {
      feed.tick(v);
    }
    List<GuardEvent> events = m.drain();
    assertTrue(m.fired().isPresent(), () -> "events: " + events);
    assertEquals(GuardEvent.Kind.SUSTAINED, m.fired().get().kind());
    assertEquals(54, m.fired().get().threshold(), 0.001);
    assertFalse(kinds(events).contains(GuardEvent.Kind.TRANSIENT), "one fast sample does not end the breach");
    assertEquals(1, actions.size(), "the action fires once");
    assertTrue(m.fired().get().verdict().startsWith("p50 of 8 samples in 2.0 s"), m.fired().get().verdict());
  }

  @Test
  void aNoisySustainedRegressionTripsTheDefaultForLatest() {
    // the drill's old rule: latest canary over 1 s; by default 3 of the last 4 samples must be above
    GuardMonitor m = armed(rule("latest", "1S", null), 14, 20, 12, 28);
    for (double v : NOISY_REGRESSION) {
      feed.tick(v);
    }
    assertTrue(m.fired().isPresent(), () -> "events: " + m.drain());
    assertTrue(m.fired().get().verdict().startsWith("3 of the last 4 samples"), m.fired().get().verdict());
  }

  @Test
  void aSingleSpikeIsTransientAndNeverFires() {
    GuardMonitor m = armed(rule("p50", "2S", null), 14, 20, 12, 28);
    double[] quiet = {15, 18, 20, 14, 2400, 16, 19, 21, 13, 17, 22, 15, 18, 16, 20};
    for (double v : quiet) {
      feed.tick(v);
    }
    List<GuardEvent> events = m.drain();
    assertTrue(m.fired().isEmpty(), () -> "events: " + events);
    assertEquals(List.of(GuardEvent.Kind.BREACH, GuardEvent.Kind.TRANSIENT), kinds(events));
    assertTrue(events.get(1).describe().contains("transient spike ignored"), events.get(1).describe());
    assertFalse(m.underPressure());
  }

  @Test
  void twoSpikesInAWindowOfEightAreNotAMedian() {
    GuardMonitor m = armed(rule("p50", "2S", null), 20, 20, 20, 20);
    for (double v : new double[] {20, 20, 700, 20, 900, 20, 20, 20, 20, 20}) {
      feed.tick(v);
    }
    assertTrue(m.fired().isEmpty(), () -> "events: " + m.drain());
  }

  @Test
  void kOfNCountsTheLastNSamples() {
    GuardMonitor m = armed(rule("latest", "1S", new GuardRule.Breach(4, 5)), 20, 20, 20, 20);
    for (double v : new double[] {100, 20, 100, 20, 100, 100, 20}) {
      feed.tick(v); // never 4 above in any 5 in a row
    }
    assertTrue(m.fired().isEmpty(), () -> "3 of 5 is not 4 of 5: " + m.drain());
    feed.tick(100);
    feed.tick(100);
    assertTrue(m.fired().isPresent(), "100,100,20,100,100: 4 of the last 5");
    assertEquals(100, m.fired().get().value(), 0.001, "the 4th largest of the last 5");
  }

  @Test
  void theBaselineHasAFloor() {
    GuardMonitor m = armed(rule("p50", "2S", null), 0.4, 0.5, 0.3, 0.6);
    assertEquals(10, m.baselines().get(0), 0.001, "10 ms floor for latencies: 3× of 0.5 ms is noise");
    for (int i = 0; i < 12; i++) {
      feed.tick(i % 2 == 0 ? 4 : 25); // a busier but healthy target: well under 30 ms
    }
    assertTrue(m.fired().isEmpty(), () -> "events: " + m.drain());
  }

  @Test
  void aWindowCountsOnlyOnceFull() {
    GuardMonitor m = armed(rule("p50", "2S", null), 20, 20, 20, 20);
    for (int i = 0; i < 7; i++) {
      feed.tick(500);
    }
    assertTrue(m.fired().isEmpty(), "7 samples (1.75 s) do not yet fill a 2 s window (half a tick of tolerance)");
    feed.tick(500);
    assertTrue(m.fired().isPresent());
  }

  @Test
  void aSustainedBreachRecoversAfterTwoGoodSamples() {
    GuardRule alert = new GuardRule("canary_ms", "p50", Duration.ofSeconds(1), 100, false, Duration.ofSeconds(1),
        GuardRule.Action.ALERT, null, Double.NaN, 1);
    GuardMonitor m = armed(alert, 20, 20);
    for (double v : new double[] {300, 300, 300, 300, 300, 20, 20, 20, 20}) {
      feed.tick(v);
    }
    assertEquals(List.of(GuardEvent.Kind.BREACH, GuardEvent.Kind.SUSTAINED, GuardEvent.Kind.RECOVERED),
        kinds(m.drain()));
    assertTrue(m.fired().isEmpty(), "alerts never ask to stop the run");
  }
}
