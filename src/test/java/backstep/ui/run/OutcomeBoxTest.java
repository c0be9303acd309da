package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The run's error in its outcome box at the width the run page gets at 1280×800: its first lines drawn whole, none
 * cut through by the box's lower edge (a fixed 48 px showed two and a half lines of a failed step's error).
 */
@ExtendWith(ApplicationExtension.class)
class OutcomeBoxTest {
  private static final String LONG = "✖  run CHG-20261206-173929-a091 failed: step 'unique-name-key': statement 1 of"
      + " 1 (line 64): ERROR: could not create unique index \"customers_name_key_uq\" — Detail: Key (name_key)="
      + "(camille dupont) is duplicated. — Where: parallel worker, and more text so that the error takes five lines";

  private Label error;
  private HBox notice;
  private Label noticeLine;
  private ScrollPane box;

  @Start
  void start(Stage stage) {
    error = new Label(LONG);
    error.setWrapText(true);
    error.setMaxWidth(Double.MAX_VALUE);
    error.setMinHeight(Region.USE_PREF_SIZE);
    error.setStyle("-fx-padding: 10 14 10 14; -fx-font-size: 14px; -fx-font-weight: bold;"); // as .banner
    noticeLine = new Label(LONG);
    noticeLine.setWrapText(true);
    noticeLine.setMinHeight(Region.USE_PREF_SIZE);
    noticeLine.setMaxWidth(Double.MAX_VALUE);
    noticeLine.setStyle("-fx-font-size: 13px; -fx-font-weight: bold;"); // as .notice, smaller than the error's
    HBox.setHgrow(noticeLine, javafx.scene.layout.Priority.ALWAYS);
    notice = new HBox(10, noticeLine, new javafx.scene.control.Button("✕"));
    notice.setStyle("-fx-padding: 6 8 6 14;"); // as .notice: less padding above its text than the error's
    notice.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    notice.setVisible(false);
    notice.managedProperty().bind(notice.visibleProperty());
    Label proof = new Label();
    proof.setVisible(false);
    proof.setManaged(false);
    box = OutcomeBox.of(notice, error, proof);
    VBox page = new VBox(box, new Region());
    stage.setScene(new Scene(page, 560, 400));
    stage.show();
  }

  @Test
  void theErrorsFirstLinesAreWholeAndNoneIsCutThrough() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    assertThreeWholeLines(error, error);
  }

  /**
   * A notification above the error (13 px text, 6 px above it, where the error has 14 px and 10 px) is what the box
   * shows first: the box was measured in the error's lines and showed a sliver of the notification's fourth line at
   * 1280×800.
   */
  @Test
  void aNotificationAboveTheErrorShowsThreeWholeLinesToo() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> notice.setVisible(true)).get();
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitForFxEvents();
    assertThreeWholeLines(noticeLine, notice);
  }

  /** The lines of {@code label} (inside {@code item}, a child of the box's content) whole or cut by its edge. */
  private void assertThreeWholeLines(Label label, javafx.scene.Node item) throws Exception {
    double[] m = WaitForAsyncUtils.asyncFx(() -> {
      Text drawn = (Text) label.lookup(".text");
      Text one = new Text("Xg");
      one.setFont(drawn.getFont());
      Text two = new Text("Xg\nXg");
      two.setFont(drawn.getFont());
      double first = one.getLayoutBounds().getHeight();
      double pitch = two.getLayoutBounds().getHeight() - first;
      double top = item.getLayoutY() + (item == label ? 0 : label.getLayoutY())
          + drawn.getBoundsInParent().getMinY();
      return new double[] {top, first, pitch, drawn.getLayoutBounds().getHeight(), box.getViewportBounds()
          .getHeight()};
    }).get();
    double top = m[0];
    double first = m[1];
    double pitch = m[2];
    int lines = (int) Math.round((m[3] - first) / pitch) + 1;
    double bottom = m[4];
    assertTrue(lines >= 4, "the sample error wraps to more lines than the box shows: " + lines);
    List<Integer> whole = new ArrayList<>();
    List<Integer> cut = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      double from = top + i * pitch;
      double to = from + first;
      if (to <= bottom + 0.5) {
        whole.add(i + 1);
      } else if (from < bottom - 0.5) {
        cut.add(i + 1);
      }
    }
    assertEquals(List.of(), cut, "lines cut through by the box's edge at " + bottom + " px (text from " + top
        + ", line pitch " + pitch + ")");
    assertEquals(List.of(1, 2, 3), whole, "the lines in sight");
  }
}
