package backstep.drill;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A drill in progress: its timeline so far, the team's actions, and the result to come. The console calls
 * {@link #acknowledge}, {@link #rollback} and {@link #proceed} from its buttons (any thread); headless, the
 * auto-operator calls them. The first decision counts; later ones are recorded but change nothing.
 */
public final class DrillSession {
  /** A decision: roll back, or continue with the change. */
  public enum Choice { ROLLBACK, CONTINUE }

  private final Clock clock;
  private final DrillListener listener;
  private final List<TimelineEvent> timeline = new ArrayList<>();
  final CompletableFuture<DrillResult> result = new CompletableFuture<>();
  private volatile Choice choice;
  private volatile Instant decidedAt;
  private volatile Instant incidentAt;
  private volatile Instant firstAlertAt;
  private volatile Instant acknowledgedAt;

  DrillSession(Clock clock, DrillListener listener) {
    this.clock = clock;
    this.listener = listener;
  }

  /** Completes with the scored result (or exceptionally, with an {@link backstep.engine.EngineException}). */
  public CompletableFuture<DrillResult> result() {
    return result;
  }

  /** The timeline so far, oldest first (a copy; safe from any thread). */
  public synchronized List<TimelineEvent> timeline() {
    return List.copyOf(timeline);
  }

  /** "I see it": counts as detection when it comes before any alert. */
  public void acknowledge(String actor) {
    if (acknowledgedAt == null) {
      acknowledgedAt = clock.instant();
      record(TimelineEvent.Kind.ALERT, actor, "operator acknowledged the incident");
    }
  }

  /** Decide to roll back: the run stops after its current step and is rolled back. */
  public void rollback(String actor) {
    decide(Choice.ROLLBACK, actor, "decided to roll back");
  }

  /** Decide to continue with the change. */
  public void proceed(String actor) {
    decide(Choice.CONTINUE, actor, "decided to continue with the change");
  }

  void decide(Choice c, String actor, String text) {
    synchronized (this) {
      if (choice != null) {
        record(TimelineEvent.Kind.DECISION, actor, text + " (ignored: already decided " + choice.name()
            .toLowerCase(java.util.Locale.ROOT) + ")");
        return;
      }
      choice = c;
      decidedAt = clock.instant();
    }
    record(TimelineEvent.Kind.DECISION, actor, text);
  }

  Choice choice() {
    return choice;
  }

  boolean rollbackRequested() {
    return choice == Choice.ROLLBACK;
  }

  Instant decidedAt() {
    return decidedAt;
  }

  void incident(Instant at) {
    if (incidentAt == null) {
      incidentAt = at;
    }
  }

  Instant incidentAt() {
    return incidentAt;
  }

  /** When the incident was first noticed: the first alert or acknowledgement at or after the incident. */
  Instant detectedAt() {
    Instant a = firstAlertAt;
    Instant k = acknowledgedAt;
    if (a == null) {
      return k;
    }
    return k == null || a.isBefore(k) ? a : k;
  }

  TimelineEvent record(TimelineEvent.Kind kind, String source, String text) {
    TimelineEvent e = new TimelineEvent(clock.instant(), kind, source, text);
    synchronized (this) {
      timeline.add(e);
      if (kind == TimelineEvent.Kind.ALERT && firstAlertAt == null && incidentAt != null
          && !e.at().isBefore(incidentAt)) {
        firstAlertAt = e.at();
      }
    }
    try {
      DrillListener.dispatch(listener, e);
    } catch (RuntimeException ignored) {
      // a presentation's failure must not stop the drill
    }
    return e;
  }

  DrillListener listener() {
    return listener;
  }
}
