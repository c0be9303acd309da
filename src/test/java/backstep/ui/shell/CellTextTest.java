package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A library row's title longer than its line wraps between a name's parts, never inside one: the sidebar showed
 * "Add customers.email_verifie" over "d (expand/contract)" at 1280×800. The label keeps its whole text, which tests
 * look up and click and a screen reader says.
 */
@ExtendWith(ApplicationExtension.class)
class CellTextTest {
  private static final String TITLE = "Add customers.email_verified (expand/contract)";
  private static final double INSET = 60;

  private static final String PATH = "/tmp/junit-10233439008885549911/debriefs/failed-backfill-d425d0bd/debrief.md";

  private ListView<String> list;
  private Label path;

  @Start
  void start(Stage stage) {
    list = new ListView<>(FXCollections.observableArrayList(TITLE));
    list.setCellFactory(v -> new ListCell<>() {
      private final Label title = new Label();

      {
        CellText.wrap(title, this, INSET);
        setPrefWidth(0);
      }

      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        title.setText(empty ? null : item);
        setGraphic(empty ? null : title);
      }
    });
    // narrower than "customers.email_verified" alone: a line must break inside that name
    Text word = new Text("customers.email_verified");
    list.setPrefWidth(INSET + word.getLayoutBounds().getWidth() * 0.8);
    list.setMaxWidth(list.getPrefWidth());
    path = new Label(PATH); // as the drill scoreboard's debrief path, beside its button
    CellText.wrapInWidth(path);
    path.setMaxWidth(Double.MAX_VALUE);
    javafx.scene.layout.HBox.setHgrow(path, javafx.scene.layout.Priority.ALWAYS);
    javafx.scene.layout.HBox bottom = new javafx.scene.layout.HBox(10, new javafx.scene.control.Button("Export"),
        path);
    bottom.setMaxWidth(300);
    stage.setScene(new Scene(new javafx.scene.layout.VBox(list, bottom), 400, 300));
    stage.show();
  }

  @Test
  void aLongTitleWrapsBetweenTheNamesPartsNeverInsideOne(FxRobot robot) throws Exception {
    List<String> inside = breaks(robot, TITLE);
    assertTrue(Integer.parseInt(inside.get(0).substring(6)) >= 3, "the title wraps to three lines or more: " + inside);
    assertEquals(List.of(), inside.subList(1, inside.size()), "lines broken inside a word");
  }

  @Test
  void aLongPathBesideAButtonWrapsAfterItsSlashesAndDashes(FxRobot robot) throws Exception {
    List<String> inside = breaks(robot, PATH);
    assertTrue(Integer.parseInt(inside.get(0).substring(6)) >= 2, "the path wraps: " + inside);
    assertEquals(List.of(), inside.subList(1, inside.size()), "lines broken inside a word");
    double[] widths = WaitForAsyncUtils.asyncFx(() -> new double[] {drawnText(path).getLayoutBounds().getWidth(),
        path.getWidth()}).get();
    assertTrue(widths[0] <= widths[1] + 0.5, "the lines fit the label's width: " + widths[0] + " in " + widths[1]);
  }

  /** The lines {@code text}'s label draws (its count first), then every place a line breaks inside a word. */
  private static List<String> breaks(FxRobot robot, String text) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    return WaitForAsyncUtils.asyncFx(() -> {
      Label title = robot.lookup(text).queryAs(Label.class); // looked up by its whole text, as ConsoleDriver does
      Text drawn = drawnText(title);
      String t = drawn.getText();
      List<String> broken = new ArrayList<>();
      double lastY = Double.NaN;
      int lines = 1;
      for (int i = 0; i + 1 < t.length(); i++) {
        double y = top(drawn, i);
        double next = top(drawn, i + 1);
        if (Character.isLetterOrDigit(t.charAt(i)) && Character.isLetterOrDigit(t.charAt(i + 1)) && next > y + 1) {
          broken.add(t.substring(Math.max(0, i - 6), i + 1) + "|" + t.substring(i + 1, Math.min(t.length(), i + 4)));
        }
        if (!Double.isNaN(lastY) && y > lastY + 1) {
          lines++;
        }
        lastY = Double.isNaN(y) ? lastY : y;
      }
      broken.add(0, "lines " + lines);
      return broken;
    }).get();
  }

  @Test
  void linesBreakAfterSpacesAndJoiningMarksAndDropTheSpaces() {
    assertEquals("Add\ncustomers.\nemail_\nverified\n(expand/\ncontract)",
        CellText.lines(TITLE, 10, s -> s.length()));
    assertEquals("Add customers.\nemail_verified\n(expand/contract)", CellText.lines(TITLE, 17, s -> s.length()));
    assertEquals(TITLE, CellText.lines(TITLE, 100, s -> s.length()));
    assertEquals(TITLE, CellText.lines(TITLE, 0, s -> s.length()), "not laid out yet: one line");
    assertEquals("abcd\nefgh\nij", CellText.lines("abcdefghij", 4, s -> s.length()), "a part longer than a line");
  }

  /** The text the label draws: its graphic when it draws its text as one, else its own text node. */
  private static Text drawnText(Label l) {
    if (l.getGraphic() instanceof Text t) {
      return t;
    }
    for (Node k : l.getChildrenUnmodifiable()) {
      if (k instanceof Text t) {
        return t;
      }
    }
    throw new AssertionError("no text drawn by " + l);
  }

  private static double top(Text t, int i) {
    javafx.scene.shape.Path p = new javafx.scene.shape.Path(t.rangeShape(i, i + 1));
    Bounds b = p.getBoundsInLocal();
    return b.isEmpty() ? Double.NaN : b.getMinY();
  }
}
