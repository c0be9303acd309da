package backstep.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ui.Cuts;
import backstep.ui.FitWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A file with problems on the Playbook tab, as wide as the tab is at 1280×800 and narrower: the file's text list
 * drew each problem on one line under the line it points at ("▲ steps[0].guards.lock_timout: unknown field (allowed:
 * backoff, …"), wider than the list; the list scrolled sideways and the console tour listed every line of it past the
 * window's right edge (24 lines, at each size). Each problem wraps within the list's width, whole.
 */
@ExtendWith(ApplicationExtension.class)
class PlaybookProblemsFitTest {
  @TempDir
  static Path dir;

  private final LibraryModel model = new LibraryModel();
  private FitWindow window;
  private PlaybookView view;

  @Start
  void start(Stage primary) {
    view = new PlaybookView(model, () -> { });
    window = new FitWindow(view, 1016, 640);
  }

  @AfterEach
  void close() throws Exception {
    window.close();
  }

  @Test
  void eachProblemInTheFilesTextWrapsWithinTheList() throws Exception {
    Path bad = dir.resolve("widen-order-total.yaml");
    Files.writeString(bad, backstep.ui.ConsoleScreenshots.BROKEN); // the console tour's file
    PlaybookEntry e = LibraryController.load(bad, null);
    assertTrue(!e.valid() && e.problems().size() >= 2, e.problems().toString());
    WaitForAsyncUtils.asyncFx(() -> model.setSelected(e)).get();
    // the tab at 1280×800, where every line of the file fits; narrower, a long line of the file scrolls sideways
    // (it is code), and the problems still wrap within the list
    for (double width : new double[] {1016, 700}) {
      window.size(width, 640);
      String at = Math.round(width) + " px: ";
      boolean sideways = width < 1016;
      assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> problemsNotWhole(sideways)).get(),
          at + "each problem whole within the file's text list");
      if (!sideways) {
        assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.all(view)).get(), at + "nothing cut");
      }
    }
  }

  /** The list's sideways scroll bar (unless {@code sideways}), and each problem's text past the list's rows. */
  private List<String> problemsNotWhole(boolean sideways) {
    ListView<?> source = (ListView<?>) view.lookup("#playbook-source");
    List<String> out = new ArrayList<>();
    for (Node n : source.lookupAll(".scroll-bar")) {
      if (!sideways && n instanceof ScrollBar s && s.isVisible() && s.getOrientation() == Orientation.HORIZONTAL) {
        out.add("the file's text scrolls sideways (its rows " + Math.round(s.getMax()) + " px past the list)");
      }
    }
    Node rows = source.lookup(".clipped-container");
    double right = rows.localToScene(rows.getLayoutBounds()).getMaxX();
    for (Node n : source.lookupAll(".problem-line")) {
      if (n.isVisible() && n instanceof javafx.scene.control.ListCell<?> c && !c.isEmpty()) {
        for (Node t : c.lookupAll(".text")) {
          double end = t.localToScene(t.getLayoutBounds()).getMaxX();
          if (t instanceof javafx.scene.text.Text x && !x.getText().isBlank() && end > right + 1) {
            out.add("'" + x.getText().strip() + "' ends at x=" + Math.round(end) + ", the list's rows at x="
                + Math.round(right));
          }
        }
      }
    }
    return out;
  }
}
