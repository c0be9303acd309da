package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.testing.Await;
import backstep.ui.Cuts;
import backstep.ui.fx.UiThread;
import backstep.ui.shell.ShellView;
import backstep.ui.sql.SqlView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression (issue 15, nothing cut at 1280×800): with a lint finding under the forward SQL, the finding took the
 * pane's height and the SQL kept one and a half lines (docs/screenshots/sql-panes-dark-1280x800.png). The run page
 * in a 1280×800 window with the console's bars as tall as they are (menu and top bar 98 px, status bar 26 px), the
 * 1-step playbook of the comforts tour: the forward SQL keeps room for six lines, the finding is read whole or
 * behind its "more".
 */
@ExtendWith(ApplicationExtension.class)
class SqlPaneFitTest {
  /** The lines of SQL the forward pane keeps room for. */
  private static final int LINES = 6;

  private RunController controller;
  private ShellView shell;
  private Stage stage;

  @Start
  void start(Stage primary) {
    stage = primary;
    controller = new RunController(new RunModel(), null, new UiThread(), Runnable::run, Clock.systemUTC(),
        () -> "ana", () -> primary, Set::of);
    RunView run = new RunView(controller, new Region()); // with a right column, as the console's live panels
    Label top = new Label("menu and top bar");
    top.setMinHeight(98);
    Label status = new Label("status");
    status.setMinHeight(26);
    shell = new ShellView(top, new Label("library"), new Label("targets"), new Label("playbook"), run,
        new Label("ledger"), status);
    EveryFrame.show(stage, shell, 1280, 800);
  }

  @Test
  void theForwardSqlKeepsSixLinesUnderAFindingAt1280x800() throws Exception {
    Path file = Path.of("src/test/resources/backstep/ui/lint-marks.yaml"); // the comforts tour's
    Playbook pb = new PlaybookLoader(null).load(file);
    fx(() -> {
      controller.showPlaybook(file, pb, 0);
      return null;
    });
    RunPagePulsesTest.wholeOnTheRunPage(shell);
    Await.until("the finding under the SQL, drawn", Duration.ofSeconds(30), () -> fx(() -> {
      SqlView forward = (SqlView) stage.getScene().lookup("#forward-sql");
      return forward != null && !forward.marks().isEmpty() && forward.drawn()
          && stage.getScene().lookup("#forward-sql .sql-problems").isVisible();
    }));
    WaitForAsyncUtils.waitForFxEvents(5);
    double[] room = fx(() -> {
      Node area = stage.getScene().lookup("#forward-sql .sql-code");
      javafx.scene.text.Text line = new javafx.scene.text.Text("SELECT");
      line.setFont(((javafx.scene.text.Text) area.lookup(".paragraph-text .text")).getFont());
      Node viewport = stage.getScene().lookup(".detail-scroll .viewport");
      Bounds a = area.localToScene(area.getLayoutBounds());
      Bounds v = viewport.localToScene(viewport.getLayoutBounds());
      double seen = Math.min(a.getMaxY(), v.getMaxY()) - Math.max(a.getMinY(), v.getMinY());
      return new double[] {seen, line.getLayoutBounds().getHeight()};
    });
    String what = "the forward SQL's area in sight " + Math.round(room[0]) + " px, a line " + Math.round(room[1])
        + " px";
    System.out.println("SqlPaneFitTest " + what);
    assertTrue(room[0] >= LINES * room[1] - 1, "room for " + LINES + " lines: " + what);
    assertEquals(List.of(), fx(() -> Cuts.elided(stage.getScene().lookup("#forward-sql")).stream()
        .filter(c -> !c.contains("whole in its tooltip")).toList()), "the finding whole, or whole behind its more");
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
