package backstep.ui;

import java.util.concurrent.TimeUnit;
import org.testfx.api.FxRobot;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting for a node on screen: a dialog's button is looked up before its window has laid it out and shown it. */
public final class Shown {
  private Shown() {}

  /** Waits up to 30 s for {@code query} to match a visible node. */
  public static void await(FxRobot robot, String query) throws java.util.concurrent.TimeoutException {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(query).match(NodeQueryUtils.isVisible())
        .tryQuery().isPresent());
  }
}
