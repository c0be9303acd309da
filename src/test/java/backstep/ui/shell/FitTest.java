package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Text kept whole where a narrow column or a short list cut it: a table's headers at a width where its columns give
 * way ("Opera…" in the ledger at 1280×800), and a short list of tall wrapped rows (the drill's fault timeline showed
 * the first lines of its only fault) — each beside the same control without the fit, which does cut.
 */
@ExtendWith(ApplicationExtension.class)
class FitTest {
  private static final List<String> HEADERS = List.of("Change", "Operator", "Approver", "Started", "Error");
  private static final String FAULT = "fail statement before step 'backfill' · planned · fails the backfill's"
      + " statement with the message loyalty tier trigger rejected the update of a newer customer, as the briefing"
      + " says, until the change is rolled back";

  private TableView<String> fitted;
  private TableView<String> plain;
  private ListView<String> rows;
  private ListView<String> plainRows;

  @Start
  void start(Stage stage) {
    fitted = table();
    Headers.whole(fitted);
    plain = table();
    rows = list();
    CellText.fitRows(rows, 40, 400);
    plainRows = list();
    plainRows.setPrefHeight(40);
    ListView<String> below = new ListView<>(FXCollections.observableArrayList("a", "b", "c"));
    VBox column = new VBox(8, rows, below); // as the drill's column: a list that grows under it, all in a scroll pane
    VBox.setVgrow(below, javafx.scene.layout.Priority.ALWAYS);
    javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(column);
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    scroll.setPrefViewportHeight(120); // shorter than the rows: the column scrolls, the rows stay whole
    VBox lists = new VBox(8, scroll, plainRows);
    lists.setPrefWidth(240);
    stage.setScene(new Scene(new HBox(8, new VBox(8, fitted, plain), lists), 700, 600));
    stage.show();
  }

  private static TableView<String> table() {
    TableView<String> t = new TableView<>(FXCollections.observableArrayList("CHG-20261206-142937-4d8b"));
    t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    for (String h : HEADERS) {
      TableColumn<String, String> c = new TableColumn<>(h);
      c.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue()));
      c.setPrefWidth(44); // narrower than its header, as the ledger's columns gave way at 1280×800
      c.setMinWidth(20);
      t.getColumns().add(c);
    }
    t.setPrefSize(HEADERS.size() * 44 + 4, 120);
    return t;
  }

  private static ListView<String> list() {
    ListView<String> l = new ListView<>(FXCollections.observableArrayList(FAULT, "undo statement · after the"
        + " rollback · planned"));
    l.setCellFactory(v -> new ListCell<>() {
      private final Label text = new Label();

      {
        CellText.wrap(text, this, 24);
      }

      @Override
      protected void updateItem(String s, boolean empty) {
        super.updateItem(s, empty);
        text.setText(s);
        setGraphic(empty ? null : text);
      }
    });
    return l;
  }

  @Test
  void headersAreDrawnWholeWhereTheirColumnsGaveWay() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> elidedHeaders(fitted)).get());
    assertNotEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> elidedHeaders(plain)).get(),
        "without the fit the same table cuts its headers");
  }

  @Test
  void aShortListOfWrappedRowsShowsThemWhole() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(List.of(0, 1), WaitForAsyncUtils.asyncFx(() -> wholeRows(rows)).get(), "both rows whole in sight: "
        + WaitForAsyncUtils.asyncFx(() -> rows.getHeight() + " " + rows.lookupAll(".list-cell").stream()
        .map(n -> ((ListCell<?>) n).getIndex() + "@" + n.localToScene(n.getLayoutBounds())).toList()).get());
    assertTrue(WaitForAsyncUtils.asyncFx(() -> wholeRows(plainRows)).get().size() < 2,
        "without the fit the first row is cut");
  }

  private static List<String> elidedHeaders(TableView<?> t) {
    return t.lookupAll(".column-header").stream().filter(h -> h instanceof TableColumnHeader)
        .map(h -> h.lookup(".label")).filter(l -> l instanceof Label).map(Label.class::cast)
        .filter(l -> l.lookup(".text") instanceof Text x
            && !x.getText().equals(l.getText())).map(Label::getText).toList();
  }

  private static List<Integer> wholeRows(ListView<?> l) {
    Bounds list = l.localToScene(l.getLayoutBounds());
    return l.lookupAll(".list-cell").stream().filter(n -> n instanceof ListCell<?> c && !c.isEmpty()
        && c.isVisible() && c.getParent().isVisible() && inside(n, list))
        .map(n -> ((ListCell<?>) n).getIndex()).distinct().sorted().toList();
  }

  private static boolean inside(Node n, Bounds outer) {
    Bounds b = n.localToScene(n.getLayoutBounds());
    return b.getMinY() >= outer.getMinY() - 0.5 && b.getMaxY() <= outer.getMaxY() + 0.5;
  }
}
