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
 * tooltip; its end (the error's detail) stays in sight, and a click shows it whole, selectable. Since session 16 it
 * is abridged between its clauses, never cut inside a word by the layout, with a link to the whole message.
 */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {
  private static final String ERROR = "run CHG-20261206-173929-a091 failed in 0.4 s: step 'unique-name-key': statement"
      + " 1 of 1 (line 64): ERROR: could not create unique index \"customers_name_key_uq\" — Detail: Key (name_key)="
      + "(camille dupont) is duplicated.";

  private final ShellModel shell = new ShellModel("ana");
  private StatusBar bar;

  @Start
  void start(Stage stage) {
    bar = new StatusBar(new TargetsModel(), shell, new SimpleStringProperty("ledger: 1 run · chain intact"
        + " (13 events)"), new SimpleStringProperty("engine: idle"));
    stage.setScene(new Scene(bar, 1280, 40));
    stage.show();
  }

  @Test
  void aLongErrorKeepsItsEndInSightAndShowsWholeOnAClick(FxRobot robot) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> shell.say(ERROR)).get();
    WaitForAsyncUtils.waitForFxEvents();
    Label message = robot.lookup("#status-message").queryAs(Label.class);
    String drawn = WaitForAsyncUtils.asyncFx(() -> ((Text) message.getGraphic()).getText()).get();
    assertTrue(drawn.contains("...") || drawn.contains("…"), "the sample is longer than the bar: " + drawn);
    assertTrue(drawn.startsWith("run CHG-20261206-173929-a091 failed"), drawn);
    assertTrue(drawn.endsWith("is duplicated."), "the error's end in sight: " + drawn);

    robot.clickOn("#status-message");
    WaitForAsyncUtils.waitForFxEvents();
    TextArea whole = robot.lookup("#status-message-full").queryAs(TextArea.class);
    assertEquals(ERROR, whole.getText());
    assertTrue(!whole.isEditable(), "read-only, selectable");
  }

  /**
   * The same error: nothing in the bar drawn cut by the layout (the message ended in a middle "…" inside a word,
   * "statement …" or "(camille …", whole only in its tooltip); it is abridged between clauses, what happened and why
   * in sight, and the link beside it shows it whole. A short message is drawn whole, without the link.
   */
  @Test
  void aLongErrorIsAbridgedBetweenClausesWithALinkToTheWhole(FxRobot robot) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> shell.say(ERROR)).get();
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    assertEquals(java.util.List.of(), WaitForAsyncUtils.asyncFx(() -> backstep.ui.Cuts.elided(bar)).get(),
        "the status bar's text drawn as laid out, nothing cut by the layout");
    Label message = robot.lookup("#status-message").queryAs(Label.class);
    String drawn = WaitForAsyncUtils.asyncFx(() -> ((Text) message.getGraphic()).getText()).get();
    assertTrue(drawn.startsWith("run CHG-20261206-173929-a091 failed in 0.4 s") && drawn.contains(" … ")
        && drawn.endsWith("is duplicated."), "abridged between clauses: " + drawn);
    assertEquals(ERROR, WaitForAsyncUtils.asyncFx(message::getText).get(), "the label keeps the whole message");
    assertTrue(WaitForAsyncUtils.asyncFx(() -> robot.lookup("#status-message-more").query().isVisible()).get(),
        "the link to the whole message");
    robot.clickOn("#status-message-more");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(ERROR, robot.lookup("#status-message-full").queryAs(TextArea.class).getText());

    WaitForAsyncUtils.asyncFx(() -> shell.say("run CHG-20261206-173929-a091 applied in 2.0 s")).get();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("run CHG-20261206-173929-a091 applied in 2.0 s", WaitForAsyncUtils.asyncFx(() ->
        ((Text) message.getGraphic()).getText()).get(), "a short message whole");
    assertTrue(!WaitForAsyncUtils.asyncFx(() -> robot.lookup("#status-message-more").query().isVisible()).get(),
        "no link beside a whole message");
  }

  @Test
  void abridgedKeepsWholeClausesAndWords() {
    java.util.function.ToDoubleFunction<String> chars = String::length;
    assertEquals("short", StatusBar.abridged("short", 10, chars));
    assertEquals("a: … c.", StatusBar.abridged("a: bbbbbbbbbb: c.", 8, chars));
    assertEquals("one two …", StatusBar.abridged("one two three four", 10, chars));
    assertEquals("run failed in 2 s: …", StatusBar.abridged("run failed in 2 s: step 'x': ERROR: duplicate key", 22,
        chars), "a whole clause rather than a dangling word");
    assertEquals("run failed: … is duplicated.", StatusBar.abridged("run failed: step 'x': ERROR: key (a)=(b) is"
        + " duplicated.", 29, chars), "what happened and the last words of why");
  }
}
