package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The menu bar, the keys and the F1 cheat sheet come from one table: every button of the run view's action bar has
 * a menu item of the same id with a key, shows that key, and has a line with that key in the cheat sheet; every menu
 * and item has a mnemonic; the View menu's keys switch tabs; every control that shows only a glyph has an
 * accessible text. (The sandbox may still be starting: nothing here needs it.)
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleCommandsIT {
  @TempDir
  static Path home;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());
  private Stage stage;

  @Start
  void start(Stage s) {
    stage = s;
    ui.open(s, home, Path.of("playbooks"));
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  @Test
  void everyActionHasAMenuItemAKeyAndALineInTheCheatSheet(FxRobot robot) {
    ui.ready(); // the action bar's page joins the window in the pulses after the first (a lookup sees only the window)
    Map<String, MenuItem> items = ConsoleDriver.fx(() -> {
      Map<String, MenuItem> m = new TreeMap<>();
      for (Menu menu : ((MenuBar) robot.lookup("#menu-bar").query()).getMenus()) {
        assertTrue(menu.getText().startsWith("_") && menu.isMnemonicParsing(), "mnemonic of " + menu.getText());
        for (MenuItem i : menu.getItems()) {
          if (!(i instanceof SeparatorMenuItem)) {
            assertTrue(i.getText().contains("_"), "mnemonic of " + i.getText());
            m.put(i.getId().substring("menu-".length()), i);
          }
        }
      }
      return m;
    });
    List<String> menus = ConsoleDriver.fx(() -> ((MenuBar) robot.lookup("#menu-bar").query()).getMenus().stream()
        .map(Menu::getText).toList());
    assertEquals(List.of("_File", "_Run", "_View", "_Drill", "_Help"), menus);

    List<String> buttons = ConsoleDriver.fx(() -> robot.lookup("#action-bar").query().lookupAll(".button").stream()
        .map(Node::getId).toList());
    assertEquals(List.of("preflight", "step-forward", "run-to-end", "pause", "resume", "rollback"), buttons);
    for (String id : buttons) {
      MenuItem item = items.get(id);
      assertNotNull(item, "a menu item for the action bar's " + id);
      assertNotNull(item.getAccelerator(), "a key for " + id);
      String shown = ConsoleDriver.fx(() -> ((Label) ((Button) robot.lookup("#" + id).query()).getGraphic())
          .getText());
      assertEquals(item.getAccelerator().getDisplayText().replace("Shift+", "⇧"), shown, "the key chip on " + id);
    }
    assertEquals("F8", items.get("step-forward").getAccelerator().getDisplayText());
    assertEquals("F12", items.get("rollback").getAccelerator().getDisplayText());

    robot.press(KeyCode.F1).release(KeyCode.F1);
    ui.waitUntil("the cheat sheet", 10, () -> robot.lookup("#cheat-sheet").tryQuery().isPresent());
    for (Map.Entry<String, MenuItem> e : items.entrySet()) {
      String key = e.getValue().getAccelerator() == null ? "—" : e.getValue().getAccelerator().getDisplayText();
      assertEquals(key, ui.text("#cheat-key-" + e.getKey()), "the cheat sheet's key for " + e.getKey());
    }
    ConsoleDriver.fx(() -> {
      robot.lookup("#cheat-sheet").query().getScene().getWindow().hide();
      return null;
    });

    robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
    ui.waitUntil("Ctrl+3 shows the ledger", 10, () -> shown(robot.lookup("#ledger-view").query()));
    robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
    ui.waitUntil("Ctrl+2 shows the run view", 10, () -> shown(robot.lookup("#run-view").query()));
    robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
    ui.waitUntil("Ctrl+F opens the find bar with the cursor in it", 10, () -> robot.lookup("#find-bar").query()
        .isVisible() && stage.getScene().getFocusOwner() == robot.lookup("#find-field").query());
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    ui.waitUntil("Esc closes it", 10, () -> !robot.lookup("#find-bar").query().isVisible());
  }

  @Test
  void everyControlShowingOnlyAGlyphHasAnAccessibleText(FxRobot robot) {
    ui.ready(); // every page in the window, so every control is looked at
    List<String> missing = ConsoleDriver.fx(() -> {
      List<String> out = new ArrayList<>();
      for (Window w : Window.getWindows()) {
        if (w.getScene() != null) {
          walk(w.getScene().getRoot(), out);
        }
      }
      return out;
    });
    assertEquals(List.of(), missing, "controls without words and without an accessible text");
    assertFalse(ConsoleDriver.fx(() -> stage.getScene().getRoot().lookupAll(".button").isEmpty()));
  }

  private static void walk(Node n, List<String> out) {
    if (n instanceof ButtonBase b && !(b.getText() != null && b.getText().chars().anyMatch(Character::isLetter))
        && (b.getAccessibleText() == null || b.getAccessibleText().isBlank())) {
      out.add((b.getId() == null ? b.getClass().getSimpleName() : "#" + b.getId()) + " '" + b.getText() + "'");
    }
    if (n instanceof javafx.scene.control.Slider s && (s.getAccessibleText() == null || s.getAccessibleText()
        .isBlank())) {
      out.add("slider #" + s.getId());
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        walk(c, out);
      }
    }
  }

  /** On screen: it and every parent visible (a hidden tab's content is not). */
  private static boolean shown(Node n) {
    for (Node x = n; x != null; x = x.getParent()) {
      if (!x.isVisible()) {
        return false;
      }
    }
    return n.getScene() != null;
  }
}
