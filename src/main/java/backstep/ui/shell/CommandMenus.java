package backstep.ui.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The menu bar made from the command table: one menu per {@link Command#menu()} in the order they first appear, one
 * item per command with its mnemonic and key (JavaFX installs the keys as the window's accelerators), a separator
 * where a command's id starts with {@code -}. On macOS it is the system menu bar.
 */
public final class CommandMenus {
  private CommandMenus() {}

  public static MenuBar of(List<Command> commands) {
    Map<String, Menu> menus = new LinkedHashMap<>();
    for (Command c : commands) {
      Menu m = menus.computeIfAbsent(c.menu(), t -> {
        Menu menu = new Menu(t);
        menu.setId("menu-" + t.replace("_", "").toLowerCase(java.util.Locale.ROOT));
        return menu;
      });
      if (c.id().startsWith("-")) {
        m.getItems().add(new SeparatorMenuItem());
        continue;
      }
      MenuItem item = new MenuItem(c.label());
      item.setId("menu-" + c.id());
      item.setMnemonicParsing(true);
      if (c.key() != null) {
        item.setAccelerator(c.key());
      }
      if (c.disabled() != null) {
        item.disableProperty().bind(c.disabled());
      }
      item.setOnAction(e -> c.action().run());
      m.getItems().add(item);
    }
    MenuBar bar = new MenuBar(menus.values().toArray(Menu[]::new));
    bar.setId("menu-bar");
    bar.setUseSystemMenuBar(System.getProperty("os.name", "").startsWith("Mac"));
    return bar;
  }
}
