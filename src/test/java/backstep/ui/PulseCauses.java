package backstep.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Not a test: the part of the responsiveness benchmark that says what the FX thread waited on in each long frame.
 * A JFR recording in the benchmark's own JVM (parks, monitor waits, GC pauses, safepoints, and CPU samples of every
 * thread every 10 ms); each stall's window is matched against it afterwards. What is left of a gap after the FX
 * thread's CPU, parks, monitors and pauses is time it was runnable without a CPU or idle in the native event loop
 * (the native samples tell which).
 */
final class PulseCauses {
  /** The renderer thread of Prism (Quantum), which draws a frame while the FX thread prepares the next. */
  static final String RENDERER = "QuantumRenderer-0";

  private final Recording recording = new Recording();
  private final List<Window> windows = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final String fxThread;

  private record Window(Instant start, Instant end, String label) {
  }

  /**
   * A frame (the time between two of the probe's calls) in which the FX thread used over {@code pulse.frameMillis}
   * (20) ms of CPU: the profile by phase reads the samples inside these (bench/PulsePhases.java).
   */
  @jdk.jfr.Name("backstep.bench.Frame")
  @jdk.jfr.Label("Busy FX frame")
  static final class Frame extends jdk.jfr.Event {
    @jdk.jfr.Label("Phase")
    String phase;
    @jdk.jfr.Label("FX-thread CPU ms")
    long cpuMillis;
  }

  /** A phase of the scripted session, in the recording, so that its samples can be read by phase afterwards. */
  @jdk.jfr.Name("backstep.bench.Phase")
  @jdk.jfr.Label("Bench phase")
  static final class Phase extends jdk.jfr.Event {
    @jdk.jfr.Label("Name")
    String name;
  }

