package backstep.ui;

import backstep.db.DebugLog;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console's own thread pools. Once the window has closed they are shut down, and a late event of the closing
 * window (a lint after an edit, a drill tick, a refresh) may still hand one a task: that task is dropped, said in
 * the debug log, instead of throwing {@code RejectedExecutionException} on the FX thread. An open pool never
 * refuses a task (unbounded queue). The pool that opens targets runs at a lower CPU priority ({@link #background}),
 * and so do the sandbox's initdb and server, which it starts.
 */
final class ConsoleThreads {
  private ConsoleThreads() {}

  /** A pool of {@code n} daemon threads named {@code name-1}, {@code name-2} … */
  static ExecutorService pool(int n, String name) {
    return new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemons(name),
        dropWhenClosed(name));
  }

  /**
   * A pool of one daemon thread that lowers its own CPU priority to nice {@value #BACKGROUND_NICE} before its first
   * task (Linux: a thread's nice value is its own, and every process it starts inherits it). The console opens its
   * targets on it: the sandbox's initdb (a new sandbox's costliest CPU work, run while the window's pages join it)
   * then takes a core only when the FX thread does not want it. The server inherits the value too, but each of its
   * processes starts a session of its own ({@code setsid}), and where the kernel groups tasks by session
   * ({@code sched_autogroup}, on in most desktop kernels) a nice value weighs only within its group: there the
   * server is not held back. Where the priority cannot be lowered (no {@code /proc/thread-self} or no
   * {@code renice}), the thread runs at the normal priority and says so in the debug log.
   */
  static ExecutorService background(String name) {
    ThreadFactory daemons = daemons(name);
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        r -> daemons.newThread(() -> {
          lowerPriority(BACKGROUND_NICE);
          r.run();
        }), dropWhenClosed(name));
  }

  static final int BACKGROUND_NICE = 10;

  /** Sets the calling thread's nice value to {@code nice} (a lower priority); false when it could not. */
  static boolean lowerPriority(int nice) {
    try {
      String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString(); // pid/task/tid
      Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
          .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
      if (renice.waitFor() == 0) {
        return true;
      }
      DebugLog.debug(ConsoleThreads.class, "renice failed (exit " + renice.exitValue() + "): "
          + Thread.currentThread().getName() + " keeps its priority");
    } catch (IOException | UnsupportedOperationException e) {
      DebugLog.ignored(ConsoleThreads.class, Thread.currentThread().getName() + " keeps its priority", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  static RejectedExecutionHandler dropWhenClosed(String name) {
    return (task, pool) -> {
      if (!pool.isShutdown()) { // cannot happen with an unbounded queue; never drop work silently while open
        throw new java.util.concurrent.RejectedExecutionException(name + " refused a task");
      }
      DebugLog.debug(ConsoleThreads.class, "console closed: a task for " + name + " dropped");
    };
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
