package backstep.ui;

import backstep.db.DebugLog;
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
 * refuses a task (unbounded queue).
 */
final class ConsoleThreads {
  private ConsoleThreads() {}

  /** A pool of {@code n} daemon threads named {@code name-1}, {@code name-2} … */
  static ExecutorService pool(int n, String name) {
    return new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemons(name),
        dropWhenClosed(name));
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