  PulseCauses(String fxThread) {
    this.fxThread = fxThread;
    recording.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(2)).withStackTrace();
    recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(2)).withStackTrace();
    recording.enable("jdk.JavaMonitorWait").withThreshold(Duration.ofMillis(2)).withStackTrace();
    recording.enable("jdk.GCPhasePause").withoutThreshold();
    recording.enable("jdk.GarbageCollection").withoutThreshold();
    recording.enable("jdk.SafepointBegin").withoutThreshold();
    // -Dpulse.sampleMillis=1 samples finer, for a profile of the FX thread by phase (bench/pulse-phases.java)
    Duration sample = Duration.ofMillis(Long.getLong("pulse.sampleMillis", 10));
    recording.enable("jdk.ExecutionSample").withPeriod(sample).withStackTrace();
    recording.enable("jdk.NativeMethodSample").withPeriod(sample).withStackTrace();
    recording.enable(Phase.class);
    recording.enable(Frame.class);
    recording.enable("jdk.ObjectAllocationSample").with("throttle", "300/s").withStackTrace();
    recording.enable("jdk.ThreadAllocationStatistics").withPeriod(Duration.ofSeconds(1));
    recording.start();
  }

  /** Remembers a stall: the gap that ended now, {@code gapNs} long. Called on the FX thread. */
  void stall(long gapNs, String label) {
    Instant end = Instant.now();
    windows.add(new Window(end.minusNanos(gapNs), end, label));
  }

  /** Stops the recording, writes it to {@code file} and returns one line per stall and a summary. */
  List<String> report(Path file) throws Exception {
    recording.stop();
    recording.dump(file);
    recording.close();
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    List<String> out = new ArrayList<>();
    out.add("what the FX thread (" + fxThread + ") did in each stall (JFR, " + file + "): ms parked / in a monitor"
        + " / GC pause; 10 ms samples: FX running, FX native, renderer running, other threads running");
    double[] totals = new double[8];
    Map<String, Double> parkedOn = new HashMap<>();
    Map<String, Integer> others = new HashMap<>();
    for (Window w : windows) {
      double park = 0;
      double monitor = 0;
      double gc = 0;
      int fxRun = 0;
      int fxNative = 0;
      int render = 0;
      int other = 0;
      Map<String, Double> parks = new HashMap<>();
      Map<String, Integer> busy = new HashMap<>();
      Map<String, Integer> fxTop = new HashMap<>();
      for (RecordedEvent e : events) {
        Instant s = e.getStartTime();
        Instant t = e.getEndTime();
        if (t.isBefore(w.start()) || s.isAfter(w.end())) {
          continue;
        }
        double overlap = Duration.between(s.isBefore(w.start()) ? w.start() : s, t.isAfter(w.end()) ? w.end() : t)
            .toNanos() / 1e6;
        String type = e.getEventType().getName();
        String thread = threadName(e);
        switch (type) {
          case "jdk.ThreadPark" -> {
            if (fxThread.equals(thread)) {
              park += overlap;
              parks.merge(frame(e.getStackTrace(), "java.util.concurrent", "jdk.internal.misc"), overlap,
                  Double::sum);
            }
          }
          case "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait" -> {
            if (fxThread.equals(thread)) {
              monitor += overlap;
              parks.merge("monitor " + frame(e.getStackTrace(), "java.lang.Object"), overlap, Double::sum);
            }
          }
          case "jdk.GCPhasePause" -> gc += overlap;
          case "jdk.ExecutionSample" -> {
            if (fxThread.equals(thread)) {
              fxRun++;
              fxTop.merge(frame(e.getStackTrace(), "java.", "jdk.", "com.sun.javafx.css", "javafx.css"), 1,
                  Integer::sum);
            } else if (RENDERER.equals(thread)) {
              render++;
            } else {
              other++;
              busy.merge(thread, 1, Integer::sum);
            }
          }
          case "jdk.NativeMethodSample" -> {
            if (fxThread.equals(thread)) {
              fxNative++;
            }
          }
          default -> {
          }
        }
      }
      double[] row = {park, monitor, gc, fxRun, fxNative, render, other, 1};
      for (int i = 0; i < row.length; i++) {
        totals[i] += row[i];
      }
      parks.forEach((k, v) -> parkedOn.merge(k, v, Double::sum));
      busy.forEach((k, v) -> others.merge(k, v, Integer::sum));
      out.add(String.format(Locale.ROOT, "  %-48s %5.0f / %4.0f / %4.0f ms; %3d %3d %3d %3d  parked on: %s; busy: %s;"
          + " FX in: %s", w.label(), park, monitor, gc, fxRun, fxNative, render, other, top(parks, 2),
          top(busy, 3), top(fxTop, 2)));
    }
    out.add(String.format(Locale.ROOT, "all %d stalls: %.0f ms parked, %.0f ms in monitors, %.0f ms in GC pauses;"
        + " samples: FX running %.0f, FX native %.0f, renderer %.0f, other threads %.0f", windows.size(), totals[0],
        totals[1], totals[2], totals[3], totals[4], totals[5], totals[6]));
    out.add("  FX thread parked on (ms): " + top(parkedOn, 4));
    out.add("  other threads running in stalls (samples): " + top(others, 6));
    long gcCount = events.stream().filter(e -> e.getEventType().getName().equals("jdk.GarbageCollection")).count();
    double gcMs = events.stream().filter(e -> e.getEventType().getName().equals("jdk.GCPhasePause"))
        .mapToDouble(e -> e.getDuration().toNanos() / 1e6).sum();
    out.add(String.format(Locale.ROOT, "whole session: %d collections, %.0f ms of GC pauses", gcCount, gcMs));
    return out;
  }

  private static String threadName(RecordedEvent e) {
    RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
    return t == null ? "?" : t.getJavaName();
  }

  /** The first frame of the stack outside the given prefixes, as Class.method. */
  private static String frame(RecordedStackTrace stack, String... skip) {
    if (stack == null) {
      return "?";
    }
    outer:
    for (RecordedFrame f : stack.getFrames()) {
      String type = f.getMethod().getType().getName();
      for (String p : skip) {
        if (type.startsWith(p)) {
          continue outer;
        }
      }
      return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }
    return "?";
  }

  private static <N extends Number> String top(Map<String, N> m, int n) {
    return m.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue().doubleValue(), a.getValue().doubleValue())).limit(n)
        .map(e -> e.getKey() + " " + Math.round(e.getValue().doubleValue()))
        .collect(Collectors.joining(", "));
  }
}
