package backstep.drill;

import backstep.db.Database;
import backstep.drill.Drill.FaultSpec;
import backstep.drill.Drill.Timing.When;
import backstep.drill.fault.Fault;
import backstep.drill.fault.Faults;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Fires a drill's faults at their times or steps and takes each away after its duration, or when the run settles,
 * or — whatever happens — when the drill ends ({@link #close}, called from a finally block). Faults at
 * {@code before}/{@code after} a step are injected on the engine's thread, so they are in place before the step
 * (or its after-step checks) run; {@code during} faults, and any fault that must wait for the engine, on the timer.
 */
final class FaultSchedule implements AutoCloseable {
  private final DrillSession session;
  private final ScheduledExecutorService timer;
  private final List<Active> faults = new ArrayList<>();
  private volatile boolean closed;
  private final Drill.Timing incident;
  /** The forward step in flight and how many of its statements or batches finished (engine thread only). */
  private String countedStep;
  private int finished;
  private boolean inBatches;

  private final class Active {
    final FaultSpec spec;
    final Fault fault;
    boolean fired;
    boolean injected;
    boolean undone;

    Active(FaultSpec spec, Fault fault) {
      this.spec = spec;
      this.fault = fault;
    }

    void fire() {
      synchronized (this) {
        if (fired || closed) {
          return;
        }
        fired = true;
      }
      try {
        String what = fault.inject();
        synchronized (this) {
          injected = true;
        }
        TimelineEvent e = session.record(TimelineEvent.Kind.FAULT, "fault", spec.kind().key() + " ("
            + spec.timing().describe() + "): " + what);
        session.incident(e.at());
        if (closed) {
          undo(); // the drill ended while this fault was being injected: it must not outlive the drill
        } else if (spec.duration() != null) {
          timer.schedule(this::undo, spec.duration().toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (Exception e) {
        session.record(TimelineEvent.Kind.FAULT, "fault", spec.kind().key() + " could not be injected: "
            + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("")));
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Marks a fault that never came due as fired; false if it already fired. */
    synchronized boolean giveUp() {
      if (fired) {
        return false;
      }
      fired = true;
      return true;
    }

    void undo() {
      synchronized (this) {
        if (!injected || undone) {
          return;
        }
        undone = true;
      }
      session.record(TimelineEvent.Kind.FAULT_UNDONE, "fault", spec.kind().key() + ": " + fault.undo());
    }
  }

  FaultSchedule(Drill drill, Database db, DrillSession session, ScheduledExecutorService timer,
      LongSupplier workSession) {
    this.session = session;
    this.timer = timer;
    this.incident = drill.incident();
    for (FaultSpec f : drill.faults()) {
      faults.add(new Active(f, Faults.create(f, db, workSession)));
    }
  }

  private void incidentStarts() {
    TimelineEvent e = session.record(TimelineEvent.Kind.PHASE, "drill", "the incident starts ("
        + incident.describe() + "): the clock for detect, decide and restore runs from here");
    session.incident(e.at());
  }

  /** The change starts now: schedules the faults that fire at a time. */
  void startClock() {
    if (incident != null && incident.at() != null) {
      timer.schedule(this::incidentStarts, incident.at().toMillis(), TimeUnit.MILLISECONDS);
    }
    for (Active a : faults) {
      if (a.spec.timing().at() != null) {
        timer.schedule(a::fire, a.spec.timing().at().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  void stepStarted(String stepId) {
    countedStep = stepId;
    finished = 0;
    inBatches = false;
    if (atStart(incident, stepId)) {
      incidentStarts();
    }
    for (Active a : faults) {
      if (atStart(a.spec.timing(), stepId)) {
        if (a.spec.timing().when() == When.DURING || a.fault.waitsForEngine()) {
          timer.execute(a::fire);
        } else {
          a.fire();
        }
      }
    }
  }

  /** At the step's start: {@code before} or {@code during} without a statement count. */
  private static boolean atStart(Drill.Timing t, String stepId) {
    return t != null && stepId.equals(t.atStep()) && t.when() != When.AFTER && t.afterStatements() == 0;
  }

  /**
   * The engine finished a statement of the step in flight, or (done = total = 0) one batch of a batched statement;
   * the end of a batched statement after its batches is not counted again. Fires what waits for this count.
   */
  void statementDone(String stepId, int done, int total, long rows) {
    if (!stepId.equals(countedStep)) {
      return;
    }
    boolean batch = done == 0 && total == 0;
    if (batch || !inBatches) {
      finished++;
    }
    inBatches = batch;
    boolean incidentNow = incident != null && stepId.equals(incident.atStep())
        && incident.afterStatements() == finished;
    List<Active> due = faults.stream().filter(a -> stepId.equals(a.spec.timing().atStep())
        && a.spec.timing().afterStatements() == finished).toList();
    if (!incidentNow && due.isEmpty()) {
      return;
    }
    session.record(TimelineEvent.Kind.STEP, "engine", "'" + stepId + "': " + finished + " statement(s)/batch(es) "
        + "finished, " + rows + " rows so far");
    if (incidentNow) {
      incidentStarts();
    }
    due.forEach(a -> timer.execute(a::fire));
  }

  void stepFinished(String stepId) {
    for (Active a : faults) {
      if (stepId.equals(a.spec.timing().atStep()) && a.spec.timing().afterStatements() > finished
          && a.giveUp()) {
        session.record(TimelineEvent.Kind.FAULT, "fault", a.spec.kind().key() + " could not be injected: step '"
            + stepId + "' finished after " + finished + " statement(s)/batch(es), fewer than "
            + a.spec.timing().afterStatements());
      }
    }
    if (incident != null && stepId.equals(incident.atStep()) && incident.when() == When.AFTER) {
      incidentStarts();
    }
    for (Active a : faults) {
      if (stepId.equals(a.spec.timing().atStep()) && a.spec.timing().when() == When.AFTER) {
        a.fire();
      }
    }
  }

  /** Takes away every fault still in place (the run has settled). */
  void undoAll() {
    faults.forEach(Active::undo);
  }

  @Override
  public void close() {
    closed = true;
    undoAll();
  }
}
