package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.HistoryRehearsal;
import backstep.testing.ScratchDb;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * applies every migration; Roll back history undoes 6, then stops at 5, rolled back with differences. On a staging
 * target, the walk's one confirmation names every migration and stands for all of them.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleHistoryIT {
  private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");

  @TempDir
  static Path home;

  /** A scratch PostgreSQL database posing as the staging target {@code staging-lib} (dropped at the end). */
  static ScratchDb staging;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @BeforeAll
  static void target() throws Exception {
    staging = ConsoleDriver.seededStagingTarget(home, "staging-lib");
  }

  @AfterAll
  static void drop() throws Exception {
    if (staging != null) {
      staging.close();
    }
  }

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
    assertEquals("✖  5: catalogue search — down does not restore: left behind: index books_title_lower_idx",
        ConsoleDriver.fx(() -> ((javafx.scene.control.Label) robot.lookup("#rehearsal-broken").queryAs(
        javafx.scene.layout.VBox.class).getChildren().get(0)).getText()), "the broken down in words, in sight");
    ConsoleDriver.fx(() -> {
      report(robot).scrollTo(4);
      return null;
    });
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

  /** On staging the walk asks its confirmation once, naming every migration; the answer stands for all six runs. */
  @Test
  void onStagingTheWalkIsConfirmedOnce(FxRobot robot) {
    ui.waitForSandbox();
    ConsoleDriver.fx(() -> {
      javafx.scene.control.ListView<backstep.ui.shell.TargetEntry> list = ui.node("#targets");
      list.getSelectionModel().select(list.getItems().stream().filter(t -> t.name().equals("staging-lib"))
          .findFirst().orElseThrow());
      return null;
    });
    ui.waitUntil("staging-lib connected", 60, () -> ui.text("#status-connection").contains("staging-lib · connected"));
    ui.select("#library-histories", "library (Flyway migrations)");
    ui.waitUntil("the history on staging-lib", 20, () -> ui.text("#history-summary")
        .startsWith("On staging-lib: 0 of 6 applied"));
    robot.clickOn("#history-apply");
    ui.waitUntil("the confirmation", 30, () -> robot.lookup("#confirm-ok").tryQuery().isPresent());
    String asked = ui.text("#confirm-summary");
    assertTrue(asked.contains("History library: apply 6 migration(s) (1, 2, 3, 4, 5, 6)"), asked);
    robot.clickOn("#confirm-ok");
    ui.waitUntil("every migration applied on staging-lib", 120, () -> ui.idle()
        && rows(robot).stream().allMatch(r -> r.state() == MigrationState.APPLIED));
    assertFalse(ui.exists("#confirm-ok"), "asked once for the whole walk");
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
