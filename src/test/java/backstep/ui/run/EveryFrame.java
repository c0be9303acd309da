package backstep.ui.run;

import backstep.ui.shell.Theme;
import javafx.animation.AnimationTimer;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A pulse every frame, as the console's live panels ask for one: what a view adds a pulse later shows up without
 * anything else changing. For the run page's pulse-counting tests, with the themed window they show the view in.
 */
final class EveryFrame extends AnimationTimer {
  @Override
  public void handle(long now) {
    // asks for the next frame
  }

  /** Stops asking, from the test's thread. */
  void stopFromTest() throws Exception {
    WaitForAsyncUtils.asyncFx(this::stop).get();
  }

  /** Shows {@code root} in {@code stage}, {@code width}×{@code height}, in the console's theme. */
  static void show(Stage stage, Parent root, double width, double height) {
    stage.setScene(new Scene(root, width, height));
    new Theme().install(stage.getScene());
    stage.show();
  }
}
