package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ui.sql.SqlView;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Find (Ctrl+F) goes through the page's read-only SQL, its event list and its table in reading order and selects
 * each match; Esc closes it; a table's right-click menu copies the cell, the row, the PID and the query, and
 * Ctrl+C copies the selected row — on any table, without the table knowing.
 */
@ExtendWith(ApplicationExtension.class)
class FindAndCopyTest {
  /** An event line, as the event log's items are records. */
  record Line(String level, String text) {}

  /** A session, as the blockers table and the ledger's rows are records. */
  record Session(long pid, String user, String query) {}

  private FindBar find;
  private TextArea sql;
  private SqlView stepSql;
  private ListView<Line> events;
  private TableView<Session> table;

  @Start
  void start(Stage stage) {
    sql = new TextArea("ALTER TABLE orders ADD COLUMN status text;\nCREATE INDEX orders_status ON orders (status);");
    sql.setId("forward-sql");
    sql.setEditable(false);
    events = new ListView<>(FXCollections.observableArrayList(new Line("info", "preflight passed"),
        new Line("error", "step 2 failed on ORDERS")));
    events.setId("event-log");
    table = new TableView<>(FXCollections.observableArrayList(new Session(4242, "app", "UPDATE orders SET x = 1"),
        new Session(77, "report", "SELECT 1")));
    table.setId("blockers");
    TableColumn<Session, Long> pid = new TableColumn<>("PID");
    pid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pid()));
    TableColumn<Session, String> user = new TableColumn<>("User");
    user.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().user()));
    TableColumn<Session, String> query = new TableColumn<>("Query");
    query.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().query()));
    query.setPrefWidth(260);
    table.getColumns().addAll(List.of(pid, user, query));
    StringBuilder longSql = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      longSql.append(i == 48 ? "UPDATE customers SET tier = 'gold' WHERE backfill_marker;\n"
          : "SELECT " + i + ";\n");
    }
    stepSql = new SqlView("step-sql"); // the console's RichTextFX pane, three lines high: line 48 is out of sight
    stepSql.setText(longSql.toString());
    stepSql.setPrefRows(3);
    VBox page = new VBox(8, sql, events, table, stepSql);
    find = new FindBar(() -> page);
    stage.setScene(new Scene(new VBox(page, find), 700, 600));
    TableCopy.install(stage.getScene());
    stage.show();
  }

  @Test
  void findGoesThroughTheSqlTheEventsAndTheTableInOrder(FxRobot robot) {
    WaitForAsyncUtils.asyncFx(find::open);
    WaitForAsyncUtils.waitForFxEvents();
    robot.write("orders");
    assertEquals("1 of 5 · in forward-sql", text(robot, "#find-count"));
    assertEquals("orders", fx(sql::getSelectedText));
    robot.type(KeyCode.ENTER).type(KeyCode.ENTER).type(KeyCode.ENTER);
    assertEquals("4 of 5 · in event-log", text(robot, "#find-count"));
    assertEquals(1, events.getSelectionModel().getSelectedIndex(), "the matching event is selected");
    robot.type(KeyCode.ENTER);
    assertEquals("5 of 5 · in blockers", text(robot, "#find-count"));
    assertEquals(0, table.getSelectionModel().getSelectedIndex(), "the matching row is selected");
    robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
    assertEquals("4 of 5 · in event-log", text(robot, "#find-count"));
    robot.eraseText(6).write("no such words");
    assertEquals("no match on this page", text(robot, "#find-count"));
    robot.type(KeyCode.ESCAPE);
    assertFalse(find.isVisible(), "Esc closes the find bar");
  }

  /**
   * Find in a RichTextFX SQL pane (the step's forward and rollback SQL): the match is selected and scrolled into
   * sight, and the find bar names the pane.
   */
  @Test
  void findSelectsAMatchInARichTextSqlPaneAndScrollsItIntoSight(FxRobot robot) throws Exception {
    CodeArea area = robot.lookup("#step-sql .sql-code").query();
    assertTrue(fx(() -> area.lastVisibleParToAllParIndex() < 47), "line 48 starts out of sight");
    WaitForAsyncUtils.asyncFx(find::open);
    WaitForAsyncUtils.waitForFxEvents();
    robot.write("backfill_marker");
    assertEquals("1 of 1 · in step-sql", text(robot, "#find-count"));
    assertEquals("backfill_marker", fx(area::getSelectedText), "the match selected");
    WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> {
      area.layout();
      return area.firstVisibleParToAllParIndex() <= 47 && 47 <= area.lastVisibleParToAllParIndex();
    }));
  }

  @Test
  void everyTableCopiesCellRowPidAndQuery(FxRobot robot) {
    Node queryCell = robot.lookup(".table-cell").match((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c
        && "UPDATE orders SET x = 1".equals(c.getText())).query();
    backstep.ui.ContextMenus.requestOn(queryCell);
    for (String id : List.of("#copy-cell", "#copy-row", "#copy-pid", "#copy-query", "#copy-all")) {
      assertTrue(robot.lookup(id).tryQuery().isPresent(), "menu item " + id);
    }
    robot.clickOn("#copy-pid");
    assertEquals("4242", clipboard());
    backstep.ui.ContextMenus.requestOn(queryCell);
    robot.clickOn("#copy-cell");
    assertEquals("UPDATE orders SET x = 1", clipboard());
    backstep.ui.ContextMenus.requestOn(queryCell);
    robot.clickOn("#copy-all");
    assertEquals("PID\tUser\tQuery\n4242\tapp\tUPDATE orders SET x = 1\n77\treport\tSELECT 1", clipboard());
    robot.clickOn(robot.lookup(".table-cell").match((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c
        && "SELECT 1".equals(c.getText())).<Node>query());
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    assertEquals("77\treport\tSELECT 1", clipboard());
  }

  private static <T> T fx(java.util.concurrent.Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String clipboard() {
    return fx(() -> Clipboard.getSystemClipboard().getString());
  }

  private static String text(FxRobot robot, String id) {
    return fx(() -> robot.lookup(id).queryLabeled().getText());
  }
}
