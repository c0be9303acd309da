package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.HistoryRehearsal;
import backstep.ui.history.MigrationRow;
import backstep.ui.history.MigrationState;
import backstep.ui.history.RehearsalLine;
import java.nio.file.Path;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The sample history (playbooks/histories/library: six Flyway migrations, U5 leaves an index behind) through the
 * window, on the sandbox: the library lists it as a history of its own; its page shows the migrations in order,
 * not applied; Rehearse history marks exactly migration 5 broken, in red, with what it left behind; Apply history
 * applies every migration; Roll back history undoes 6, then stops at 5, rolled back with differences.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleHistoryIT {
  private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");

  @TempDir
  static Path home;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @Start
  void start(Stage stage) {
    ui.open(stage, home, Path.of("playbooks"));
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  @Test
  void rehearsesAppliesAndRollsBackTheSampleHistory(FxRobot robot) {
    ui.waitForSandbox();
    ui.select("#library-histories", "library (Flyway migrations)");
    ui.waitUntil("the history page with every migration's state on the sandbox", 20,
        () -> ui.text("#history-title").equals("library (Flyway migrations)") && rows(robot).size() == 6
            && rows(robot).stream().allMatch(r -> r.state() == MigrationState.NOT_APPLIED));
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), rows(robot).stream().map(MigrationRow::name).toList());
    assertEquals("V5__catalogue_search.sql", rows(robot).get(4).originFile());
    assertTrue(rows(robot).stream().allMatch(MigrationRow::hasDown));
    assertTrue(ui.enabled("#history-apply") && ui.enabled("#history-rehearse"));
    assertFalse(ui.enabled("#history-rollback"), "nothing is applied yet");

    // rehearse: exactly the planted migration is broken, drawn red, its difference listed under it
    robot.clickOn("#history-rehearse");
    ui.waitUntil("the rehearsal report", 120, () -> ui.idle() && report(robot).getRoot().getChildren().size() == 6);
    List<HistoryRehearsal.Item> items = ConsoleDriver.fx(() -> report(robot).getRoot().getChildren().stream()
        .map(t -> t.getValue().item()).toList());
    assertEquals(List.of("5"), items.stream().filter(i -> !i.passed()).map(HistoryRehearsal.Item::migration)
        .toList(), () -> String.valueOf(items));
    HistoryRehearsal.Item five = items.get(4);
    assertEquals(HistoryRehearsal.Verdict.DOWN_DIFFERS, five.verdict());
    assertEquals(List.of("left behind: index books_title_lower_idx"), five.differences());
    ui.waitUntil("migration 5 drawn red, and only it", 10, () -> redRows(robot).equals(List.of("5")));
    assertTrue(ui.text("#rehearsal-summary").startsWith("✖ FAILED — 1 of 6"), ui.text("#rehearsal-summary"));
    assertTrue(rows(robot).stream().allMatch(r -> r.state() == MigrationState.NOT_APPLIED),
        "a rehearsal runs on a scratch database: the sandbox is not changed");

    // apply: one run per migration, every one applied
    robot.clickOn("#history-apply");
    ui.waitUntil("every migration applied", 120, () -> ui.idle()
        && rows(robot).stream().allMatch(r -> r.state() == MigrationState.APPLIED));
    assertTrue(ui.text("#history-message").contains("APPLIED — 6 migration(s) applied"), ui.text("#history-message"));
    ui.waitUntil("the summary from the refreshed ledger", 20, () -> ui.text("#history-summary")
        .startsWith("On sandbox: 6 of 6 applied"));
    assertFalse(ui.enabled("#history-apply"), "every migration is applied");

    // roll back: 6 is undone, 5 leaves its index behind, so the walk stops there
    robot.clickOn("#history-rollback");
    ui.waitUntil("the rollback to stop at 5", 120, () -> ui.idle()
        && rows(robot).get(5).state() == MigrationState.ROLLED_BACK
        && rows(robot).get(4).state() == MigrationState.ROLLED_BACK_DIFFERENT);
    assertTrue(rows(robot).subList(0, 4).stream().allMatch(r -> r.state() == MigrationState.APPLIED));
    assertTrue(ui.text("#history-message").contains("FAILED") && ui.text("#history-message")
        .contains("books_title_lower_idx"), ui.text("#history-message"));
  }

  @SuppressWarnings("unchecked")
  private static List<MigrationRow> rows(FxRobot robot) {
    return ConsoleDriver.fx(() -> List.copyOf(((TableView<MigrationRow>) robot.lookup("#history-migrations")
        .query()).getItems()));
  }

  @SuppressWarnings("unchecked")
  private static TreeTableView<RehearsalLine> report(FxRobot robot) {
    return (TreeTableView<RehearsalLine>) robot.lookup("#rehearsal-report").query();
  }

  /** The migrations whose rows are drawn broken (a difference's row under a migration counts as that migration). */
  private static List<String> redRows(FxRobot robot) {
    return ConsoleDriver.fx(() -> robot.lookup("#rehearsal-report").query().lookupAll(".tree-table-row-cell")
        .stream().filter(n -> n instanceof TreeTableRow<?> r && !r.isEmpty() && r.getItem() != null)
        .filter(n -> n.getPseudoClassStates().contains(BROKEN))
        .map(n -> ((RehearsalLine) ((TreeTableRow<?>) n).getItem()).item().migration()).distinct().toList());
  }
}
