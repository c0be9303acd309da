package backstep.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Counts, pulse by pulse, the nodes that entered a scene since the last pulse: each is styled for the first time in
 * that pulse's CSS pass (a new style helper, its selectors matched) and laid out for the first time, which is what
 * the console's long frames after its first window were made of (docs/performance.md, "The console's FX thread").
 * A count holds on a loaded machine where a frame's milliseconds do not. Installed as a post-layout pulse listener
 * (after the pulse's CSS and layout passes); the walk over the scene is the listener's own cost, so the benchmark's
 * FX-thread CPU includes it. FX thread only.
 */
public final class NewNodes {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One pulse: the nodes new in the scene, the three largest new subtrees, the FX CPU of CSS and layout. */
  public record Pulse(long index, int nodes, String largest, int largestNodes, long cssLayoutMicros, String label,
      String owners) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "pulse %d: %d new nodes (by owner: %s; largest: %s; %d), CSS+layout %d ms CPU%s", index, nodes, owners,
          largest, largestNodes, cssLayoutMicros / 1000, label.isEmpty() ? "" : ", " + label);
    }
  }

  private final Scene scene;
  private final Set<Node> seen = Collections.newSetFromMap(new WeakHashMap<>());
  private final List<Pulse> pulses = new ArrayList<>();
  private final Runnable before = this::before;
  private final Runnable after = this::after;
  private long index;
  private long cpuBefore;
  private long mostCpu;
  private java.util.function.Supplier<String> label = () -> "";

  /**
   * Starts counting; the first pulse counts every node in the scene (the benchmark's "first window"), as
   * {@link #afterNow} does not.
   */
  public NewNodes(Scene scene) {
    this.scene = scene;
    scene.addPreLayoutPulseListener(before);
    scene.addPostLayoutPulseListener(after);
  }

  /** Starts counting with the nodes in the scene now counted as seen: only what joins it later is new. */
  public static NewNodes afterNow(Scene scene) {
    NewNodes n = new NewNodes(scene);
    walk(scene.getRoot(), n.seen::add);
    return n;
  }

  /** What each recorded pulse is labelled with (the benchmark's phase). */
  NewNodes label(java.util.function.Supplier<String> what) {
    this.label = what;
    return this;
  }

  public void stop() {
    scene.removePreLayoutPulseListener(before);
    scene.removePostLayoutPulseListener(after);
  }

  /** Every pulse that brought at least one node into the scene, in order. */
  public List<Pulse> pulses() {
    return List.copyOf(pulses);
  }

  /** The most nodes a single pulse brought into the scene. */
  public int maxNodes() {
    return pulses.stream().mapToInt(Pulse::nodes).max().orElse(0);
  }

  /** The pulses seen since counting started, with new nodes or not. */
  public long pulseCount() {
    return index;
  }

  /** The most FX-thread CPU (µs) of one pulse's CSS and layout, new nodes or not. */
  public long mostCssLayoutMicros() {
    return mostCpu / 1000;
  }

  /** Nodes in the scene now. */
  int inScene() {
    int[] n = {0};
    walk(scene.getRoot(), x -> {
      n[0]++;
      return true;
    });
    return n[0];
  }

  private void before() {
    cpuBefore = THREADS.getCurrentThreadCpuTime();
  }

  private void after() {
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
    mostCpu = Math.max(mostCpu, cpu);
    index++;
    int[] count = {0};
    List<Map.Entry<Integer, String>> roots = new ArrayList<>();
    Map<String, Integer> owners = new java.util.HashMap<>();
    walk(scene.getRoot(), n -> {
      if (!seen.add(n)) {
        return true;
      }
      int sub = subtree(n);
      count[0] += sub;
      owners.merge(owner(n), sub, Integer::sum);
      roots.add(Map.entry(sub, name(n) + " under " + (n.getParent() == null ? "-" : name(n.getParent()))
          + owner(n)));
      return false; // its subtree was counted (and marked seen) in one go
    });
    if (count[0] > 0) {
      roots.sort((a, b) -> Integer.compare(b.getKey(), a.getKey()));
      String top = roots.stream().limit(3).map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + "; " + b)
          .orElse("");
      String byOwner = owners.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
          .limit(4).map(e -> (e.getKey().isEmpty() ? "-" : e.getKey().substring(4)) + " " + e.getValue())
          .reduce((a, b) -> a + ", " + b).orElse("");
      pulses.add(new Pulse(index, count[0], top, roots.get(0).getKey(), cpu / 1000, label.get(), byOwner));
    }
  }

  /**
   * The nearest ancestor with an id of the console's, which says whose a new subtree is ("in #ledger-events"); a
   * skin's own ids (a table's "virtual-flow") are passed over.
   */
  private static String owner(Node n) {
    for (Node p = n.getParent(); p != null; p = p.getParent()) {
      if (p.getId() != null && !p.getId().equals("virtual-flow")) {
        return " in #" + p.getId();
      }
    }
    return "";
  }

  private static String name(Node n) {
    return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId())
        + (n.getStyleClass().isEmpty() ? "" : "." + String.join(".", n.getStyleClass()));
  }

  /** Marks {@code root}'s subtree seen and counts it. */
  private int subtree(Node root) {
    int[] n = {0};
    walk(root, x -> {
      seen.add(x);
      n[0]++;
      return true;
    });
    return n[0];
  }

  /** Walks the tree under {@code root}; {@code into} says whether to go below a node. */
  private static void walk(Node root, java.util.function.Predicate<Node> into) {
    ArrayDeque<Node> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Node n = todo.removeFirst();
      if (into.test(n) && n instanceof Parent p) {
        todo.addAll(p.getChildrenUnmodifiable());
      }
    }
  }

  /** The {@code top} pulses by new nodes, largest first. */
  List<Pulse> largest(int top) {
    List<Pulse> all = new ArrayList<>(pulses);
    all.sort((a, b) -> Integer.compare(b.nodes(), a.nodes()));
    return all.subList(0, Math.min(top, all.size()));
  }
}
