package backstep.drill;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A drill in progress: its timeline so far, the team's actions, and the result to come. The console calls
 * {@link #acknowledge}, {@link #rollback} and {@link #proceed} from its buttons (any thread); headless, the
 * auto-operator calls them. The first decision counts; later ones are recorded but change nothing. A console passes
 * the instant the person clicked (taken on its UI thread before any work is queued), so the scores never charge
 * the console's or the engine's lag to the team.
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
  private volatile boolean pauseRequested;
  private volatile java.util.function.BiConsumer<String, Instant> rollbackNow = (by, at) -> { };

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
    acknowledge(actor, clock.instant());
  }

  /** "I see it" at {@code at}, the moment the person acted (the click). */
  public void acknowledge(String actor, Instant at) {
    synchronized (this) {
      if (acknowledgedAt != null) {
        return;
      }
      acknowledgedAt = at;
    }
    record(TimelineEvent.Kind.ALERT, actor, "operator acknowledged the incident", at);
  }

  /**
   * "Hold it": the change stops after its current step, paused, until the team decides (roll back or continue).
   * Not a decision itself; the console's Pause button.
   */
  public void pause(String actor) {
    pause(actor, clock.instant());
  }

  /** "Hold it" at {@code at}, the moment the person acted. */
  public void pause(String actor, Instant at) {
    if (!pauseRequested) {
      pauseRequested = true;
      record(TimelineEvent.Kind.PHASE, actor, "operator paused the change: it stops after the step in flight", at);
    }
  }

  boolean pauseRequested() {
    return pauseRequested;
  }

  /** Decide to roll back: the run stops after its current step and is rolled back. */
  public void rollback(String actor) {
    rollback(actor, clock.instant());
  }

  /** Decide to roll back at {@code at}, the moment the person clicked: that is the time to decide. */
  public void rollback(String actor, Instant at) {
    if (decide(Choice.ROLLBACK, actor, "decided to roll back", at)) {
      rollbackNow.accept(actor, at);
    }
  }

  /**
   * What acts on a decision to roll back as it is made (the drill's run: stop the change under way now, even a step
   * waiting on a lock, and roll it back); it must not block the caller, which may be the console's UI thread.
   */
  void onRollback(java.util.function.BiConsumer<String, Instant> act) {
    rollbackNow = act;
  }

  /** Decide to continue with the change. */
  public void proceed(String actor) {
    proceed(actor, clock.instant());
  }

  /** Decide to continue at {@code at}, the moment the person clicked. */
  public void proceed(String actor, Instant at) {
    decide(Choice.CONTINUE, actor, "decided to continue with the change", at);
  }

  void decide(Choice c, String actor, String text) {
    decide(c, actor, text, clock.instant());
  }

  /** Records a decision at {@code at}; returns whether it counts (the first one does). */
  boolean decide(Choice c, String actor, String text, Instant at) {
    synchronized (this) {
      if (choice != null) {
        record(TimelineEvent.Kind.DECISION, actor, text + " (ignored: already decided " + choice.name()
            .toLowerCase(java.util.Locale.ROOT) + ")", at);
        return false;
      }
      choice = c;
      decidedAt = at;
    }
    record(TimelineEvent.Kind.DECISION, actor, text, at);
    return true;
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

  /** The session's clock now. */
  Instant now() {
    return clock.instant();
  }

  TimelineEvent record(TimelineEvent.Kind kind, String source, String text) {
    return record(kind, source, text, clock.instant());
  }

  /**
   * Records an event that happened at {@code at}; one stamped when a person acted may arrive after later events,
   * so it goes in at its time, keeping the timeline oldest first.
   */
  TimelineEvent record(TimelineEvent.Kind kind, String source, String text, Instant at) {
    TimelineEvent e = new TimelineEvent(at, kind, source, text);
    synchronized (this) {
      int i = timeline.size();
      while (i > 0 && timeline.get(i - 1).at().isAfter(at)) {
        i--;
      }
      timeline.add(i, e);
      if (kind == TimelineEvent.Kind.ALERT && firstAlertAt == null && incidentAt != null
          && !e.at().isBefore(incidentAt)) {
        firstAlertAt = e.at();
      }
    }
    try {
      DrillListener.dispatch(listener, e);
    } catch (RuntimeException ignored) {
      backstep.db.DebugLog.ignored(DrillSession.class, "a presentation's failure must not stop the drill", ignored);
      // a presentation's failure must not stop the drill
    }
    return e;
  }

  DrillListener listener() {
    return listener;
  }
}
