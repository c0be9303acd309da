package backstep.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * A buffer that any thread fills and the FX thread empties on a fixed tick: engine events reach the UI in batches
 * every {@code period} (250 ms), never as one {@code runLater} per event. The tick also calls {@code onTick} (clocks
 * and running timers update there), with or without new items.
 */
public final class Drain<T> {
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final Consumer<List<T>> onItems;
  private final Runnable onTick;
  private final Timeline timeline;

  /** Create on the FX thread. */
  public Drain(Duration period, Consumer<List<T>> onItems, Runnable onTick) {
    this.onItems = onItems;
    this.onTick = onTick;
    this.timeline = new Timeline(new KeyFrame(period, e -> flush()));
    this.timeline.setCycleCount(Animation.INDEFINITE);
  }

  /** From any thread; never blocks. */
  public void offer(T item) {
    queue.add(item);
  }

  public void start() {
    timeline.play();
  }

  public void stop() {
    timeline.stop();
  }

  /** On the FX thread: hands everything buffered so far to the consumer now. */
  public void flush() {
    UiThread.check();
    List<T> batch = new ArrayList<>();
    for (T t = queue.poll(); t != null; t = queue.poll()) {
      batch.add(t);
    }
    if (!batch.isEmpty()) {
      onItems.accept(batch);
    }
    onTick.run();
  }
}
