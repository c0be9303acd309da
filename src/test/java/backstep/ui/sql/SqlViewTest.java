package backstep.ui.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression: the step detail shows its step's SQL again whenever the selection, the dialect or the lint findings
 * change, and the SQL pane replaced its text each time, even the same text: it re-highlighted it on the FX thread and
 * took away what the reader had selected to copy.
 */
@ExtendWith(ApplicationExtension.class)
class SqlViewTest {
  private static final String SQL = "UPDATE customers SET name = trim(name);\nSELECT count(*) FROM customers;";

  private SqlView view;

  @Start
  void start(Stage stage) {
    view = new SqlView("sql-test");
    stage.setScene(new Scene(view, 600, 300));
    stage.show();
  }

  private CodeArea area() {
    return (CodeArea) view.lookup(".sql-code");
  }

  private String selectedAfterShowingAgain(List<LineMark> again) throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> {
      view.show(SQL, List.of());
      area().selectRange(7, 16);
      view.show(SQL, again);
      return area().getSelectedText();
    }).get();
  }

  @Test
  void showingTheSameSqlAgainKeepsTheSelection() throws Exception {
    assertEquals("customers", selectedAfterShowingAgain(List.of()));
  }

  @Test
  void aNewMarkOnTheSameSqlIsShown() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> view.show(SQL, List.of())).get();
    LineMark mark = new LineMark(2, "warning", "a full scan");
    WaitForAsyncUtils.asyncFx(() -> view.show(SQL, List.of(mark))).get();
    assertEquals(List.of(mark), WaitForAsyncUtils.asyncFx(view::marks).get());
    assertEquals(List.of("sql-mark-warning"), List.copyOf(WaitForAsyncUtils.asyncFx(() -> view.lineStyles(2)).get()));
  }

  /**
   * Regression (issue 15, the console's frames at a run's failure): every line a pane draws is a new RichTextFX cell,
   * made, styled and laid out in one pulse, and the failed step's line made 18 nodes: a text node for each keyword
   * and for each space between them, and a line number of four (RichTextFX's own number carries a second label, for
   * folding). Now a run of one style is one text, a space going with the run before it, and the number one label.
   */
  @Test
  void aLineIsDrawnWithATextARunOfOneStyleAndOneLabelForItsNumber() throws Exception {
    String sql = "CREATE UNIQUE INDEX CONCURRENTLY customers_name_key_uq ON customers (name_key);";
    List<Object> drawn = WaitForAsyncUtils.asyncFx(() -> {
      view.show(sql, List.of());
      view.applyCss();
      view.layout();
      javafx.scene.Parent line = (javafx.scene.Parent) view.lookup(".paragraph-box");
      List<String> runs = line.lookupAll(".paragraph-text > .text").stream().map(n -> ((Text) n).getText()).toList();
      int nodes = line.lookupAll("*").size();
      return List.<Object>of(runs, nodes, view.stylesAt(sql.indexOf("UNIQUE")), view.stylesAt(sql.indexOf(" ON")),
          view.stylesAt(sql.indexOf("customers (")), ((Label) line.lookup(".lineno")).getText().strip());
    }).get();
    assertEquals(List.of("CREATE UNIQUE INDEX CONCURRENTLY", " customers_name_key_uq ", "ON",
        " customers (name_key);"), drawn.get(0));
    assertEquals(10, drawn.get(1), "the box, its text flow, 4 texts, selection and caret, the number");
    assertEquals(List.of("sql-keyword"), List.copyOf((java.util.Collection<?>) drawn.get(2)));
    assertEquals(List.of(), List.copyOf((java.util.Collection<?>) drawn.get(3)), "the space before ON is plain");
    assertEquals(List.of(), List.copyOf((java.util.Collection<?>) drawn.get(4)));
    assertEquals("1", drawn.get(5));
  }

  /**
   * The first problem under the SQL is shown whole, wrapped to the pane's width: it ended in "…" at 1280×800
   * ("▲ line 1 · BS011 guards.lock_timeo…" in the blocked-run tour), while the SQL above it can scroll.
   */
  @Test
  void aLongProblemWrapsUnderTheSqlInsteadOfEndingInAnEllipsis() throws Exception {
    LineMark mark = new LineMark(1, "warning", "BS011 guards.lock_timeout is 30000 ms on a production target: a blocked"
        + " ALTER TABLE queues every query of the table behind it for that long");
    String[] shown = WaitForAsyncUtils.asyncFx(() -> {
      // a window of its own: TestFX's stage is shared by the classes that run after this one
      SqlView narrow = new SqlView("sql-narrow");
      Stage own = new Stage();
      own.setScene(new Scene(narrow, 280, 160));
      own.show();
      try {
        narrow.show(SQL, List.of(mark));
        narrow.applyCss();
        narrow.layout();
        Label problems = (Label) narrow.lookup(".sql-problems");
        return new String[] {problems.getText(), ((Text) problems.lookup(".text")).getText()};
      } finally {
        own.close();
      }
    }).get();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(shown[0].replaceAll("\\s+", " "), shown[1].replaceAll("\\s+", " "), "drawn whole, not elided");
  }
}
