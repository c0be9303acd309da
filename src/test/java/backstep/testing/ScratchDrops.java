package backstep.testing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Drops scratch databases on one background thread, in the order they were closed, and holds the JVM's exit until
 * every queued drop is done (a shutdown hook), so a run leaves no database behind. A drop that fails is printed,
 * as a failed {@code DROP DATABASE} in a test's own thread would have been.
 */
final class ScratchDrops {
  private static final ExecutorService DROPS = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "scratch-db-drops");
    t.setDaemon(true);
    return t;
  });

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      DROPS.shutdown();
      try {
        if (!DROPS.awaitTermination(5, TimeUnit.MINUTES)) {
          System.err.println("scratch databases: drops still queued after 5 minutes");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "scratch-db-drops-wait"));
  }

  private ScratchDrops() {}

  interface Drop {
    void run() throws Exception;
  }

  static void drop(Drop drop) {
    DROPS.execute(() -> {
      try {
        drop.run();
      } catch (Exception e) {
        System.err.println("scratch database not dropped: " + e.getMessage());
      }
    });
  }
}
