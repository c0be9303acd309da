package backstep.guard;

import backstep.playbook.GuardRule;
import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import backstep.telemetry.Sample;
import backstep.telemetry.Telemetry;
import backstep.telemetry.TelemetryFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Evaluates guard rules on every telemetry reading (on the sampler's thread). Keeps each rule's samples since it
 * was armed and its breach state, queues events for the engine to record, and exposes the first sustained breach
 * whose action is pause or rollback. {@code onAction} is called once, on the sampler thread, when such a breach
 * fires (the engine uses it to cancel the running statement).
 *
 * <p>The verdict looks at every sample in the rule's window, never at one sample alone: the window's aggregate (p50,
 * p95, avg…) above the threshold, or at least k of the last n samples above it ({@link GuardRule#effectiveBreach}).
 * A window counts only once it is full — armed at least a window ago. A breach (a sample above the threshold)
 * that ends before the verdict says sustained is a transient spike; it ends after {@link #CLEAR_SAMPLES} samples in
 * a row back under the threshold.
 */
public final class GuardMonitor implements Consumer<Reading>, AutoCloseable {
  /** How many samples in a row must be back under the threshold to end a breach. */
  public static final int CLEAR_SAMPLES = 2;
  /** The samples kept per rule (an hour at one a second): enough for any window and an observe step's summary. */
  private static final int KEEP = 3600;

  private final TelemetryFeed telemetry;
  private final Clock clock;
  private final List<State> states = new ArrayList<>();
  private final ConcurrentLinkedQueue<GuardEvent> events = new ConcurrentLinkedQueue<>();
  private final Consumer<GuardEvent> onEvent;
  private final Consumer<GuardEvent> onAction;
  private volatile GuardEvent fired;
  private Instant armedAt;

  private static final class State {
    final GuardRule rule;
    final Metric metric;
    double baseline = Double.NaN;
    Instant since;
    boolean sustained;
    /** Samples in a row under the threshold since the breach began: {@link #CLEAR_SAMPLES} of them end it. */
    int clear;
    final List<Double> values = new ArrayList<>();
    final Deque<Sample> samples = new ArrayDeque<>();

    State(GuardRule rule) {
      this.rule = rule;
      this.metric = Metric.fromKey(rule.metric()).orElseThrow();
    }

    double threshold() {
      return rule.relative() ? rule.threshold() * baseline : rule.threshold();
    }
  }

  /** One rule's samples over a span (an observe step's soak): how many, their spread, and its threshold. */
  public record RuleSummary(GuardRule rule, int samples, double p50, double p95, double max, double threshold,
      double baseline, int above, boolean sustained) {}

  public GuardMonitor(List<GuardRule> rules, TelemetryFeed telemetry, Clock clock, Consumer<GuardEvent> onEvent,
      Consumer<GuardEvent> onAction) {
    this.telemetry = telemetry;
    this.clock = clock;
    this.onEvent = onEvent;
    this.onAction = onAction;
    for (GuardRule r : rules) {
      states.add(new State(r));
    }
  }

  /**
   * Measures each rule's baseline from the samples of the last {@code period} ({@link #baseline}), then starts
   * watching.
   */
  public void arm(Duration period) {
    synchronized (states) {
      armedAt = clock.instant();
      for (State s : states) {
        s.baseline = baseline(s.rule, telemetry.series(s.metric, period));
      }
    }
    telemetry.addListener(this);
  }

  /**
   * Starts watching with baselines measured earlier (one per rule, in order; NaN where none was measured): a fleet
   * measures them on its canary members before anything changes and soaks them after the change.
   */
  public void armWith(List<Double> measured) {
    synchronized (states) {
      armedAt = clock.instant();
      for (int i = 0; i < states.size(); i++) {
        states.get(i).baseline = i < measured.size() && measured.get(i) != null ? measured.get(i) : Double.NaN;
      }
    }
    telemetry.addListener(this);
  }

  /**
   * A rule's baseline: the median of the samples before the change, at least the rule's floor. The median because
   * a busy machine's baseline period holds spikes of its own (a mean or p95 of them made "3× baseline" drift with
   * the load); the floor because three times a near-idle target's fraction of a millisecond is noise. NaN without
   * samples (a relative rule then never fires).
   */
  public static double baseline(GuardRule rule, List<Sample> samples) {
    double median = Telemetry.percentile(samples, 50);
    return Double.isNaN(median) ? Double.NaN : Math.max(median, rule.baselineFloor());
  }

  public List<Double> baselines() {
    synchronized (states) {
      return states.stream().map(s -> s.baseline).toList();
    }
  }

  /** The sustained breach that asked to pause or roll back, if any. */
  public Optional<GuardEvent> fired() {
    return Optional.ofNullable(fired);
  }

  /**
   * A person decided to go on despite {@code e}, a sustained breach that asked to pause: it no longer stops the
   * run. The rule stays in breach and fires again only after it recovered and breached anew.
   */
  public void acknowledge(GuardEvent e) {
    if (fired == e && e.rule().action() == GuardRule.Action.PAUSE) {
      fired = null;
    }
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

  /** Each rule's samples at or after {@code from}, summarised. */
  public List<RuleSummary> summary(Instant from) {
    synchronized (states) {
      List<RuleSummary> out = new ArrayList<>();
      for (State s : states) {
        List<Sample> span = s.samples.stream().filter(x -> x.atMillis() >= from.toEpochMilli()).toList();
        double t = s.threshold();
        int above = (int) span.stream().filter(x -> x.value() > t).count();
        out.add(new RuleSummary(s.rule, span.size(), Telemetry.percentile(span, 50), Telemetry.percentile(span, 95),
            aggregate("max", span), t, s.baseline, above, s.sustained));
      }
      return out;
    }
  }

  /** How many samples every rule has had at or after {@code from} (the fewest of any rule). */
  public int samplesSince(Instant from) {
    synchronized (states) {
      return states.stream().mapToInt(s -> (int) s.samples.stream()
          .filter(x -> x.atMillis() >= from.toEpochMilli()).count()).min().orElse(0);
    }
  }

  @Override
  public void accept(Reading reading) {
    List<GuardEvent> actions = new ArrayList<>();
    synchronized (states) {
      Instant now = reading.at();
      for (State s : states) {
        double v = reading.get(s.metric);
        if (!Double.isNaN(v)) {
          s.samples.addLast(new Sample(now.toEpochMilli(), v));
          if (s.samples.size() > KEEP) {
            s.samples.removeFirst();
          }
        }
        GuardEvent action = evaluate(s, now, v);
        if (action != null) {
          actions.add(action);
        }
      }
    }
    actions.forEach(onAction);
  }

  /** One rule on one reading; returns the sustained breach when it asks to pause or roll back. */
  private GuardEvent evaluate(State s, Instant now, double v) {
    double threshold = s.threshold();
    boolean above = !Double.isNaN(v) && !Double.isNaN(threshold) && v > threshold;
    double verdict = verdictValue(s, now);
    boolean sustainedNow = !Double.isNaN(verdict) && !Double.isNaN(threshold) && verdict > threshold;
    GuardEvent action = null;
    if ((above || sustainedNow) && s.since == null) {
      s.since = now;
      s.values.clear();
      double first = Double.isNaN(v) ? verdict : v;
      emit(new GuardEvent(now, GuardEvent.Kind.BREACH, s.rule, first, threshold, s.baseline, Duration.ZERO,
          List.of(first), ""));
    }
    if (s.since == null) {
      return null;
    }
    if (!Double.isNaN(v)) {
      s.values.add(v);
    }
    s.clear = above ? 0 : s.clear + 1;
    Duration lasted = Duration.between(s.since, now);
    if (sustainedNow && !s.sustained) {
      s.sustained = true;
      GuardEvent e = new GuardEvent(now, GuardEvent.Kind.SUSTAINED, s.rule, verdict, threshold, s.baseline, lasted,
          List.copyOf(s.values), how(s, now));
      emit(e);
      if (s.rule.action() != GuardRule.Action.ALERT && fired == null) {
        fired = e;
        action = e;
      }
    } else if (!sustainedNow && s.clear >= CLEAR_SAMPLES) {
      emit(new GuardEvent(now, s.sustained ? GuardEvent.Kind.RECOVERED : GuardEvent.Kind.TRANSIENT, s.rule, v,
          threshold, s.baseline, lasted, List.copyOf(s.values), ""));
      s.since = null;
      s.sustained = false;
      s.clear = 0;
    }
    return action;
  }

  /**
   * The value the verdict compares with the threshold: the window's aggregate, or for k of n the k-th largest of
   * the last n samples (above the threshold exactly when k of them are). NaN until the window is full.
   */
  private double verdictValue(State s, Instant now) {
    GuardRule.Breach kn = s.rule.effectiveBreach(telemetry.interval());
    if (kn != null) {
      if (s.samples.size() < kn.of()) {
        return Double.NaN;
      }
      double[] last = s.samples.stream().skip(s.samples.size() - kn.of()).mapToDouble(Sample::value).toArray();
      Arrays.sort(last);
      return last[last.length - kn.samples()];
    }
    // half an interval of tolerance: samples 'window' apart jitter by a few ms either way
    Duration full = s.rule.window().minus(telemetry.interval().dividedBy(2));
    if (armedAt == null || Duration.between(armedAt, now).compareTo(full) < 0) {
      return Double.NaN;
    }
    long from = now.toEpochMilli() - s.rule.window().toMillis();
    List<Sample> window = s.samples.stream().filter(x -> x.atMillis() > from).toList();
    return aggregate(s.rule.aggregate(), window);
  }

  /** How the verdict was taken, in words for the ledger and the operator. */
  private String how(State s, Instant now) {
    GuardRule.Breach kn = s.rule.effectiveBreach(telemetry.interval());
    if (kn != null) {
      return kn.samples() + " of the last " + kn.of() + " samples above (" + ordinal(kn.samples()) + " largest)";
    }
    long from = now.toEpochMilli() - s.rule.window().toMillis();
    long n = s.samples.stream().filter(x -> x.atMillis() > from).count();
    return s.rule.aggregate() + " of " + n + " samples in " + s.rule.window().toMillis() / 1000.0 + " s";
  }

  private static String ordinal(int k) {
    return k + (k % 100 >= 11 && k % 100 <= 13 ? "th" : switch (k % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    });
  }

  private void emit(GuardEvent e) {
    events.add(e);
    onEvent.accept(e);
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
}
