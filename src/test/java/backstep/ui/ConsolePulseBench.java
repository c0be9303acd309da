package backstep.ui;

import backstep.state.RunState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test: the responsiveness benchmark behind {@code bash bench/console-pulse.sh} (docs/performance.md, "The
 * console's FX thread"). An FX-thread probe (an {@link AnimationTimer}, which asks for a pulse every frame) records
 * every gap between two frames over a scripted session on the sandbox with the live panels sampling: a playbook run
 * to its failure and rolled back, the ledger and a run's replay, a drill acknowledged and rolled back, and tab
 * switches between each. Gaps over 100 ms are stalls; each is listed with the phase it happened in. The figures go
 * to {@code target/console-pulse.txt}.
 */
@ExtendWith(ApplicationExtension.class)
class ConsolePulseBench {
  private static final long STALL_NS = 100_000_000L;
  private static final String[] TABS = {"#tab-playbook", "#tab-run", "#tab-ledger", "#tab-history", "#tab-drill",
      "#tab-trainer"};

  @TempDir
  static Path home;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot(), 200);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  // phase → {frames, stalls, max gap ns, FX-thread CPU ns, CPU stalls, max CPU ns between two frames}
  private final Map<String, long[]> phases = new LinkedHashMap<>();
  private final List<String> stalls = new ArrayList<>();
  private final List<String> firstFrames = new ArrayList<>();
  private long lastCpu;
  private long lastAlloc;
  private long allocAtShow;
  private long gcsAtShow;
  private long lastGcs;
  private long lastWait;
  private long stallWait; // ns the FX thread waited for a CPU in the stalls
  private volatile String phase = "first window";
  private long last;
  private long shownAt;
  private long openNs;
  private AnimationTimer probe;
  private PulseCauses causes;
  private PulseCauses.Phase phaseEvent;
  private PulseCauses.Frame frameEvent;
  private NewNodes nodes;
  private static final long BUSY_NS = Long.getLong("pulse.frameMillis", 20) * 1_000_000;

  @BeforeAll
  static void library() throws Exception {
    for (String folder : new String[] {"playbooks", "drills"}) {
      Path from = Path.of(folder);
      try (Stream<Path> s = Files.walk(from)) {
        for (Path p : s.toList()) {
          Files.copy(p, home.resolve(folder).resolve(from.relativize(p).toString()));
        }
      }
    }
  }

  @Start
  void start(Stage stage) {
    long t = System.nanoTime();
    ui.open(stage, home, home.resolve("playbooks"));
    openNs = System.nanoTime() - t;
    shownAt = System.nanoTime();
    allocAtShow = allocatedAll();
    gcsAtShow = collections();
    causes = new PulseCauses(Thread.currentThread().getName());
    nodes = new NewNodes(stage.getScene()).label(() -> phase);
    probe = new AnimationTimer() {
      @Override
      public void handle(long now) {
        long cpuNow = THREADS.getCurrentThreadCpuTime();
        long waitNow = runQueueWait();
        long allocNow = ((com.sun.management.ThreadMXBean) THREADS).getCurrentThreadAllocatedBytes();
        long gcsNow = collections();
        long[] p = phases.computeIfAbsent(phase, k -> new long[8]);
        p[0]++;
        if (last != 0) { // bytes the FX thread allocated, and young and old collections, in the phase
          p[6] += allocNow - lastAlloc;
          p[7] += gcsNow - lastGcs;
        }
        lastAlloc = allocNow;
        lastGcs = gcsNow;
        if (last != 0) {
          long gap = now - last;
          long cpu = cpuNow - lastCpu;
          long wait = waitNow - lastWait;
          p[2] = Math.max(p[2], gap);
          p[3] += cpu;
          p[5] = Math.max(p[5], cpu);
          if (cpu > STALL_NS) {
            p[4]++;
          }
          if (gap > STALL_NS || cpu > STALL_NS) {
            p[1] += gap > STALL_NS ? 1 : 0;
            stallWait += wait;
            causes.stall(gap, String.format(Locale.ROOT, "%.1f s %d ms (%d CPU) %s", (now - shownAt) / 1e9,
                gap / 1_000_000, cpu / 1_000_000, phase));
            stalls.add(String.format(Locale.ROOT, "%7.1f s  %5d ms  %5d ms CPU  %5d ms runnable  %s",
                (now - shownAt) / 1e9, gap / 1_000_000, cpu / 1_000_000, wait / 1_000_000, phase));
          }
          if (firstFrames.size() < 12) {
            firstFrames.add(String.format(Locale.ROOT, "%d ms (%d ms CPU)", gap / 1_000_000, cpu / 1_000_000));
          }
        }
        if (frameEvent != null && cpuNow - lastCpu > BUSY_NS) {
          frameEvent.phase = phase;
          frameEvent.cpuMillis = (cpuNow - lastCpu) / 1_000_000;
          frameEvent.commit();
        }
        frameEvent = new PulseCauses.Frame();
        frameEvent.begin();
        last = now;
        lastCpu = cpuNow;
        lastWait = waitNow;
      }
    };
    probe.start();
  }

  @AfterEach
  void close() throws Exception {
    ConsoleDriver.fx(() -> {
      probe.stop();
      return null;
    });
    ui.close();
  }

  private void phase(String name) {
    if (phaseEvent != null) {
      phaseEvent.commit();
    }
    phase = name;
    phaseEvent = new PulseCauses.Phase();
    phaseEvent.name = name;
    phaseEvent.begin();
  }

  private void tabs(FxRobot robot, String label) {
    phase("tab switches " + label);
    for (int round = 0; round < 2; round++) {
      for (String tab : TABS) {
        robot.clickOn(tab);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
      }
    }
  }

  @Test
  void scriptedSession(FxRobot robot) throws Exception {
    try {
      session(robot);
    } finally { // the figures so far, also when a wait timed out on a loaded machine
      phase("end");
      phaseEvent.commit();
      ConsoleDriver.fx(() -> { // the probe adds to the phases on the FX thread: stopped before they are read here
        probe.stop();
        nodes.stop();
        return null;
      });
      report();
    }
  }

  private void session(FxRobot robot) {
    phase("sandbox starting");
    ui.waitUntil("the sandbox", 180, () -> ui.text("#status-connection").contains("connected")
        && ui.text("#status-ledger").contains("chain"));
    tabs(robot, "(idle)");

    phase("open a playbook");
    robot.clickOn("#tab-playbook");
    ui.select("#library", "Unique customer name key (fails midway on purpose)");
    robot.clickOn("#tab-run");
    phase("preflight");
    robot.clickOn("#preflight");
    ui.waitUntil("preflight", 120, () -> ui.enabled("#run-to-end"));
    phase("run to its failure");
    robot.clickOn("#run-to-end");
    ui.waitRun(RunState.FAILED);
    phase("roll back");
    robot.clickOn("#rollback");
    ui.waitRun(RunState.ROLLED_BACK);
    tabs(robot, "(after a run)");

    phase("ledger and replay");
    robot.clickOn("#tab-ledger");
    ui.waitUntil("ledger rows", 30, () -> !((javafx.scene.control.TableView<?>) robot.lookup("#ledger-runs")
        .query()).getItems().isEmpty());
    ConsoleDriver.fx(() -> {
      ((javafx.scene.control.TableView<?>) robot.lookup("#ledger-runs").query()).getSelectionModel().select(0);
      return null;
    });
    ui.waitUntil("ledger events", 30, () -> !((javafx.scene.control.TableView<?>) robot.lookup("#ledger-events")
        .query()).getItems().isEmpty());
    ConsoleDriver.fx(() -> {
      javafx.scene.control.TableView<?> events = robot.lookup("#ledger-events").query();
      events.getSelectionModel().select(events.getItems().size() - 1);
      return null;
    });
    robot.clickOn("#tab-trainer");
    robot.clickOn("Replay");
    robot.clickOn("#replay-ledger-run");
    robot.clickOn("#replay-play");

    phase("drill");
    ui.selectDrill("A backfill fails midway");
    ui.waitUntil("drill mode", 60, () -> ui.text("#drill-title").contains("A backfill fails midway")
        && ui.enabled("#drill-start"));
    robot.clickOn("#drill-start");
    ui.waitUntil("the alert", 120, () -> ui.enabled("#drill-ack"));
    robot.clickOn("#drill-ack");
    robot.clickOn("#drill-rollback");
    ui.waitUntil("the scoreboard", 300, () -> ui.text("#drill-phase").contains("SCORED"));
    tabs(robot, "(after the drill)");
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
  }

  /** Bytes allocated so far by the threads alive now (the ended ones are lost; few end in a session). */
  private static long allocatedAll() {
    com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) THREADS;
    long n = 0;
    for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
      n += Math.max(0, b);
    }
    return n;
  }

  /** Collections so far, of every collector (young and old). */
  private static long collections() {
    long n = 0;
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /**
   * Nanoseconds the calling thread has spent runnable but waiting for a CPU (the second field of Linux's
   * /proc/thread-self/schedstat); 0 elsewhere. Read on the FX thread in each frame: the part of a stall in which
   * the FX thread had work but another thread or process had the core.
   */
  private static long runQueueWait() {
    try {
      return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).split(" ")[1]);
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * CPU time of the collector's threads (G1: "GC Thread#n", "G1 …") and of the JIT compilers ("C1/C2 CompilerThre"),
   * from /proc/self/task/N/stat: what competes with the FX thread for the two cores, measured as CPU, not wall.
   */
  private static String jvmThreadsCpu() {
    long hz = 100; // USER_HZ, 100 on Linux
    Map<String, Long> ms = new LinkedHashMap<>(Map.of("collector", 0L, "JIT compilers", 0L,
        "VM thread (the serial collector's pauses)", 0L));
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(t.resolve("stat"));
        } catch (java.io.IOException e) {
          continue; // the thread ended
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / hz;
        String kind = name.equals("VM Thread") ? "VM thread (the serial collector's pauses)"
            : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("Shenandoah")
            || name.matches("Z(Worker|Director|Driver|Stat|Uncommitter|Unmapper|Relocat).*") ? "collector"
            : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT compilers" : null;
        if (kind != null) {
          ms.merge(kind, cpu, Long::sum);
        }
      }
    } catch (java.io.IOException e) {
      return "not on Linux";
    }
    return ms.toString();
  }

  private void report() throws Exception {
    List<String> out = new ArrayList<>();
    long frames = 0;
    long over = 0;
    long max = 0;
    long cpuOver = 0;
    long cpuMax = 0;
    long cpuAll = 0;
    for (long[] p : phases.values()) {
      frames += p[0];
      over += p[1];
      max = Math.max(max, p[2]);
      cpuAll += p[3];
      cpuOver += p[4];
      cpuMax = Math.max(cpuMax, p[5]);
    }
    double seconds = (System.nanoTime() - shownAt) / 1e9;
    out.add(String.format(Locale.ROOT, "console built and shown (ConsoleApp.open on the FX thread): %d ms",
        openNs / 1_000_000));
    out.add(String.format(Locale.ROOT, "session: %.1f s after the first window, %d frames, %d gaps over 100 ms, "
        + "longest %d ms", seconds, frames, over, max / 1_000_000));
    out.add(String.format(Locale.ROOT, "FX-thread CPU between two frames (holds better under load): %d ms in all, "
        + "%d frames over 100 ms, longest %d ms", cpuAll / 1_000_000, cpuOver, cpuMax / 1_000_000));
    out.add("the first frames after show(), gap (FX-thread CPU): " + String.join(", ", firstFrames));
    out.add(String.format(Locale.ROOT, "allocated by all threads in the session: %d MB; collections in the session:"
        + " %d", (allocatedAll() - allocAtShow) >> 20, collections() - gcsAtShow));
    out.add("CPU ms of the JVM's own threads since it started (Linux /proc; holds under load): " + jvmThreadsCpu());
    out.add("");
    out.add(String.format(Locale.ROOT, "%-32s %7s %6s %8s %8s %7s %8s %8s %4s", "phase", "frames", ">100ms", "max ms",
        "CPU ms", ">100CPU", "max CPU", "FX MB", "GCs"));
    phases.forEach((k, p) -> out.add(String.format(Locale.ROOT, "%-32s %7d %6d %8d %8d %7d %8d %8d %4d", k, p[0],
        p[1], p[2] / 1_000_000, p[3] / 1_000_000, p[4], p[5] / 1_000_000, p[6] >> 20, p[7])));
    out.add("");
    out.add(String.format(Locale.ROOT, "nodes new in the scene (first CSS and layout) after the first window: %d in "
        + "%d pulses, at most %d in one; %d in the scene at the end; the largest pulses:",
        nodes.pulses().stream().mapToInt(NewNodes.Pulse::nodes).sum(), nodes.pulses().size(), nodes.maxNodes(),
        nodes.inScene()));
    nodes.largest(15).forEach(p -> out.add("    " + p));
    Files.write(Path.of("target/console-pulse-nodes.txt"), nodes.pulses().stream().map(Object::toString).toList());
    out.add("");
    out.add(String.format(Locale.ROOT, "in those stalls the FX thread was runnable, waiting for a CPU, %d ms in all",
        stallWait / 1_000_000));
    out.add("gaps or FX-thread CPU over 100 ms (time since the first window, gap, FX-thread CPU, FX thread "
        + "runnable but waiting for a CPU, phase):");
    out.addAll(stalls);
    out.add("");
    out.addAll(causes.report(Path.of("target/console-pulse.jfr").toAbsolutePath()));
    Files.write(Path.of("target/console-pulse.txt"), out);
    out.forEach(System.out::println);
  }
}
