package backstep.ui.shell;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.input.KeyCombination;

/**
 * One thing the console can be told to do: the menu it sits in, its label (with its mnemonic after {@code _}), its
 * key (or null), what it does in words, when it is unavailable, and the action. The menu bar, the window's
 * shortcuts and the F1 cheat sheet are all made from one list of these ({@link CommandMenus}, {@link CheatSheet}),
 * so they cannot disagree.
 *
 * @param id the menu item's id is {@code menu-<id>}
 * @param menu the menu's title with its mnemonic ({@code _Run})
 * @param disabled true while the action is unavailable (the action checks again when it runs)
 */
public record Command(String id, String menu, String label, KeyCombination key, String does,
    ObservableBooleanValue disabled, Runnable action) {

  /** The label as shown, without its mnemonic mark. */
  public String words() {
    return label.replace("_", "");
  }

  /** The key as short as a button's key chip shows it ({@code ⇧F8}). */
  public String chipText() {
    return keyText().replace("Shift+", "⇧");
  }

  /** The key as the platform writes it ({@code Ctrl+F}, {@code ⌘F}), or empty. */
  public String keyText() {
    return key == null ? "" : key.getDisplayText();
  }
}
