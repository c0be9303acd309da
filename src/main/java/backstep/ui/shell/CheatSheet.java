package backstep.ui.shell;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The F1 cheat sheet: every command of the table, menu by menu, with its key and what it does. Made from the same
 * list as the menu bar, so a key added there shows here.
 */
public final class CheatSheet {
  private CheatSheet() {}

  /** The sheet's content: a grid with the menu titles as headings ({@code #cheat-sheet}). */
  public static GridPane grid(List<Command> commands) {
    GridPane g = new GridPane();
    g.setId("cheat-sheet");
    g.getStyleClass().add("cheat-sheet");
    g.setHgap(18);
    g.setVgap(4);
    ColumnConstraints key = new ColumnConstraints();
    key.setMinWidth(110);
    ColumnConstraints action = new ColumnConstraints();
    action.setMinWidth(150);
    ColumnConstraints does = new ColumnConstraints();
    does.setHgrow(Priority.ALWAYS);
    g.getColumnConstraints().addAll(key, action, does);
    String menu = null;
    int row = 0;
    for (Command c : commands) {
      if (c.id().startsWith("-")) {
        continue;
      }
      if (!c.menu().equals(menu)) {
        menu = c.menu();
        Label h = new Label(menu.replace("_", "").toUpperCase(java.util.Locale.ROOT));
        h.getStyleClass().add("section-header");
        GridPane.setMargin(h, new Insets(row == 0 ? 0 : 10, 0, 2, 0));
        g.add(h, 0, row++, 3, 1);
      }
      Label k = new Label(c.keyText().isEmpty() ? "—" : c.keyText());
      k.getStyleClass().add(c.keyText().isEmpty() ? "hint" : "key-chip");
      k.setId("cheat-key-" + c.id());
      Label a = new Label(c.words());
      a.getStyleClass().add("cheat-action");
      // the key and the action are never cut: their columns as wide as their widest (in bold, "Keyboard shortcuts"
      // was drawn "Keyboard shortc…" in the action column's 150 px: CheatSheetTest); what it does wraps
      k.setMinWidth(Label.USE_PREF_SIZE);
      a.setMinWidth(Label.USE_PREF_SIZE);
      Label d = new Label(c.does());
      d.getStyleClass().add("hint");
      d.setWrapText(true);
      d.setMinHeight(Label.USE_PREF_SIZE);
      g.addRow(row++, k, a, d);
    }
    return g;
  }

  /** Shows the sheet over {@code owner}, not modal (it may stay open beside the work). */
  public static Dialog<Void> show(Window owner, List<Command> commands) {
    Dialog<Void> d = new Dialog<>();
    d.initOwner(owner);
    d.initModality(Modality.NONE);
    d.setTitle("Keyboard shortcuts");
    d.setHeaderText("Every action of the menus and the action bars, with its key (F1 shows this again)");
    ScrollPane sp = new ScrollPane(grid(commands));
    sp.setFitToWidth(true);
    sp.setPrefViewportWidth(760);
    sp.setPrefViewportHeight(Math.min(620, owner == null ? 620 : owner.getHeight() - 200));
    d.getDialogPane().setContent(sp);
    d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    d.setResizable(true);
    d.show();
    return d;
  }
}
