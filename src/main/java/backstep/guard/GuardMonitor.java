package backstep.guard;

import backstep.playbook.GuardRule;
import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import backstep.telemetry.Sample;
import backstep.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Evaluates guard rules on every telemetry reading (on the sampler's thread). Keeps per-rule breach state,
 * queues events for the engine to record, and exposes the first sustained breach whose action is pause or
 * rollback. {@code onAction} is called once, on the sampler thread, when such a breach fires (the engine uses it
 * to cancel the running statement).
 */
public final class GuardMonitor implements Consumer<Reading>, AutoCloseable {
  /**
   * How many samples in a row must be back under the threshold to end a breach. One good sample in a noisy but
   * sustained regression (the latency-regression drill's canary swung between 164 and 810 ms against a 150 ms
   * threshold) used to end it, so a sustained regression was read as a series of transient spikes; a real spike is
   * followed by at least two good samples and still ends as a transient.
   */
  public static final int CLEAR_SAMPLES = 2;

  private final Telemetry telemetry;
  private final Clock clock;
  private final List<State> states = new ArrayList<>();
  private final ConcurrentLinkedQueue<GuardEvent> events = new ConcurrentLinkedQueue<>();
  private final Consumer<GuardEvent> onEvent;
  private final Consumer<GuardEvent> onAction;
  private volatile GuardEvent fired;

  private static final class State {
    final GuardRule rule;
    double baseline = Double.NaN;
    Instant since;
    boolean sustained;
    /** Samples in a row under the threshold since the breach began: {@link #CLEAR_SAMPLES} of them end it. */
    int clear;
    final List<Double> values = new ArrayList<>();

    State(GuardRule rule) {
      this.rule = rule;
    }
  }

  public GuardMonitor(List<GuardRule> rules, Telemetry telemetry, Clock clock, Consumer<GuardEvent> onEvent,
      Consumer<GuardEvent> onAction) {
    this.telemetry = telemetry;
    this.clock = clock;
    this.onEvent = onEvent;
    this.onAction = onAction;
    for (GuardRule r : rules) {
      states.add(new State(r));
    }
  }

  /** Measures each relative rule's baseline from the samples of the last {@code period}, then starts watching. */
  public void arm(Duration period) {
    for (State s : states) {
      s.baseline = aggregate(s.rule, period);
    }
    telemetry.addListener(this);
  }

  public List<Double> baselines() {
    return states.stream().map(s -> s.baseline).toList();
  }

  /** The sustained breach that asked to pause or roll back, if any. */
  public Optional<GuardEvent> fired() {
    return Optional.ofNullable(fired);
  }

  /** Whether any rule is in breach right now (batched work throttles while one is). */
  public boolean underPressure() {
    synchronized (states) {
      return states.stream().anyMatch(s -> s.since != null);
    }
  }

  /** Events since the last call, oldest first. */
  public List<GuardEvent> drain() {
    List<GuardEvent> out = new ArrayList<>();
    GuardEvent e;
    while ((e = events.poll()) != null) {
      out.add(e);
    }
    return out;
  }

  @Override
  public void accept(Reading reading) {
    List<GuardEvent> actions = new ArrayList<>();
    synchronized (states) {
      Instant now = reading.at();
      for (State s : states) {
        double value = aggregate(s.rule, s.rule.over());
        double threshold = s.rule.relative() ? s.rule.threshold() * s.baseline : s.rule.threshold();
        boolean breach = !Double.isNaN(value) && !Double.isNaN(threshold) && value > threshold;
        if (breach) {
          s.clear = 0;
          if (s.since == null) {
            s.since = now;
            s.values.clear();
            emit(new GuardEvent(now, GuardEvent.Kind.BREACH, s.rule, value, threshold, s.baseline, Duration.ZERO,
                List.of(value)));
          }
          s.values.add(value);
          Duration lasted = Duration.between(s.since, now);
          // half an interval of tolerance: samples 'window' apart jitter by a few ms either way
          if (!s.sustained && lasted.compareTo(s.rule.window().minus(telemetry.interval().dividedBy(2))) >= 0) {
            s.sustained = true;
            GuardEvent e = new GuardEvent(now, GuardEvent.Kind.SUSTAINED, s.rule, value, threshold, s.baseline,
                lasted, List.copyOf(s.values));
            emit(e);
            if (s.rule.action() != GuardRule.Action.ALERT && fired == null) {
              fired = e;
              actions.add(e);
            }
          }
        } else if (s.since != null && ++s.clear >= CLEAR_SAMPLES) {
          s.clear = 0;
          Duration lasted = Duration.between(s.since, now);
          emit(new GuardEvent(now, s.sustained ? GuardEvent.Kind.RECOVERED : GuardEvent.Kind.TRANSIENT, s.rule,
              value, threshold, s.baseline, lasted, List.copyOf(s.values)));
          s.since = null;
          s.sustained = false;
        }
      }
    }
    actions.forEach(onAction);
  }

  private void emit(GuardEvent e) {
    events.add(e);
    onEvent.accept(e);
  }

  private double aggregate(GuardRule rule, Duration over) {
    return aggregate(rule.aggregate(), telemetry.series(Metric.fromKey(rule.metric()).orElseThrow(), over));
  }

  /** A rule's aggregate ("latest", "p95", "max", "avg"…) of samples, oldest first; NaN without values. */
  public static double aggregate(String aggregate, List<Sample> samples) {
    return switch (aggregate) {
      case "latest" -> samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1).value();
      case "p50" -> Telemetry.percentile(samples, 50);
      case "p95" -> Telemetry.percentile(samples, 95);
      case "p99" -> Telemetry.percentile(samples, 99);
      case "max" -> samples.stream().mapToDouble(Sample::value).filter(d -> !Double.isNaN(d)).max()
          .orElse(Double.NaN);
      default -> samples.stream().mapToDouble(Sample::value).filter(d -> !Double.isNaN(d)).average()
          .orElse(Double.NaN);
    };
  }

  @Override
  public void close() {
    telemetry.removeListener(this);
  }

  /** Test hook: the clock the monitor was built with. */
  Clock clock() {
    return clock;
  }
}
