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
