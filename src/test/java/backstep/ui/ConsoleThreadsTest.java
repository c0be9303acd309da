package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A closed console's late events hand its pools tasks (a drill view's refresh failed a layout test with
 * RejectedExecutionException on the FX thread): they are dropped; an open pool runs everything.
 */
class ConsoleThreadsTest {
  @Test
  void anOpenPoolRunsItsTasksOnNamedDaemonThreads() throws Exception {
    ExecutorService pool = ConsoleThreads.pool(2, "backstep-test");
    try {
      Thread t = CompletableFuture.supplyAsync(Thread::currentThread, pool).get(10, TimeUnit.SECONDS);
      assertTrue(t.isDaemon());
      assertTrue(t.getName().startsWith("backstep-test-"), t.getName());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedPoolDropsALateTaskInsteadOfThrowing() throws Exception {
    ExecutorService pool = ConsoleThreads.pool(1, "backstep-test");
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Void> late = CompletableFuture.runAsync(() -> ran.set(true), pool); // threw before
    assertFalse(late.isDone());
    assertFalse(ran.get());
    assertEquals(0, pool.shutdownNow().size());
  }
}
