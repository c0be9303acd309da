package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A run's long error in the status bar at 1280×800: it was cut at its end ("statement …"), whole only in a
 * tooltip; its end (the error's detail) stays in sight, and a click shows it whole, selectable.
 */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {
  private static final String ERROR = "run CHG-20261206-173929-a091 failed in 0.4 s: step 'unique-name-key': statement"
      + " 1 of 1 (line 64): ERROR: could not create unique index \"customers_name_key_uq\" — Detail: Key (name_key)="
      + "(camille dupont) is duplicated.";

  private final ShellModel shell = new ShellModel("ana");

  @Start
  void start(Stage stage) {
    StatusBar bar = new StatusBar(new TargetsModel(), shell, new SimpleStringProperty("ledger: 1 run · chain intact"
        + " (13 events)"), new SimpleStringProperty("engine: idle"));
    stage.setScene(new Scene(bar, 1280, 40));
    stage.show();
  }

  @Test
  void aLongErrorKeepsItsEndInSightAndShowsWholeOnAClick(FxRobot robot) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> shell.say(ERROR)).get();
    WaitForAsyncUtils.waitForFxEvents();
    Label message = robot.lookup("#status-message").queryAs(Label.class);
    String drawn = WaitForAsyncUtils.asyncFx(() -> ((Text) message.lookup(".text")).getText()).get();
    assertTrue(drawn.contains("...") || drawn.contains("…"), "the sample is longer than the bar: " + drawn);
    assertTrue(drawn.startsWith("run CHG-20261206-173929-a091 failed"), drawn);
    assertTrue(drawn.endsWith("is duplicated."), "the error's end in sight: " + drawn);

    robot.clickOn("#status-message");
    WaitForAsyncUtils.waitForFxEvents();
    TextArea whole = robot.lookup("#status-message-full").queryAs(TextArea.class);
    assertEquals(ERROR, whole.getText());
    assertTrue(!whole.isEditable(), "read-only, selectable");
  }
}
