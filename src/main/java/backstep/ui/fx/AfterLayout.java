package backstep.ui.fx;

import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * A task run once after the next layout pass of a node's window, however often it is asked for before then: what
 * depends on heights known only after layout (a wrapped row's, a list's rows') and would be lost if set inside it.
 * FX thread only.
 */
public final class AfterLayout {
  private final Node node;
  private final Runnable task;
  private boolean pending;

  public AfterLayout(Node node, Runnable task) {
    this.node = node;
    this.task = task;
  }

  /**
   * Runs the task after the next layout pass (asked for with {@code relayout}: the node's layout requested, so that
   * a pass comes); false, doing nothing, if the node is in no window.
   */
  public boolean ask(boolean relayout) {
    Scene scene = node.getScene();
    if (scene == null) {
      return false;
    }
    if (!pending) {
      pending = true;
      scene.addPostLayoutPulseListener(new Runnable() {
        @Override
        public void run() {
          scene.removePostLayoutPulseListener(this);
          pending = false;
          task.run();
        }
      });
      if (relayout && node instanceof javafx.scene.Parent p) {
        p.requestLayout();
      }
    }
    return true;
  }
}
