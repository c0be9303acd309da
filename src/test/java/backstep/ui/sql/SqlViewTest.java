package backstep.ui.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.Scene;
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
}
