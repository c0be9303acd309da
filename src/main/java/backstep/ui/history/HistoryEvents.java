package backstep.ui.history;

import backstep.engine.Direction;
import backstep.engine.RunListener;
import backstep.engine.RunResult;
import backstep.ui.fx.Drain;

/**
 * The history page's {@link RunListener}: buffers what the page shows (the walk's notes, each migration's run
 * starting and ending) for the FX thread's next tick; never blocks. A rehearsal's runs happen on a scratch
 * database, so for it only the notes are passed on: they are not the target's state.
 */
final class HistoryEvents implements RunListener {
  /** What the page takes from the engine. */
  sealed interface Event {}

  record Note(String text) implements Event {}

  record Started(String playbookId, String changeId, Direction direction) implements Event {}

  record Finished(RunResult result) implements Event {}

  private final Drain<Event> drain;
  private final boolean onTarget;

  /** {@code onTarget}: the runs are on the target (apply, roll back), not on a rehearsal's scratch database. */
  HistoryEvents(Drain<Event> drain, boolean onTarget) {
    this.drain = drain;
    this.onTarget = onTarget;
  }

  @Override
  public void note(String message) {
    drain.offer(new Note(message));
  }

  @Override
  public void runStarted(String changeId, String playbookId, String target, Direction direction) {
    if (onTarget) {
      drain.offer(new Started(playbookId, changeId, direction));
    }
  }

  @Override
  public void runFinished(RunResult result) {
    if (onTarget) {
      drain.offer(new Finished(result));
    }
  }
}
