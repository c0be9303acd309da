package backstep.ui;

import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import org.testfx.util.WaitForAsyncUtils;

/** Context menus in headless tests. */
public final class ContextMenus {
  private ContextMenus() {
  }

  /**
   * What a right-click sends (Monocle's headless glass sends no context-menu event for a right click): a
   * context-menu request picked on {@code n}, fired through the scene as the window would.
   */
  public static void requestOn(Node n) {
    WaitForAsyncUtils.asyncFx(() -> {
      Bounds b = n.localToScene(n.getLayoutBounds());
      Point2D screen = n.localToScreen(b.getWidth() / 2, b.getHeight() / 2);
      Event.fireEvent(n, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, b.getCenterX(), b.getCenterY(),
          screen.getX(), screen.getY(), false, new PickResult(n, b.getCenterX(), b.getCenterY())));
    });
    WaitForAsyncUtils.waitForFxEvents();
  }
}
