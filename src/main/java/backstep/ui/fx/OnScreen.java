package backstep.ui.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.TableView;

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

  /**
   * A table whose rows are made only while it is shown: its rows' flow skips its layout while the table or an
   * ancestor is hidden, and lays out in the frame the table is shown again. Kept out of its parent's layout alone
   * ({@link #layOutOnlyWhenShown}), a table hidden after it had been shown kept its size and laid its rows out all
   * the same: the hidden Ledger page's runs made their first rows at a run's failure (68 new nodes in one frame,
   * docs/performance.md, "The console's FX thread", session 16). Its items are whole at once (tests and find read
   * them); its rows take their cells a few a pulse, and an empty line's row has none ({@link PacedRows}).
   */
  public static <T> TableView<T> table(ObservableList<T> items) {
    return new PacedTable<>(items, true);
  }

  /** {@link #table(ObservableList)} with a list of its own. */
  public static <T> TableView<T> table() {
    return table(FXCollections.observableArrayList());
  }

  /** Keeps {@code node} out of its parent's layout while it or any ancestor is invisible. */
  public static void layOutOnlyWhenShown(Node node) {
    follow(node, true);
  }

  /**
   * Follows whether {@code node} is shown: out of its parent's layout while not when {@code outOfLayout}; a
   * {@link PacedTable} lays its rows out when shown again.
   */
  static void follow(Node node, boolean outOfLayout) {
    new Follower(node, outOfLayout).follow();
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
    private final boolean outOfLayout;
    private final List<Node> watched = new ArrayList<>();
    private final InvalidationListener changed = o -> follow();
    private boolean wasShown = true;

    Follower(Node node, boolean outOfLayout) {
      this.node = node;
      this.outOfLayout = outOfLayout;
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
      if (outOfLayout && node.isManaged() != shown) {
        node.setManaged(shown);
      }
      if (shown && !wasShown && node instanceof PacedTable<?> t) {
        t.layOutRows(); // what came while it was hidden
      }
      wasShown = shown;
    }
  }
}
