import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where a cold command's main thread spends its CPU, where JFR cannot look: the distribution's jlinked runtime has no
 * jdk.jfr, and JFR with the launcher's class-data-sharing archive crashes (performance.md, session 11). Runs
 * Backstep's CLI on this thread and samples this thread's stack every millisecond in which it used CPU; a sample
 * is named by its innermost Backstep frame (picocli's while the command line is built), and for the target's pool
 * and the ledger's static set-up also by the library frames inside them. Prints the main thread's CPU at
 * {@code main()} (the JVM's start) and after it. Not part of the build; see bench/history.sh for the command line:
 * <pre>java -XX:SharedArchiveFile=LIB/cds/*.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
 *   -cp LIB/backstep.jar:LIB/...:DIR MainThreadSamples apply HISTORY --url ... -y</pre>
 */
public class MainThreadSamples {
  public static void main(String[] args) throws Exception {
    Thread main = Thread.currentThread();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long atMain = mx.getCurrentThreadCpuTime();
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long processAtMain = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
    Map<String, Integer> samples = new HashMap<>();
    // sampled at a fixed rate on a scheduler thread of its own (as backstep.testing.Pace and the product's telemetry
    // sampler), not by a loop that slept a millisecond after each sample and so drifted by every sample's own work
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "main-thread sampler");
      t.setDaemon(true);
      return t;
    });
    long[] last = {mx.getThreadCpuTime(main.getId())};
    PrintWriter quiet = new PrintWriter(new OutputStreamWriter(new FileOutputStream("/dev/null")), true);
    sampler.scheduleAtFixedRate(() -> {
      long cpu = mx.getThreadCpuTime(main.getId());
      boolean ran = cpu - last[0] >= 500_000;
      last[0] = cpu;
      if (ran) {
        String key = name(main.getStackTrace());
        synchronized (samples) {
          samples.merge(key, 1, Integer::sum);
        }
      }
    }, 1, 1, TimeUnit.MILLISECONDS);
    int rc = backstep.cli.Main.execute(args, quiet, quiet);
    long after = mx.getCurrentThreadCpuTime();
    sampler.shutdown();
    sampler.awaitTermination(10, TimeUnit.SECONDS); // a sample under way is counted before the sums are printed
    synchronized (samples) {
      System.out.printf("exit %d; main thread CPU at main(): %d ms (process %d ms), after main(): %d ms, %d samples%n",
          rc, atMain / 1_000_000, processAtMain, (after - atMain) / 1_000_000,
          samples.values().stream().mapToInt(Integer::intValue).sum());
      samples.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(30)
          .forEach(e -> System.out.printf("%5d  %s%n", e.getValue(), e.getKey()));
    }
    System.exit(rc);
  }

  private static String name(StackTraceElement[] stack) {
    String key = "(JDK or library, no Backstep frame)";
    int at = -1;
    for (int i = 0; i < stack.length; i++) {
      String c = stack[i].getClassName();
      if (c.startsWith("backstep.") && !c.equals("backstep.cli.Main")) {
        key = c + "." + stack[i].getMethodName();
        at = i;
        break;
      }
      if (c.startsWith("picocli.") || c.equals("backstep.cli.Main")) {
        key = "picocli, under " + c + "." + stack[i].getMethodName();
      }
    }
    if (key.equals("backstep.db.Database.pool") || key.equals("backstep.ledger.Ledger.<clinit>")) {
      java.util.List<String> lib = new java.util.ArrayList<>();
      for (int i = 0; i < at; i++) {
        String c = stack[i].getClassName();
        if (c.startsWith("com.zaxxer") || c.startsWith("org.postgresql") || c.startsWith("org.jooq")
            || c.startsWith("java.sql")) {
          lib.add(c + "." + stack[i].getMethodName());
        }
      }
      // the library frame two below the outermost (HikariPool's fail-fast check, SQLDataType's set-up), then the
      // innermost
      key += lib.isEmpty() ? "" : " (" + lib.get(Math.max(0, lib.size() - 3)) + " .. " + lib.get(0) + ")";
    }
    return key;
  }
}
