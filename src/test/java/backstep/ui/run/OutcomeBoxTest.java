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
  /** What the run page leaves the box: none here, but for the test that gives it room. */
  private final javafx.beans.property.DoubleProperty room = new javafx.beans.property.SimpleDoubleProperty(0);

  @Start
  void start(Stage stage) {
    error = new Label(LONG);
    error.setWrapText(true);
    error.setMaxWidth(Double.MAX_VALUE);
    error.setMinHeight(Region.USE_PREF_SIZE);
    error.getStyleClass().addAll("banner", "banner-danger"); // as the run view's, in its style sheet
    noticeLine = new Label(LONG);
    noticeLine.setWrapText(true);
    noticeLine.setMinHeight(Region.USE_PREF_SIZE);
    noticeLine.setMaxWidth(Double.MAX_VALUE);
    noticeLine.getStyleClass().add("notice-line"); // 13 px, smaller than the error's 14
    HBox.setHgrow(noticeLine, javafx.scene.layout.Priority.ALWAYS);
    javafx.scene.control.Button dismiss = new javafx.scene.control.Button("✕");
    dismiss.getStyleClass().add("notice-dismiss");
    notice = new HBox(10, noticeLine, dismiss);
    notice.getStyleClass().addAll("notice", "notice-error"); // less padding above its text than the error's
    notice.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    notice.setVisible(false);
    notice.managedProperty().bind(notice.visibleProperty());
    Label proof = new Label();
    proof.setVisible(false);
    proof.setManaged(false);
    box = OutcomeBox.of(notice, error, proof, room);
    VBox page = new VBox(box, new Region());
    Scene scene = new Scene(page, 560, 400);
    scene.getStylesheets().add(OutcomeBox.class.getResource("/backstep/ui/console.css").toExternalForm());
    javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
        .getUserAgentStylesheet());
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void theErrorsFirstLinesAreWholeAndNoneIsCutThrough() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    assertWholeLines(error, error, 3);
  }

  /** With room on the page (the run page at 1280×800 has 200 px over the checklist), the whole error, wrapped. */
  @Test
  void withRoomTheWholeErrorIsInSight() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> room.set(400)).get();
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitForFxEvents();
    assertWholeLines(error, error, 0);
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
    assertWholeLines(noticeLine, notice, 3);
  }

  /**
   * The lines of {@code label} (inside {@code item}, a child of the box's content) whole or cut by its edge, each
   * line where the label draws it (a line with a "✖" from a fallback font is taller than one of letters): the
   * first {@code count} whole and no more, or (0) every line whole.
   */
  private void assertWholeLines(Label label, javafx.scene.Node item, int count) throws Exception {
    List<double[]> lines = new ArrayList<>();
    double bottom = WaitForAsyncUtils.asyncFx(() -> {
      Text drawn = (Text) label.lookup(".text");
      double dy = item.getLayoutY() + (item == label ? 0 : label.getLayoutY());
      for (javafx.scene.shape.PathElement e : drawn.rangeShape(0, drawn.getText().length())) {
        if (e instanceof javafx.scene.shape.MoveTo m) {
          lines.add(new double[] {drawn.localToParent(0, m.getY()).getY() + dy, Double.NaN});
        } else if (e instanceof javafx.scene.shape.LineTo l) {
          double[] line = lines.get(lines.size() - 1);
          double y = drawn.localToParent(0, l.getY()).getY() + dy;
          line[0] = Math.min(line[0], y);
          line[1] = Double.isNaN(line[1]) ? y : Math.max(line[1], y);
        }
      }
      return box.getViewportBounds().getHeight();
    }).get();
    assertTrue(lines.size() >= 4, "the sample error wraps to more lines than the box shows: " + lines.size());
    List<Integer> whole = new ArrayList<>();
    List<Integer> cut = new ArrayList<>();
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      double from = lines.get(i)[0];
      double to = lines.get(i)[1];
      at.append(String.format(java.util.Locale.ROOT, " %.1f-%.1f", from, to));
      if (to <= bottom + 0.5) {
        whole.add(i + 1);
      } else if (from < bottom - 0.5) {
        cut.add(i + 1);
      }
    }
    assertEquals(List.of(), cut, "lines cut through by the box's edge at " + bottom + " px (lines at" + at + ")");
    int n = count == 0 ? lines.size() : count;
    assertEquals(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList(), whole, "the lines in sight (at" + at
        + ")");
  }
}
