import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The FX thread's samples in ConsolePulseBench's recording, by phase of the scripted session: what JavaFX was doing
 * (CSS, layout, …, or a runnable/timer of the console's) and the console's own frame nearest the top of the stack.
 * Usage: java bench/PulsePhases.java target/console-pulse.jfr [phase-substring] (samples finer with
 * -Dpulse.sampleMillis=1 in the benchmark's argLine).
 */
public class PulsePhases {
  record Phase(String name, Instant start, Instant end) {}

  public static void main(String[] a) throws Exception {
    List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(a[0]));
    String only = a.length > 1 ? a[1] : "";
    List<Phase> phases = new ArrayList<>();
    boolean busy = System.getProperty("busy") != null; // -Dbusy: the busy frames of each phase only
    for (RecordedEvent e : events) {
      if (!busy && e.getEventType().getName().equals("backstep.bench.Phase")) {
        phases.add(new Phase(e.getString("name"), e.getStartTime(), e.getEndTime()));
      }
      if (busy && e.getEventType().getName().equals("backstep.bench.Frame")) {
        phases.add(new Phase(e.getString("phase") + " frame of " + e.getLong("cpuMillis") + " ms CPU",
            e.getStartTime(), e.getEndTime()));
      }
    }
    phases.sort((x, y) -> x.start().compareTo(y.start()));
    for (Phase p : phases) {
      if (!p.name().contains(only)) {
        continue;
      }
      Map<String, Integer> kind = new HashMap<>();
      Map<String, Integer> ours = new HashMap<>();
      Map<String, Integer> top = new HashMap<>();
      Map<String, Integer> layout = new HashMap<>();
      Map<String, Long> alloc = new HashMap<>();
      int fx = 0;
      double gc = 0;
      int gcs = 0;
      for (RecordedEvent e : events) {
        if (e.getStartTime().isBefore(p.start()) || e.getStartTime().isAfter(p.end())) {
          continue;
        }
        String type = e.getEventType().getName();
        if (type.equals("jdk.GarbageCollection")) {
          gcs++;
          gc += e.getDuration().toNanos() / 1e6;
        }
        if (type.equals("jdk.ObjectAllocationSample")) {
          alloc.merge(ours(e) + " " + e.getClass("objectClass").getName(), e.getLong("weight"), Long::sum);
        }
        if (!type.equals("jdk.ExecutionSample") || e.getThread("sampledThread") == null
            || !"JavaFX Application Thread".equals(e.getThread("sampledThread").getJavaName())) {
          continue;
        }
        fx++;
        String k = kind(e);
        kind.merge(k, 1, Integer::sum);
        if (k.startsWith("pulse: layout") || k.startsWith("pulse: bounds") || k.equals("other")
            || k.startsWith("pulse: CSS")) {
          layout.merge(k.substring(k.indexOf(' ') + 1) + " in " + laidOut(e), 1, Integer::sum);
        }
        ours.merge(ours(e), 1, Integer::sum);
        RecordedFrame f = e.getStackTrace().getFrames().get(0);
        top.merge(f.getMethod().getType().getName() + "." + f.getMethod().getName(), 1, Integer::sum);
      }
      System.out.printf(Locale.ROOT, "%n== %s: %d FX samples, %d collections (%.0f ms)%n", p.name(), fx, gcs, gc);
      print("  what", kind, 12);
      print("  console frame nearest the top", ours, 15);
      print("  layout/bounds/CSS/other: the innermost layoutChildren/impl_/doProcessCSS owner", layout, 15);
      print("  top frame", top, 8);
      Map<String, Long> mb = new HashMap<>();
      alloc.forEach((k, v) -> mb.put(k, v / 1024));
      print("  allocated KB (sampled weight), by console frame and class", mb, 12);
    }
  }

  static <N extends Number> void print(String title, Map<String, N> m, int n) {
    System.out.println(title + ":");
    m.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().longValue(), x.getValue().longValue())).limit(n)
        .forEach(e -> System.out.printf(Locale.ROOT, "    %6d  %s%n", e.getValue().longValue(), e.getKey()));
  }

  /** Markers, the first found anywhere on the stack wins. */
  static final String[][] KINDS = {
      {"Scene$ScenePulseListener.synchronizeSceneNodes", "pulse: sync to render graph"},
      {"Scene.doCSSPass", "pulse: CSS pass"}, {"Scene.doLayoutPass", "pulse: layout pass"},
      {"Node.applyCss", "applyCss (console code)"}, {"Parent.layout", "layout (outside the pulse pass)"},
      {"Node.updateBounds", "pulse: bounds"}, {"Parent.updateBounds", "pulse: bounds"},
      {"AnimationPulse", "timelines/animations"}, {"AbstractPrimaryTimer", "timelines/animations"},
      {"GlassViewEventHandler", "input events"}, {"Scene$ScenePulseListener.pulse", "pulse: other"},
      {"PlatformImpl.lambda$runLater", "runLater"}};

  static String kind(RecordedEvent e) {
    List<RecordedFrame> frames = e.getStackTrace().getFrames();
    for (String[] k : KINDS) {
      for (RecordedFrame f : frames) {
        String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
        if (m.contains(k[0])) {
          if (k[1].equals("runLater") || k[1].startsWith("timelines")) {
            return k[1] + " " + outer(frames);
          }
          return k[1];
        }
      }
    }
    return "other";
  }

  static String laidOut(RecordedEvent e) {
    for (RecordedFrame f : e.getStackTrace().getFrames()) {
      String m = f.getMethod().getName();
      if (m.equals("layoutChildren") || m.equals("updateBounds") && !f.getMethod().getType().getName()
          .equals("javafx.scene.Parent") || m.equals("doProcessCSS") || m.equals("computePrefHeight")
          || m.equals("computePrefWidth") || m.equals("updateItem")) {
        String t = f.getMethod().getType().getName();
        return t.substring(t.lastIndexOf('.') + 1) + "." + m;
      }
    }
    RecordedFrame f = e.getStackTrace().getFrames().get(0);
    return "top " + f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The console's frame nearest the bottom (the runnable or handler that started it). */
  static String outer(List<RecordedFrame> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      String t = frames.get(i).getMethod().getType().getName();
      if (t.startsWith("backstep.")) {
        return t.substring("backstep.".length()) + "." + frames.get(i).getMethod().getName();
      }
    }
    return "(JavaFX)";
  }

  /** The console's frame nearest the top of the stack, or what JavaFX phase it was in. */
  static String ours(RecordedEvent e) {
    if (e.getStackTrace() == null) {
      return "?";
    }
    for (RecordedFrame f : e.getStackTrace().getFrames()) {
      String t = f.getMethod().getType().getName();
      if (t.startsWith("backstep.")) {
        return t.substring("backstep.".length()) + "." + f.getMethod().getName() + ":" + f.getLineNumber();
      }
    }
    return "(none)";
  }
}
