package backstep.ui.trainer;

import backstep.drill.TimelineEvent;
import backstep.drill.load.WorkloadTick;
import backstep.ledger.EventRecord;
import backstep.ledger.LedgerReader;
import backstep.ui.ledger.EventForm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A past run or drill attempt laid out on its own timeline for replay: events and (for drills) the workload's
 * per-second samples, each at its offset from the start. No JavaFX.
 *
 * @param telemetry what the charts can show: the drill's stored series, or why there is none
 * @param spans a plain run's events in lanes on its time axis (steps, checks, guards, operator, run); empty for a
 *     drill attempt, whose chart and timeline show it
 */
public record Replay(String title, List<Event> events, List<Sample> samples, long durationMs, String telemetry,
    List<Span> spans) {
  /**
   * One item of a lane: a step from {@code startMs} to {@code endMs}, or a point ({@code startMs == endMs}).
   *
   * @param outcome "ok", "failed", "warn" or "neutral": the item's colour, with its icon and words in the text
   */
  public record Span(String lane, long startMs, long endMs, String label, String outcome, String text) {}

  /** One event at {@code offsetMs} after the start. */
  public record Event(long offsetMs, String kind, String source, String text) {
    public String clock() {
      return String.format(Locale.ROOT, "T+%.1f s", offsetMs / 1000.0);
    }
  }

  /** One second of workload: p95 in ms (NaN when stalled), operations per second. */
  public record Sample(long offsetMs, double p95, double ops) {}

  /** A drill attempt from the ledger: its timeline and the workload series the debrief stored. */
  public static Replay ofDrill(String title, Instant start, List<TimelineEvent> timeline, List<WorkloadTick> ticks) {
    Instant t0 = start != null ? start : timeline.isEmpty() ? Instant.EPOCH : timeline.get(0).at();
    List<Event> events = timeline.stream().map(e -> new Event(ms(t0, e.at()), e.kind().name()
        .toLowerCase(Locale.ROOT).replace('_', ' '), e.source(), e.text())).sorted(Comparator
        .comparingLong(Event::offsetMs)).toList();
    List<Sample> samples = ticks.stream().map(t -> new Sample(ms(t0, t.at()), t.p95(), t.opsPerSecond())).toList();
    return new Replay(title, events, samples, end(events, samples), samples.isEmpty()
        ? "this attempt was kept without its workload series (recorded before series were stored)"
        : "workload p95 as the drill's clients measured it, once a second", List.of());
  }

  /** A plain run from the ledger: its events only — plain runs keep no telemetry samples. */
  public static Replay ofRun(LedgerReader.RunDetail d) {
    List<EventRecord> list = d.events();
    Instant t0 = list.isEmpty() ? Instant.EPOCH : list.get(0).at();
    List<Event> events = new ArrayList<>();
    for (EventRecord e : list) {
      events.add(new Event(ms(t0, e.at()), RunTimeline.words(e), e.actor() == null ? "engine" : e.actor(),
          (e.stepId() == null ? "" : e.stepId() + " · ") + EventForm.summary(e.detail())));
    }
    return new Replay("run " + d.run().changeId() + " · " + d.run().playbookId(), List.copyOf(events), List.of(),
        end(events, List.of()), "the run's steps, checks, guards and decisions from the ledger, on its time axis "
        + "(plain runs keep no telemetry series)", RunTimeline.of(list, t0));
  }

  private static long ms(Instant t0, Instant at) {
    return Math.max(0, Duration.between(t0, at).toMillis());
  }

  private static long end(List<Event> events, List<Sample> samples) {
    long e = events.isEmpty() ? 0 : events.get(events.size() - 1).offsetMs();
    long s = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).offsetMs();
    return Math.max(1000, Math.max(e, s));
  }

  /** How many events have happened by {@code positionMs}. */
  public int eventsAt(long positionMs) {
    int n = 0;
    while (n < events.size() && events.get(n).offsetMs() <= positionMs) {
      n++;
    }
    return n;
  }
}
