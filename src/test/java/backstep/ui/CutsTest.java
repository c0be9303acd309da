package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The cut-text check sees a label that runs past the right edge of a pane that clips it, far from the window's
 * edge: a chart's threshold label ran out of its plot area (which clips) and lost its end, and the check, which
 * looked only at the window's right edge, said nothing was cut.
 */
@ExtendWith(ApplicationExtension.class)
class CutsTest {
  private Stage stage;
  private Pane plot;

  @Start
  void start(Stage primary) {
    Label label = new Label("── pause · p95 probe > 250 ms over the last 30 s");
    label.setManaged(false);
    label.relocate(0, 10);
    plot = new Pane(label);
    plot.setClip(new Rectangle(0, 0, 120, 60)); // as a chart's plot area clips what it draws
    plot.relocate(40, 40);
    stage = new Stage();
    stage.setScene(new Scene(new Pane(plot), 600, 200));
    stage.show();
    label.resize(label.prefWidth(-1), label.prefHeight(-1));
  }

  @AfterEach
  void close() throws Exception {
    WaitForAsyncUtils.asyncFx(stage::close).get();
  }

  @Test
  void aLabelPastTheRightEdgeOfAPaneThatClipsItIsCut() throws Exception {
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.pastTheRightEdge(plot)).get();
    assertEquals(1, cut.size(), "cut: " + cut);
    assertTrue(cut.get(0).contains("past the right edge of the pane that clips it at x=160"), cut.get(0));
  }

  /**
   * A row taller than its list's viewport is listed (the integrity table's one row of three lines in a viewport of
   * two and a half, session 18's blocked-run tour); a scrolled list whose rows in sight are cut at its edges, each
   * shorter than the viewport, is not (the sidebar's drills list on the drill page).
   */
  @Test
  void aRowTallerThanItsListsViewIsCutAndAScrolledListIsNot() throws Exception {
    javafx.scene.control.ListView<String> list = WaitForAsyncUtils.asyncFx(() -> {
      javafx.scene.control.ListView<String> l = new javafx.scene.control.ListView<>(
          javafx.collections.FXCollections.observableArrayList("one", "two", "three", "four"));
      l.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
        @Override
        protected void updateItem(String item, boolean empty) {
          super.updateItem(item, empty);
          setText(empty ? null : item);
          setMinHeight(60);
          setPrefHeight(60);
        }
      });
      l.setManaged(false); // its size as set here
      l.resizeRelocate(300, 10, 200, 40);
      ((Pane) stage.getScene().getRoot()).getChildren().add(l);
      return l;
    }).get();
    WaitForAsyncUtils.waitForFxEvents();
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.rowsTallerThanTheirView(list)).get();
    assertTrue(!cut.isEmpty() && cut.get(0).startsWith("row 0 ('one') 60 px tall in a viewport"), "cut: " + cut);
    WaitForAsyncUtils.asyncFx(() -> {
      list.resize(200, 98);
      list.scrollTo(1);
      list.requestLayout();
    }).get();
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow"))
        .scrollPixels(10)).get(); // rows 1 and 2 in sight, each cut: no row whole
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.rowsTallerThanTheirView(list)).get(),
        "rows cut by a scrolled list, each shorter than its view");
  }
}
