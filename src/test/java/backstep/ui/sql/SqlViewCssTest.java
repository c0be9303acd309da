package backstep.ui.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ui.CssWarnings;
import backstep.ui.shell.Theme;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression (issue 15): a SQL pane in the first tree of a new window (a console page, a test's step detail) made
 * JavaFX say "Could not resolve '-fx-text-background-color' while resolving lookups for '-fx-text-fill' from rule
 * '*.label'" four times when it joined the window empty: RichTextFX styles the empty line's cell, its line number a
 * label, the moment the cell joins the scene, before any of the cell's parents is styled; about forty such warnings
 * in a run of the console's unit tests. A class of its own: JavaFX says a warning once per style of a cell, so a pane
 * shown before this one (SqlViewTest's) would keep it quiet.
 */
@ExtendWith(ApplicationExtension.class)
class SqlViewCssTest {
  private final CssWarnings css = new CssWarnings(); // before the window is styled
  private SqlView view;
  private Stage stage;

  @Start
  void start(Stage primary) {
    view = new SqlView("sql-first"); // empty, as a step detail's panes before a step is picked
    stage = new Stage(); // a window of its own: TestFX's primary stage is shared
    stage.setScene(new Scene(new StackPane(view), 600, 300));
    new Theme().install(stage.getScene());
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    css.close();
    WaitForAsyncUtils.asyncFx(stage::close).get();
  }

  @Test
  void aSqlPaneInANewWindowsFirstTreeIsStyledWithoutACssWarningAndNumbersItsLines() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> view.show("UPDATE customers SET name = trim(name);\nSELECT count(*) FROM "
        + "customers;", List.of(new LineMark(2, "warning", "a full scan")))).get();
    WaitForAsyncUtils.waitForFxEvents();
    List<String> numbers = WaitForAsyncUtils.asyncFx(() -> view.lookupAll(".lineno").stream()
        .map(n -> ((Label) n).getText().strip()).toList()).get();
    assertEquals(List.of(), css.said(), "CSS warnings");
    assertEquals(List.of("1", "2"), numbers, "the lines' numbers");
  }
}
