package backstep.ui.drill;

import backstep.drill.DrillListener;
import backstep.drill.DrillScore;
import backstep.drill.TimelineEvent;
import backstep.drill.load.WorkloadTick;
import backstep.engine.CheckOutcome;
import backstep.engine.Direction;
import backstep.engine.RunListener;
import backstep.engine.StepResult;
import java.util.function.Consumer;

/**
 * The drill's and the engine's events as items for the drill view's {@link backstep.ui.fx.Drain}: called on the
 * drill's threads, it only queues; the FX thread takes the batch on its tick.
 */
final class DrillFeed implements DrillListener, RunListener {
  /** What the drill view is told. */
  sealed interface Item {}

  record Event(TimelineEvent event) implements Item {}

  record Tick(WorkloadTick tick) implements Item {}

  record StepStarted(String stepId, Direction direction) implements Item {}

  record StepFinished(StepResult result, Direction direction) implements Item {}

  record Check(CheckOutcome outcome) implements Item {}

  /** The database session the drill's change runs on (PostgreSQL pid, MySQL/MariaDB connection id). */
  record WorkSession(long id) implements Item {}

  record Scored(DrillScore score) implements Item {}

  private final Consumer<Item> sink;

  DrillFeed(Consumer<Item> sink) {
    this.sink = sink;
  }

  @Override
  public void phase(TimelineEvent e) {
    sink.accept(new Event(e));
  }

  @Override
  public void faultFired(TimelineEvent e) {
    sink.accept(new Event(e));
  }

  @Override
  public void faultUndone(TimelineEvent e) {
    sink.accept(new Event(e));
  }

  @Override
  public void alert(TimelineEvent e) {
    sink.accept(new Event(e));
  }

  @Override
  public void decision(TimelineEvent e) {
    sink.accept(new Event(e));
  }

  @Override
  public void step(TimelineEvent e) {
    sink.accept(new Event(e));
  }

  @Override
  public void tick(WorkloadTick tick) {
    sink.accept(new Tick(tick));
  }

  @Override
  public void scored(DrillScore score) {
    sink.accept(new Scored(score));
  }

  @Override
  public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
    sink.accept(new StepStarted(stepId, direction));
  }

  @Override
  public void stepFinished(StepResult result, Direction direction) {
    sink.accept(new StepFinished(result, direction));
  }

  @Override
  public void checkDone(CheckOutcome outcome) {
    sink.accept(new Check(outcome));
  }

  @Override
  public void workSession(long sessionId) {
    sink.accept(new WorkSession(sessionId));
  }
}
