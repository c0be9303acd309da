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
  private ScrollPane box;

  @Start
  void start(Stage stage) {
    error = new Label(LONG);
    error.setWrapText(true);
    error.setMaxWidth(Double.MAX_VALUE);
    error.setMinHeight(Region.USE_PREF_SIZE);
    error.setStyle("-fx-padding: 10 14 10 14; -fx-font-size: 14px; -fx-font-weight: bold;"); // as .banner
    HBox notice = new HBox();
    notice.setVisible(false);
    notice.setManaged(false);
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
    double[] m = WaitForAsyncUtils.asyncFx(() -> {
      Text drawn = (Text) error.lookup(".text");
      Text one = new Text("Xg");
      one.setFont(drawn.getFont());
      Text two = new Text("Xg\nXg");
      two.setFont(drawn.getFont());
      double first = one.getLayoutBounds().getHeight();
      double pitch = two.getLayoutBounds().getHeight() - first;
      double top = error.getLayoutY() + drawn.getBoundsInParent().getMinY();
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
