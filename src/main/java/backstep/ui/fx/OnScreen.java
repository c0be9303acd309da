package backstep.ui.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;

/**
 * Lays a table out only while it is on screen. A table makes its rows in its layout, at its size; one on a hidden
 * tab (a tab pane hides the pages not selected, and lays them out all the same) made its first rows in the frame
 * where its items came — the ledger's steps beside its events (120 of a frame's 302 new nodes), the hidden Ledger
 * page's runs at a run's failure (68) — each row styled and laid out for the first time there (docs/performance.md,
 * "The console's FX thread", session 15). Taken out of its pane's layout while it or an ancestor is hidden, such a
 * table keeps the size it had (none before it was first shown: no rows); its items stay whole, and it makes its rows
 * in the frame it is shown in. FX thread only.
 */
public final class OnScreen {
  private OnScreen() {
  }

  /** Keeps {@code node} out of its parent's layout while it or any ancestor is invisible. */
  public static void layOutOnlyWhenShown(Node node) {
    new Follower(node).follow();
  }

  /** Whether {@code node} and every ancestor are visible. */
  public static boolean shown(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return true;
  }

  /** Watches the visibility and parent of the node and of each ancestor, walked again on a change. */
  private static final class Follower {
    private final Node node;
    private final List<Node> watched = new ArrayList<>();
    private final InvalidationListener changed = o -> follow();

    Follower(Node node) {
      this.node = node;
    }

    void follow() {
      for (Node n : watched) {
        n.visibleProperty().removeListener(changed);
        n.parentProperty().removeListener(changed);
      }
      watched.clear();
      for (Node n = node; n != null; n = n.getParent()) {
        n.visibleProperty().addListener(changed);
        n.parentProperty().addListener(changed);
        watched.add(n);
      }
      boolean shown = shown(node);
      if (node.isManaged() != shown) {
        node.setManaged(shown);
      }
    }
  }
}
