package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The F1 cheat sheet at the width its dialog gets (600 px under Xvfb), in the console's style sheet: every key and
 * action drawn whole ("Keyboard shortc…" in bold was cut to the action column's 150 px).
 */
@ExtendWith(ApplicationExtension.class)
class CheatSheetTest {
  private javafx.scene.layout.GridPane grid;

  @Start
  void start(Stage stage) {
    List<Command> commands = List.of(
        command("preflight", "_Run", "_Preflight", new KeyCodeCombination(KeyCode.F7), "check the playbook"),
        command("rehearse", "_Run", "Re_hearse history", null, "prove every down of the history's range on a "
            + "scratch database"),
        command("shortcuts", "_Help", "_Keyboard shortcuts", new KeyCodeCombination(KeyCode.F1), "this list: every "
            + "action, its key and what it does"));
    grid = CheatSheet.grid(commands);
    javafx.scene.control.ScrollPane sp = new javafx.scene.control.ScrollPane(grid);
    sp.setFitToWidth(true);
    Scene scene = new Scene(sp, 600, 300);
    scene.getStylesheets().add(Theme.class.getResource("/backstep/ui/console.css").toExternalForm());
    sp.setStyle("-fx-font-size: 14px;");
    stage.setScene(scene);
    stage.show();
  }

  private static Command command(String id, String menu, String label, KeyCodeCombination key, String does) {
    return new Command(id, menu, label, key, does, new SimpleBooleanProperty(false), () -> { });
  }

  @Test
  void everyKeyAndActionIsDrawnWhole() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> {
      List<String> out = new ArrayList<>();
      for (Node n : grid.getChildrenUnmodifiable()) {
        if (n instanceof Labeled l && !l.isWrapText()) {
          String drawn = l.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(t -> ((Text) t)
              .getText()).findFirst().orElse("");
          if (!drawn.equals(l.getText())) {
            out.add(l.getText() + " drawn as " + drawn);
          }
        }
      }
      return out;
    }).get();
    assertEquals(List.of(), cut);
  }
}
