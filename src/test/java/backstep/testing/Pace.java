package backstep.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A paced driver: a test's own load or sampler whose pace is what the test is about (a knob set every 100 ms, an
 * inspector read every 10 ms). Its ticks run on a scheduler thread of its own at a fixed rate from the first, as the
 * product's telemetry sampler runs ({@code Telemetry}'s {@code scheduleAtFixedRate}): the n-th tick is due n periods
 * after the first whatever each tick cost, where a loop that slept a period after each tick drifted by every tick's
 * own work (on a loaded machine a 100 ms knob became a 130–200 ms one). No thread of the test sleeps: the test waits
 * on {@link #done()}, a condition, with a deadline of its own.
 */
public final class Pace implements AutoCloseable {
  /** One tick; returns whether to go on. An exception ends the pace and fails {@link #done()} with it. */
  @FunctionalInterface
  public interface Tick {
    boolean next(int n) throws Exception;
  }

  private final ScheduledExecutorService timer;
  private final CompletableFuture<Integer> done = new CompletableFuture<>();
  private final AtomicInteger ticks = new AtomicInteger();

  private Pace(String name) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pace: " + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts ticking now, then every {@code every}, until {@code tick} returns false or throws, or on close. */
  public static Pace atFixedRate(String name, Duration every, Tick tick) {
    Pace p = new Pace(name);
    p.timer.scheduleAtFixedRate(() -> {
      if (p.done.isDone()) {
        return;
      }
      try {
        if (!tick.next(p.ticks.getAndIncrement())) {
          p.done.complete(p.ticks.get());
          p.timer.shutdown();
        }
      } catch (Exception e) {
        p.done.completeExceptionally(e);
        p.timer.shutdown();
      }
    }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    return p;
  }

  /** Completes with the number of ticks run once a tick returned false; fails with a tick's exception. */
  public CompletableFuture<Integer> done() {
    return done;
  }

  /** The ticks run so far. */
  public int ticks() {
    return ticks.get();
  }

  /** Stops ticking and waits for a tick under way to end. */
  @Override
  public void close() {
    done.complete(ticks.get());
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
