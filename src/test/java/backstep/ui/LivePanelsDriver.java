package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ScratchDb;
import backstep.ui.panels.BlockerRow;
import backstep.ui.panels.IntegrityRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;

/** Reads the live panels (charts, integrity and blockers tables) on the FX thread; ends a blocker from its row. */
final class LivePanelsDriver {
  private final FxRobot robot;
  private final ConsoleDriver ui;

  LivePanelsDriver(FxRobot robot, ConsoleDriver ui) {
    this.robot = robot;
    this.ui = ui;
  }

  /** Points of one series of a chart. */
  int points(String chart, int series) {
    return ConsoleDriver.fx(() -> {
      LineChart<?, ?> c = ui.node(chart);
      return c.getData().get(series).getData().size();
    });
  }

  /**
   * The rules of the threshold labels drawn on a chart: each label's tooltip, where the rule is whole (a short plot
   * draws a shorter form of it, "> 3", ThresholdChart).
   */
  List<String> thresholds(String chart) {
    return ConsoleDriver.fx(() -> ((Node) ui.node(chart)).lookupAll(".threshold-label").stream()
        .filter(Node::isVisible).map(n -> ((Label) n).getTooltip().getText()).toList());
  }

  int lines(String chart) {
    return ConsoleDriver.fx(() -> (int) ((Node) ui.node(chart)).lookupAll(".threshold-line").stream()
        .filter(Node::isVisible).count());
  }

  @SuppressWarnings("unchecked")
  List<IntegrityRow> integrity() {
    return ConsoleDriver.fx(() -> List.copyOf(((TableView<IntegrityRow>) robot.lookup("#integrity-table").query())
        .getItems()));
  }

  IntegrityRow row(String check) {
    return integrity().stream().filter(r -> r.check().equals(check)).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  List<BlockerRow> blockers() {
    return ConsoleDriver.fx(() -> List.copyOf(((TableView<BlockerRow>) robot.lookup("#blockers-table").query())
        .getItems()));
  }

  /**
   * Opens the blocker row's own menu where it is (Monocle's robot does not raise context-menu events), picks
   * {@code item} and checks that the confirmation names the session ({@code header}); the caller confirms.
   */
  void askToEnd(long pid, String item, String header) {
    Node row = ConsoleDriver.fx(() -> robot.lookup("#blockers-table").query().lookupAll(".table-row-cell").stream()
        .filter(n -> n instanceof TableRow<?> r && r.getItem() instanceof BlockerRow b && b.pid() == pid)
        .findFirst().orElseThrow());
    ConsoleDriver.fx(() -> {
      ((TableRow<?>) row).getContextMenu().show(row, Side.BOTTOM, 0, 0);
      return null;
    });
    ui.waitUntil("the row's menu", 10, () -> robot.lookup(item).tryQuery().isPresent());
    robot.clickOn(item);
    ui.waitUntil("the confirmation naming the session", 20, () -> robot.lookup("#blocker-confirm").tryQuery()
        .isPresent());
    String asked = ConsoleDriver.fx(() -> robot.lookup(".dialog-pane").queryAs(DialogPane.class).getHeaderText());
    assertTrue(asked.contains(header), asked);
  }

  /** The details of the SESSION_ENDED events in a MariaDB target's ledger. */
  static List<String> sessionsEnded(ScratchDb db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT detail FROM backstep_event WHERE event_type = 'SESSION_ENDED' ORDER BY seq")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
