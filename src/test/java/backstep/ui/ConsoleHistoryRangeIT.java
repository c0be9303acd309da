package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.HistoryRehearsal;
import backstep.ui.history.MigrationRow;
import backstep.ui.history.MigrationState;
import backstep.ui.history.RehearsalLine;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
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
 * A part of a history through the window, chosen as the CLI's options choose it, on the sandbox with the sample
 * history (six Flyway migrations, U5 leaves an index behind): <em>Up to</em> 3 applies 1–3 only ({@code apply
 * --to 3}); <em>Roll back to</em> 1 undoes 3 and 2 and keeps 1 ({@code rollback --to 1}); <em>From</em> 4 <em>Up
 * to</em> 5 rehearses 4 and 5 with 1–3 applied as set-up and 6 not run ({@code rehearse --from 4 --to 5}).
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleHistoryRangeIT {
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
  void appliesRollsBackAndRehearsesTheChosenRange(FxRobot robot) {
    ui.waitForSandbox();
    ui.select("#library-histories", "library (Flyway migrations)");
    ui.waitUntil("the six migrations, none applied", 20, () -> rows(robot).size() == 6
        && rows(robot).stream().allMatch(r -> r.state() == MigrationState.NOT_APPLIED));
    assertTrue(ui.text("#history-hint").startsWith("Apply all 6 migrations on sandbox"), ui.text("#history-hint"));

    // Up to 3: apply --to 3
    pick(robot, "#history-to", "3 · ");
    ui.waitUntil("the hint saying up to 3", 10, () -> ui.text("#history-hint")
        .startsWith("Apply 3 migrations up to 3 on sandbox"));
    robot.clickOn("#history-apply");
    ui.waitUntil("1 to 3 applied", 120, () -> ui.idle() && states(robot).equals(List.of(MigrationState.APPLIED,
        MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.NOT_APPLIED, MigrationState.NOT_APPLIED,
        MigrationState.NOT_APPLIED)));
    assertTrue(ui.text("#history-message").contains("APPLIED — 3 migration(s) applied"), ui.text("#history-message"));

    // Roll back to 1: rollback --to 1 undoes 3, then 2, and keeps 1
    pick(robot, "#history-back-to", "1 · ");
    ui.waitUntil("the roll back button saying what it keeps", 10, () -> why(robot, "#history-rollback-wrapper")
        .startsWith("Roll back the 2 migrations in effect after 1 on sandbox (1 and before stay applied)"));
    robot.clickOn("#history-rollback");
    ui.waitUntil("2 and 3 rolled back, 1 kept", 120, () -> ui.idle() && states(robot).equals(List.of(
        MigrationState.APPLIED, MigrationState.ROLLED_BACK, MigrationState.ROLLED_BACK, MigrationState.NOT_APPLIED,
        MigrationState.NOT_APPLIED, MigrationState.NOT_APPLIED)));

    // From 4, Up to 5: rehearse --from 4 --to 5 on a scratch database
    pick(robot, "#history-from", "4 · ");
    pick(robot, "#history-to", "5 · ");
    assertTrue(why(robot, "#history-rehearse-wrapper").startsWith("Prove the downs of 4 to 5 (the 3 migrations "
        + "before it applied as set-up)"), why(robot, "#history-rehearse-wrapper"));
    robot.clickOn("#history-rehearse");
    ui.waitUntil("the rehearsal report", 120, () -> ui.idle() && report(robot).getRoot() != null
        && report(robot).getRoot().getChildren().size() == 6);
    List<HistoryRehearsal.Verdict> verdicts = ConsoleDriver.fx(() -> report(robot).getRoot().getChildren().stream()
        .map(t -> t.getValue().item().verdict()).toList());
    assertEquals(List.of(HistoryRehearsal.Verdict.SETUP, HistoryRehearsal.Verdict.SETUP,
        HistoryRehearsal.Verdict.SETUP, HistoryRehearsal.Verdict.PROVEN, HistoryRehearsal.Verdict.DOWN_DIFFERS,
        HistoryRehearsal.Verdict.NOT_RUN), verdicts);
    assertEquals(MigrationState.ROLLED_BACK, states(robot).get(1), "a rehearsal does not change the sandbox");
  }

  /** Opens the combo box {@code id} and clicks the migration whose text starts with {@code start}. */
  private void pick(FxRobot robot, String id, String start) {
    robot.clickOn(id);
    ui.waitUntil("the list of " + id, 10, () -> robot.lookup(".list-cell").match(startsWith(start))
        .tryQuery().isPresent());
    robot.clickOn(robot.lookup(".list-cell").match((Node n) -> n instanceof ListCell<?> c && c.getText() != null
        && c.getText().startsWith(start) && c.getScene() != robot.lookup(id).query().getScene())
        .<Node>query());
    ui.waitUntil(id + " set", 10, () -> ((javafx.scene.control.ComboBox<?>) robot.lookup(id).query())
        .getButtonCell().getText().startsWith(start));
  }

  private java.util.function.Predicate<Node> startsWith(String start) {
    return n -> n instanceof ListCell<?> c && c.getText() != null && c.getText().startsWith(start);
  }

  private static String why(FxRobot robot, String wrapper) {
    return ConsoleDriver.fx(() -> ((javafx.scene.control.Tooltip) robot.lookup(wrapper).query().getProperties()
        .get("javafx.scene.control.Tooltip")).getText());
  }

  private static List<MigrationState> states(FxRobot robot) {
    return rows(robot).stream().map(MigrationRow::state).toList();
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
}
