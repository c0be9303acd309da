import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs Backstep's CLI in this JVM and prints the CPU milliseconds of its backstep-engine thread (polled every
 * millisecond while it lives, at a fixed rate on a scheduler thread of its own: no sleeping loop) and of the whole
 * process. Used by bench/history-cost.sh; not part of the build.
 */
public class HistoryCpu {
  static volatile long engine;

  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "engine-cpu poll");
      t.setDaemon(true);
      return t;
    });
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream("/dev/null")), true);
    long p0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    poll.scheduleAtFixedRate(() -> poll(mx), 0, 1, TimeUnit.MILLISECONDS);
    int rc = backstep.cli.Main.execute(args, out, out);
    poll.shutdown();
    poll.awaitTermination(10, TimeUnit.SECONDS);
    poll(mx); // once more, on this thread: an engine thread still alive after the command (it slept 5 ms for this)
    long p1 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    System.out.printf("rc=%d engine_cpu_ms=%.1f process_cpu_ms=%.1f%n", rc, engine / 1e6, (p1 - p0) / 1e6);
    System.exit(rc);
  }

  /** The engine thread's CPU now, if it lives and has used more than seen so far. */
  private static void poll(ThreadMXBean mx) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("backstep-engine")) {
        long c = mx.getThreadCpuTime(t.getId());
        if (c > engine) {
          engine = c;
        }
      }
    }
  }
}
