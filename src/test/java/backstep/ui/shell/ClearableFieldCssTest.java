package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ui.CssWarnings;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.textfield.TextFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * ControlsFX's clearable filter fields (the library's and the ledger's) styled by the console's theme, light and
 * dark, focused, typed in and cleared: no CSS warning. ControlsFX's own sheet for them derives Modena's colours
 * (-fx-text-inner-color, -fx-control-inner-background), which AtlantaFX does not define; console.css sets the same
 * properties in AtlantaFX's names. A guard: it passes on main too. The two warnings left in the unit lane came from
 * a ledger page shown without the console's sheets after another test had set AtlantaFX ({@code LedgerRowsTest}; the
 * same field in such a scene says seven), not from the console.
 */
@ExtendWith(ApplicationExtension.class)
class ClearableFieldCssTest {
  private final CssWarnings css = new CssWarnings(); // before the window is styled
  private final Theme theme = new Theme();
  private Stage stage;
  private TextField field;

  @Start
  void start(Stage primary) {
    field = TextFields.createClearableTextField();
    field.setId("clearable");
    field.setPromptText("Filter playbooks…");
    stage = new Stage();
    stage.setScene(new Scene(new VBox(8, new TextField(), field), 400, 120));
    theme.install(stage.getScene());
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    css.close();
    WaitForAsyncUtils.asyncFx(stage::close).get();
  }

  @Test
  void aClearableFieldIsStyledWithoutACssWarning(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#clearable").write("add");
    WaitForAsyncUtils.waitForFxEvents();
    for (int i = 0; i < 2; i++) {
      WaitForAsyncUtils.asyncFx(theme::toggle).get();
      WaitForAsyncUtils.waitForFxEvents();
    }
    WaitForAsyncUtils.asyncFx(() -> field.setText("")).get();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(List.of(), css.said(), "CSS warnings");
  }
}
