package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ui.fx.NodesSeen;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A ledger event as a form for people: each field on its own row with its value, the detail unfolded (a list as
 * bullets), the full hash and previous hash, and what the chain check says of this event — verified, where the
 * chain breaks, or not verified because it broke earlier.
 */
@ExtendWith(ApplicationExtension.class)
class EventFormViewTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final EventRecord FIRST = new EventRecord(1, "r", T, "RUN_STARTED", null, "ana",
      "{\"playbook\":\"add-index\"}", "0".repeat(64), "a".repeat(64));
  private static final EventRecord CHECK = new EventRecord(2, "r", T.plusMillis(900), "CHECK", "idx", "check",
      "{\"name\":\"orders keep every row\",\"phase\":\"after_step\",\"value\":\"250\",\"passed\":true,"
      + "\"differences\":[\"none seen\",\"all rows\"]}", "a".repeat(64), "b".repeat(64));
  private static final EventRecord THIRD = new EventRecord(3, "r", T.plusMillis(1500), "RUN_APPLIED", null, "ana",
      null, "b".repeat(64), "c".repeat(64));

  private final ReadOnlyObjectWrapper<Ledger.ChainCheck> chain = new ReadOnlyObjectWrapper<>();
  private EventFormView form;

  @Start
  void start(Stage stage) {
    form = new EventFormView(chain.getReadOnlyProperty(), ZoneOffset.UTC);
    stage.setScene(new Scene(form, 700, 500));
    stage.show();
  }

  @Test
  void fieldsValuesHashesAndTheChainsVerdictOnThisEvent(FxRobot robot) {
    fx(() -> {
      chain.set(new Ledger.ChainCheck(3, true, 0, ""));
      form.show(CHECK);
      return null;
    });
    assertEquals("#2 · CHECK", valueOf(robot, "event"));
    assertEquals("2026-12-06 10:00:00.900 Z", valueOf(robot, "time"));
    assertEquals("idx", valueOf(robot, "step"));
    assertEquals("orders keep every row", valueOf(robot, "name"));
    assertEquals("after_step", valueOf(robot, "phase"));
    assertEquals("true", valueOf(robot, "passed"));
    assertEquals("b".repeat(64), valueOf(robot, "hash"), "the hash in full, not cut");
    assertEquals("a".repeat(64), valueOf(robot, "previous hash"));
    List<String> bullets = fx(() -> robot.lookup(".event-form-value").queryAll().stream()
        .map(n -> ((Label) n).getText()).filter(s -> s.startsWith("•")).toList());
    assertEquals(List.of("•  none seen", "•  all rows"), bullets);
    assertEquals("✔ verified: its hash was recomputed and it links to event #1", verdict(robot));

    // the chain broken at event 2: this event is where it breaks; the one after it was not verified
    fx(() -> {
      chain.set(new Ledger.ChainCheck(3, false, 2, "event 2 was altered (hash mismatch)"));
      return null;
    });
    assertEquals("✖ the chain breaks here: event 2 was altered (hash mismatch)", verdict(robot));
    assertTrue(fx(() -> robot.lookup("#event-chain-verdict").query().getStyleClass().contains("verdict-broken")));
    fx(() -> {
      form.show(THIRD);
      return null;
    });
    assertEquals("◌ not verified: the chain is broken earlier, at event #2", verdict(robot));
    fx(() -> {
      form.show(FIRST);
      return null;
    });
    assertEquals("✔ verified: its hash was recomputed and it links to the chain's start", verdict(robot));
  }

  /**
   * Regression (issue 15, the ledger's long frames): the form threw its rows away and built them again for every
   * event selected, and again at every read of the ledger (the chain check is a new value each time), on the hidden
   * Ledger tab too. Another event, or the same one under a new chain check, sets the rows' texts instead.
   */
  @Test
  void anotherEventOrANewChainCheckReusesTheFormsRows() {
    NodesSeen seen = new NodesSeen();
    int first = fx(() -> {
      chain.set(new Ledger.ChainCheck(3, true, 0, ""));
      form.show(CHECK);
      return seen.fresh(form);
    });
    int later = fx(() -> {
      form.show(THIRD);
      int n = seen.fresh(form);
      form.show(FIRST);
      n += seen.fresh(form);
      form.show(CHECK);
      n += seen.fresh(form);
      chain.set(new Ledger.ChainCheck(3, true, 0, ""));
      return n + seen.fresh(form);
    });
    System.out.println("EventFormViewTest: nodes new to the form: first event " + first + ", then " + later);
    assertTrue(later <= 6, "nodes new to the form for three more events and a chain check: " + later);
    assertEquals("#2 · CHECK", fx(() -> valueOf(new FxRobot(), "event")));
  }

  @Test
  void theEventsTableShowsTheDetailInWordsNotRawJson() {
    assertEquals("name orders keep every row · phase after_step · value 250 · passed true · differences (2)",
        EventForm.summary(CHECK.detail()));
    assertEquals("", EventForm.summary(null));
  }

  @Test
  void theEventsTableShortensAHashLikeGitTheFormShowsItWhole() {
    String sha = "21f702f6f89d904375ec9d7cdf52548ac1293d6836e2ad281c09eb5e0c31327a";
    // a whole SHA-256 in the Detail cell wrapped into six lines at 1280x800 and one event filled the table
    assertEquals("playbook sha256 21f702f6f89d… · version 1",
        EventForm.summary("{\"playbook_sha256\":\"" + sha + "\",\"version\":1}"));
    assertEquals("note not a hash: 21f702f6f89d904375ec9d7cdf52548ac1293d6836e2ad281c09eb5e0c31327a!",
        EventForm.summary("{\"note\":\"not a hash: " + sha + "!\"}"));
  }

  private static String valueOf(FxRobot robot, String field) {
    return fx(() -> {
      Label name = robot.lookup("#event-field-" + field.replace(' ', '-')).queryAs(Label.class);
      javafx.scene.layout.GridPane grid = (javafx.scene.layout.GridPane) name.getParent();
      Integer row = javafx.scene.layout.GridPane.getRowIndex(name);
      return grid.getChildren().stream().filter(n -> row.equals(javafx.scene.layout.GridPane.getRowIndex(n))
          && Integer.valueOf(1).equals(javafx.scene.layout.GridPane.getColumnIndex(n))).map(n -> ((Label) n)
          .getText()).findFirst().orElseThrow();
    });
  }

  private static String verdict(FxRobot robot) {
    return fx(() -> robot.lookup("#event-chain-verdict").queryAs(Label.class).getText());
  }

  private static <T> T fx(Callable<T> c) {
    try {
      WaitForAsyncUtils.waitForFxEvents();
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
