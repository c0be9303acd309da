package backstep.ui.fx;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * The nodes a view has held, to count the ones a change brings into it for the first time: each such node is styled
 * (its selectors matched) and laid out for the first time in that pulse, which is what the console's long frames
 * after its first window were made of (docs/performance.md, "The console's FX thread"). A count, not a time. FX
 * thread only; the console-wide, pulse-by-pulse counter is {@code backstep.ui.NewNodes}.
 */
public final class NodesSeen {
  private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Lays {@code root} out (CSS, then layout) and counts the nodes under it not seen before. */
  public int fresh(Parent root) {
    root.applyCss();
    root.layout();
    int fresh = 0;
    ArrayDeque<Node> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      Node n = todo.removeFirst();
      if (seen.add(n)) {
        fresh++;
      }
      if (n instanceof Parent p) {
        todo.addAll(p.getChildrenUnmodifiable());
      }
    }
    return fresh;
  }
}
