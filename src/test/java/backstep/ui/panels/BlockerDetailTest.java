package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.telemetry.Blocker;
import backstep.telemetry.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The blockers panel at the width a live column gets at 1280×800 (about 400 px): the blocker's state, what it
 * waits for and its query were past the table's right edge; they are now said in words under it, whole.
 */
@ExtendWith(ApplicationExtension.class)
class BlockerDetailTest {
  private final BlockersModel model = new BlockersModel();
  private BlockersTable table;
  private BlockerDetail detail;

  @Start
  void start(Stage stage) {
    table = new BlockersTable(model);
    detail = new BlockerDetail(table);
    stage.setScene(new Scene(new VBox(4, table, detail), 400, 320));
    stage.show();
  }

  @Test
  void theBlockersStateWaitAndQueryAreReadableWithoutScrolling() throws Exception {
    Blocker waiter = new Blocker(27054, "postgres", "waiting: active", "ALTER TABLE accounts ADD COLUMN note text",
        2100, List.of(), "backstep", "AccessExclusiveLock on accounts");
    Blocker holder = new Blocker(27070, "postgres", "idle in transaction", "UPDATE accounts SET balance = balance"
        + " - 10 WHERE id = 42", 8200, List.of(27054L), "billing-worker", "");
    WaitForAsyncUtils.asyncFx(() -> model.show(new Reading(Instant.EPOCH, Map.of(), List.of(waiter),
        List.of(holder), null), true, -1)).get();
    WaitForAsyncUtils.waitForFxEvents();
    String[] shown = WaitForAsyncUtils.asyncFx(() -> {
      Text drawn = (Text) detail.lookup(".text");
      Bounds b = detail.localToScene(detail.getLayoutBounds());
      return new String[] {drawn.getText(), String.valueOf(detail.isVisible()), String.valueOf(b.getMaxX())};
    }).get();
    assertEquals("true", shown[1]);
    assertTrue(Double.parseDouble(shown[2]) <= 400.5, "inside the panel: " + shown[2]);
    for (String part : List.of("pid 27070", "idle in transaction", "billing-worker", "8.2 s",
        "UPDATE accounts SET balance = balance - 10 WHERE id = 42")) {
      assertTrue(shown[0].contains(part), part + " drawn in: " + shown[0]);
    }
    assertTrue(!shown[0].contains("..."), "drawn whole: " + shown[0]);

    WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(1)).get();
    WaitForAsyncUtils.waitForFxEvents();
    String waiting = WaitForAsyncUtils.asyncFx(() -> ((Text) detail.lookup(".text")).getText()).get();
    assertTrue(waiting.contains("pid 27054") && waiting.contains("waiting for AccessExclusiveLock on accounts")
        && waiting.contains("ALTER TABLE accounts ADD COLUMN note text"), "the selected session: " + waiting);
  }
}
