package backstep.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits for a condition, not for a span of time: the condition is looked at on a scheduler of its own every
 * {@code every} (a query to a server, a map of readings) and the waiting thread blocks until it holds or the
 * deadline passes, as Awaitility does. A condition that throws does not hold yet (a row not there, a server not
 * up); the last exception is the cause of the timeout's error. A deadline here is the harness's, never a limit the
 * test asserts: a timeout fails the test with what it waited for. No test sleeps (STYLE.md); a test that needs a
 * span of time asserts on it and says so.
 */
public final class Await {
  private Await() {
  }

  /** Looks every 100 ms, at most {@code timeout}. */
  public static void until(String what, Duration timeout, Callable<Boolean> condition) {
    until(what, timeout, Duration.ofMillis(100), condition);
  }

  /** Looks at {@code condition} every {@code every} until it holds; fails after {@code timeout}. */
  public static void until(String what, Duration timeout, Duration every, Callable<Boolean> condition) {
    AtomicReference<Exception> last = new AtomicReference<>();
    CompletableFuture<Void> held = new CompletableFuture<>();
    ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "await: " + what);
      t.setDaemon(true);
      return t;
    });
    try {
      looks.scheduleWithFixedDelay(() -> {
        try {
          if (!held.isDone() && Boolean.TRUE.equals(condition.call())) { // once held, not looked at again
            held.complete(null);
          }
        } catch (Exception e) {
          last.set(e);
        }
      }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
      held.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what, last.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for: " + what, e);
    } catch (ExecutionException e) {
      throw new AssertionError("failed waiting for: " + what, e.getCause());
    } finally {
      looks.shutdownNow();
      try {
        looks.awaitTermination(10, TimeUnit.SECONDS); // the condition's last look is over before the caller goes on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
