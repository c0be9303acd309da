package backstep.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.HistoryRehearsal;
import backstep.engine.TargetStatus;
import backstep.history.History;
import backstep.state.RunState;
import backstep.ui.CssWarnings;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import backstep.ui.library.HistoryEntry;
import backstep.ui.shell.Theme;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The history page at the smallest size a DBA uses (1280×800, the sidebar taken off): the migrations table keeps
 * rows one or two lines tall (never padded out), the broken down is said in words above the report, and the report
 * draws it red with what it left behind under it.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryViewTest {
  private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");

  private HistoryController controller;
  private final CssWarnings css = new CssWarnings(); // before the page is styled

  @Start
  void start(Stage stage) {
    controller = new HistoryController(new HistoryModel(), null, new UiThread(), Runnable::run, Clock.systemUTC(),
        () -> "ana", () -> stage, Set::of);
    HistoryView view = new HistoryView(controller);
    Later.attachAll(view); // the console attaches its parts a pulse each (ShellView)
    stage.setScene(new Scene(view, 1000, 660)); // what the page gets of 1280×800
    // the console's sheets with the theme that names their colours: without it, 63 warnings "Could not resolve
    // '-color-fg-muted'" (and casts of unresolved colours) in the test's log
    new Theme().install(stage.getScene());
    stage.show();
  }

  @AfterEach
  void closeWarnings() {
    css.close();
  }

  private void showSample() {
    WaitForAsyncUtils.asyncFx(() -> sample(controller, true));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /**
   * The sample library shown: six migrations (four applied) and, unless {@code rehearse} is false, a rehearsal whose
   * fifth down left an index behind. FX thread.
   */
  static void sample(HistoryController controller, boolean rehearse) {
    History h = HistoryPolicyTest.library();
    controller.show(new HistoryEntry(h.file(), h, List.of()));
    List<MigrationRow> rows = new ArrayList<>();
    for (int i = 0; i < h.migrations().size(); i++) {
      var p = h.migrations().get(i);
      rows.add(MigrationRow.of(i, p, i < 4 ? new TargetStatus.PlaybookState(p.id(), 1, "CHG-20261206-0" + i,
          "run-" + i, RunState.APPLIED, false, "ana", Instant.EPOCH, Instant.EPOCH, List.of(), "applied") : null,
          true));
    }
    controller.model().mutableRows().setAll(rows);
    if (rehearse) {
      rehearsed(controller);
    }
  }

  /** The sample library's rehearsal: the fifth down left an index behind. FX thread. */
  static void rehearsed(HistoryController controller) {
    History h = HistoryPolicyTest.library();
    List<HistoryRehearsal.Item> items = new ArrayList<>();
    for (int i = 0; i < h.migrations().size(); i++) {
      var p = h.migrations().get(i);
      boolean five = i == 4;
      items.add(new HistoryRehearsal.Item(i, History.name(p), p.id(), p.origin().file(), five
          ? HistoryRehearsal.Verdict.DOWN_DIFFERS : HistoryRehearsal.Verdict.PROVEN, five ? "1 difference(s) "
          + "from before the up, which added index books_author_idx; added index books_title_lower_idx"
          : "up added table t" + i + "; down restored it exactly; up again equal", five
          ? List.of("left behind: index books_title_lower_idx") : List.of(), Duration.ofMillis(400)));
    }
    controller.model().setReport(new HistoryRehearsal.Report("library", 6, "sandbox (PostgreSQL 15.19)",
        "bs_history_0123456789", false, items, 1, null, Duration.ofSeconds(9)));
  }

  @Test
  void rowsStayCompactAndTheBrokenDownIsRed(FxRobot robot) throws Exception {
    showSample();
    List<Double> heights = cells(robot, "#history-migrations", ".table-row-cell", true).stream()
        .map(n -> n.getLayoutBounds().getHeight()).toList();
    assertTrue(!heights.isEmpty() && heights.stream().allMatch(h -> h < 80), "row heights " + heights);
    assertEquals("On the target: 4 of 6 applied  ·  2 not applied  ·  every migration has a down",
        HistoryWords.summary(controller.model().rows(), "the target"));
    List<String> broken = WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.layout.VBox) robot.lookup("#rehearsal-broken")
        .query()).getChildren().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList()).get();
    assertEquals(List.of("✖  5: catalogue search — down does not restore: left behind: index books_title_lower_idx"),
        broken, "the broken down in words above the table");
    WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.TreeTableView<?>) robot.lookup("#rehearsal-report")
        .query()).scrollTo(4)).get();
    WaitForAsyncUtils.waitForFxEvents();
    List<String> red = cells(robot, "#rehearsal-report", ".tree-table-row-cell", false).stream()
        .filter(n -> n.getPseudoClassStates().contains(BROKEN))
        .map(n -> ((RehearsalLine) ((IndexedCell<?>) n).getItem()).difference()).toList();
    assertEquals(2, red.size(), "migration 5 and its difference: " + red);
    assertTrue(red.contains("left behind: index books_title_lower_idx"), red::toString);
  }

  /** Every colour and value of the page's sheets resolves: nothing said by JavaFX's CSS while it is styled. */
  @Test
  void thePagesStylesAllResolve() {
    showSample();
    WaitForAsyncUtils.waitForFxEvents();
    css.close();
    assertEquals(List.of(), css.said(), "CSS warnings");
  }

  /**
   * After a walk that failed (its message two lines) and a rehearsal (its summary and the broken down above the
   * report), at 1280×800: four or more migrations in sight, whole, inside the window. The split got what the head
   * left and the migrations table showed one row (history-rollback-1280x800.png of session 13).
   */
  @Test
  void severalMigrationsAreInSightAfterAFailedWalkAndARehearsal(FxRobot robot) throws Exception {
    showSample();
    WaitForAsyncUtils.asyncFx(() -> controller.model().say(HistoryModel.Tone.ERROR, "History library on sandbox: "
        + "FAILED — 1 migration(s) rolled back, rollback WITH DIFFERENCES. Stopped: migration 5 rolled back WITH "
        + "DIFFERENCES: index books_title_lower_idx: unexpected")).get();
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitForFxEvents();
    double bottom = robot.lookup("#history-view").query().getScene().getHeight();
    List<Node> rows = cells(robot, "#history-migrations", ".table-row-cell", true).stream().filter(n ->
        n.localToScene(n.getLayoutBounds()).getMaxY() <= bottom + 1).toList();
    assertTrue(rows.size() >= 4, "migrations in sight: " + rows.size());
    List<Node> report = cells(robot, "#rehearsal-report", ".tree-table-row-cell", true);
    assertTrue(report.size() >= 2, "the report's lines whole in its table: " + report.size());
  }

  /** The rows of {@code table} with an item; {@code inSight}: only those wholly inside the table's bounds. */
  private static List<Node> cells(FxRobot robot, String table, String rows, boolean inSight) {
    try {
      return WaitForAsyncUtils.asyncFx(() -> {
        Node t = robot.lookup(table).query();
        javafx.geometry.Bounds in = t.localToScene(t.getLayoutBounds());
        return t.lookupAll(rows).stream().filter(n -> n instanceof IndexedCell<?> c && !c.isEmpty()
            && c.getItem() != null && c.isVisible()).filter(n -> {
              javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
              return !inSight || b.getMinY() >= in.getMinY() && b.getMaxY() <= in.getMaxY() + 1;
            }).toList();
      }).get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
