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

  /**
   * The pool that opens targets runs below the FX thread's priority, and so does every process it starts (the
   * sandbox's initdb and server competed with the FX thread for the two cores while the window's pages joined it).
   */
  @Test
  void theBackgroundPoolAndTheProcessesItStartsRunAtALowerPriority() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of(
        "/proc/thread-self")), "Linux only");
    ExecutorService pool = ConsoleThreads.background("backstep-test");
    try {
      int[] nice = CompletableFuture.supplyAsync(() -> {
        try {
          Process child = new ProcessBuilder("cat", "/proc/self/stat").start();
          String stat = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          return new int[] {niceOf(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"))),
              niceOf(stat)};
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, pool).get(30, TimeUnit.SECONDS);
      assertEquals(ConsoleThreads.BACKGROUND_NICE, nice[0], "the pool's thread");
      assertEquals(ConsoleThreads.BACKGROUND_NICE, nice[1], "a process it started");
      assertEquals(0, niceOf(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"))),
          "the caller's thread keeps its priority");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Field 19 of /proc/…/stat (after the command name in parentheses, which may hold spaces). */
  static int niceOf(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Integer.parseInt(f[16]);
  }
}
