package backstep.ui;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A window of its own for a fit test (TestFX's primary stage is shared between tests): {@code root} in the console's
 * theme at a size, shown; {@link #close} closes it on the FX thread after the test.
 */
public final class FitWindow {
  private final Stage stage = new Stage();

  /** Call on the FX thread (a TestFX {@code @Start}). */
  public FitWindow(Parent root, double width, double height) {
    stage.setScene(new Scene(root, width, height));
    new backstep.ui.shell.Theme().install(stage.getScene());
    stage.show();
  }

  public Stage stage() {
    return stage;
  }

  /**
   * Resizes the window on the FX thread and waits until it is laid out and drawn at that size, its wrapped cells'
   * heights known (a few pulses).
   */
  public void size(double width, double height) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      stage.setWidth(width);
      stage.setHeight(height);
    }).get();
    for (int i = 0; i < 4; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  public void close() throws Exception {
    WaitForAsyncUtils.asyncFx(stage::close).get();
  }
}
