import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.PrintWriter;

/**
 * Runs Backstep's CLI in this JVM and prints the CPU milliseconds of its backstep-engine thread (polled every
 * millisecond while it lives) and of the whole process. Used by bench/history-cost.sh; not part of the build.
 */
public class HistoryCpu {
  static volatile long engine;

  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Thread poll = new Thread(() -> {
      while (true) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          if (t.getName().equals("backstep-engine")) {
            long c = mx.getThreadCpuTime(t.getId());
            if (c > engine) engine = c;
          }
        }
        try { Thread.sleep(1); } catch (InterruptedException e) { return; }
      }
    });
    poll.setDaemon(true);
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(new java.io.FileOutputStream("/dev/null")), true);
    long p0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    poll.start();
    int rc = backstep.cli.Main.execute(args, out, out);
    Thread.sleep(5);
    long p1 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    System.out.printf("rc=%d engine_cpu_ms=%.1f process_cpu_ms=%.1f%n", rc, engine / 1e6, (p1 - p0) / 1e6);
    System.exit(rc);
  }
}
