package backstep.ui.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.drill.Drill;
import backstep.drill.DrillLoader;
import backstep.drill.DrillResult;
import backstep.drill.DrillScore;
import backstep.ui.fx.NodesSeen;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression: the scoreboard was built again for each drill picked and each score (56 new nodes, in the frame the
 * drill's score came; docs/performance.md, "The console's FX thread", session 15). Its rows are now filled in place,
 * and show the same texts as before.
 */
@ExtendWith(ApplicationExtension.class)
class ScoreboardViewTest {
  private final DrillModel model = new DrillModel();
  private ScoreboardView board;

  @Start
  void start(Stage stage) {
    board = new ScoreboardView(model, () -> { });
    stage.setScene(new Scene(new StackPane(board), 700, 500));
    stage.show();
  }

  @Test
  void aScoreAndAnotherDrillFillTheRowsInPlace() throws Exception {
    Drill drill = new DrillLoader().load(Path.of("drills", "failed-backfill.yaml"));
    NodesSeen seen = new NodesSeen();
    fx(() -> seen.fresh(board));
    int picked = fx(() -> {
      model.setEntry(new DrillEntry(Path.of("drills", "failed-backfill.yaml"), drill, null, null));
      return seen.fresh(board);
    });
    assertEquals("○", text("#score-detect", 2));
    assertEquals("–", text("#score-detect", 0));

    int scored = fx(() -> {
      model.setResult(result(true));
      return seen.fresh(board);
    });
    assertEquals("12.0 s", text("#score-detect", 0));
    assertEquals("✔", text("#score-detect", 2));
    assertEquals("✔ PASSED", text("#score-verdict", 0));
    int again = fx(() -> {
      model.setResult(result(false));
      model.setResult(null); // the next attempt: the targets again
      return seen.fresh(board);
    });
    assertEquals("–", text("#score-detect", 0), "the targets again for the next attempt");
    assertEquals("○", text("#score-detect", 2));
    assertEquals(List.of(0, 0), List.of(scored, again), "nodes new to the scoreboard at a score and at the next"
        + " attempt (the first drill's rows: " + picked + ")");
  }

  /** The text of the label with {@code id}, or of the label {@code offset} places after it in its grid. */
  private String text(String id, int offset) throws Exception {
    return fx(() -> {
      Label l = (Label) board.lookup(id);
      var cells = l.getParent().getChildrenUnmodifiable();
      return ((Label) cells.get(cells.indexOf(l) + offset)).getText();
    });
  }

  private static DrillResult result(boolean passed) {
    List<DrillScore.Component> parts = List.of(new DrillScore.Component("time to detect", "12.0 s", "≤ 30 s", passed),
        new DrillScore.Component("time to decide", "4.0 s", "≤ 5 s", true),
        new DrillScore.Component("time to restore", "20.0 s", "≤ 60 s", true),
        new DrillScore.Component("committed writes lost", "0", "≤ 0", true),
        new DrillScore.Component("checklist adherence", "100%", "≥ 90%", true),
        new DrillScore.Component("expected response", "rollback after 11 s", "rollback ≤ 30 s", true));
    Instant t = Instant.parse("2026-12-07T10:00:00Z");
    DrillScore score = new DrillScore(t, null, null, null, 0, 1, true, "", parts, passed);
    return new DrillResult("a", "failed-backfill", "t", "b", "sandbox", "p", "c", "r", false, t, t, null, null, 0,
        List.of(), List.of(), null, null, score, List.of(), null);
  }

  private static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
  }
}
