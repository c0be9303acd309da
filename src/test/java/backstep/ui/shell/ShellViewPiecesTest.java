package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ui.fx.Later;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's pages join its window after the first one a piece a pulse: a page, then each of its {@link Later}
 * parts on a pulse of its own (a page with charts and SQL panes in one pulse took several frames), the page on
 * screen first; a page counts as attached (its remembered layout restored, the tests' lookups let through) only
 * once it is whole.
 */
@ExtendWith(ApplicationExtension.class)
class ShellViewPiecesTest {
  private final Map<Node, Long> joined = new HashMap<>(); // node → the pulse it joined the scene in
  private final List<Node> whole = new ArrayList<>();
  private VBox run;
  private VBox ledger;
  private Label chart;
  private Label sql;
  private Label entries;
  private ShellView shell;
  private long pulse;
  private AnimationTimer counter;

  @Start
  void start(Stage stage) { // nodes are made once the toolkit runs
    run = page("run");
    ledger = page("ledger");
    chart = new Label("chart");
    sql = new Label("sql");
    entries = new Label("entries");
    StackPane right = new StackPane();
    run.getChildren().add(right);
    Later.add(right, chart);
    Later.add(run, sql);
    Later.add((StackPane) ledger.getChildren().get(0), entries);
    shell = new ShellView(new Label("top"), new Label("library"), new Label("targets"), page("playbook"), run,
        ledger, new Label("status"));
    for (Node n : List.of(run, ledger, chart, sql, entries)) {
      n.sceneProperty().addListener((o, a, b) -> joined.putIfAbsent(n, pulse));
    }
    counter = new AnimationTimer() {
      @Override
      public void handle(long now) {
        pulse++;
      }
    };
    counter.start();
    stage.setScene(new Scene(shell, 800, 600));
    stage.show();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(counter::stop).get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachPieceJoinsOnAPulseOfItsOwnAndAPageIsAttachedWhenWhole() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> shell.attachRest(page -> {
      assertTrue(!Later.waiting(page), "a page is reported only once its parts are in");
      whole.add(page);
    })).get(10, TimeUnit.SECONDS);
    shell.attached().get(30, TimeUnit.SECONDS);

    WaitForAsyncUtils.waitForFxEvents();
    for (Node n : List.of(run, ledger, chart, sql, entries)) {
      assertNotNull(n.getScene(), n + " is in the window");
    }
    // the run page, its parts in the order they were added (outer panes first), then the ledger page and its part
    List<Long> order = List.of(joined.get(run), joined.get(sql), joined.get(chart), joined.get(ledger),
        joined.get(entries));
    for (int i = 1; i < order.size(); i++) {
      assertTrue(order.get(i) > order.get(i - 1), "one piece a pulse, in order: " + order);
    }
    assertEquals(List.of("playbook", "run", "ledger"), whole.stream().map(Node::getId).toList());
    assertEquals(List.of(sql), run.getChildren().subList(3, 4), "a part goes after what its pane already holds");
  }

  @Test
  void thePageOnScreenIsAssembledFirst() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      shell.show(ShellView.Page.LEDGER); // the page joins at once, its part on a later pulse
      shell.attachRest(whole::add);
    }).get(10, TimeUnit.SECONDS);
    shell.attached().get(30, TimeUnit.SECONDS);

    assertTrue(joined.get(entries) < joined.get(run), "the ledger's part before the run page: " + joined);
    assertEquals(List.of("playbook", "ledger", "run"), whole.stream().map(Node::getId).toList());
  }

  private static VBox page(String id) {
    VBox page = new VBox(new StackPane(), new Label(id));
    page.setId(id);
    return page;
  }
}
