package backstep.ui;

import backstep.ui.history.HistoryAction;
import backstep.ui.history.HistoryController;
import backstep.ui.library.LibraryController;
import backstep.ui.run.Action;
import backstep.ui.run.RunController;
import backstep.ui.shell.CheatSheet;
import backstep.ui.shell.Command;
import backstep.ui.shell.FindBar;
import backstep.ui.shell.ShellView;
import backstep.ui.shell.Theme;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The console's command table: every action of the menus and the action bars, with its menu, mnemonic, key and
 * words. The menu bar ({@code CommandMenus}), the window's shortcuts (the menu items' accelerators) and the F1
 * cheat sheet are made from it. Actions of a view's own buttons fire those buttons, so a key does exactly what
 * the click does (a drill's Acknowledge is timed by its handler either way).
 */
final class ConsoleCommands {
  private static final KeyCombination.Modifier CTRL = KeyCombination.SHORTCUT_DOWN;
  private static final KeyCombination.Modifier SHIFT = KeyCombination.SHIFT_DOWN;

  private ConsoleCommands() {}

  /** The views and controllers the commands act on. */
  record Parts(Stage stage, ShellView frame, Node library, Node targets, Node drill, RunController run,
      HistoryController history, LibraryController libraryController, Theme theme, FindBar find) {}

  static List<Command> of(Parts p) {
    List<Command> c = new ArrayList<>();
    file(c, p);
    run(c, p);
    view(c, p);
    drill(c, p);
    List<List<Command>> all = new ArrayList<>(1);
    c.add(new Command("shortcuts", "_Help", "_Keyboard shortcuts", key(KeyCode.F1), "this list: every action, its "
        + "key and what it does", null, () -> CheatSheet.show(p.stage(), all.get(0))));
    all.add(List.copyOf(c));
    return all.get(0);
  }

  private static void file(List<Command> c, Parts p) {
    c.add(button("open-folder", "_File", "_Open folder…", key(KeyCode.O, CTRL), "choose another folder of "
        + "playbooks", p.library(), "#open-folder"));
    c.add(new Command("open-history", "_File", "Open _history…", key(KeyCode.O, CTRL, SHIFT), "open a history.yaml "
        + "from anywhere; pick From / Up to / Roll back to on the History tab (as --from / --to)", null, () -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Open a history (history.yaml)");
          chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("history.yaml", "history.yaml",
              "*.yaml", "*.yml"));
          File f = chooser.showOpenDialog(p.stage());
          if (f != null) {
            p.libraryController().openHistory(f.toPath());
          }
        }));
    c.add(button("add-target", "_File", "_Add target…", null, "add a target to the targets file (never with a "
        + "password)", p.targets(), "#target-add"));
    c.add(separator("_File"));
    c.add(new Command("quit", "_File", "_Quit", key(KeyCode.Q, CTRL), "close the console (asks first while a run "
        + "is in progress)", null, () -> {
          WindowEvent close = new WindowEvent(p.stage(), WindowEvent.WINDOW_CLOSE_REQUEST);
          if (p.stage().getOnCloseRequest() != null) {
            p.stage().getOnCloseRequest().handle(close);
          }
          if (!close.isConsumed()) {
            p.stage().close();
          }
        }));
  }

  private static void run(List<Command> c, Parts p) {
    RunController r = p.run();
    c.add(run("preflight", "_Preflight", key(KeyCode.F7), "check the playbook, the target and the run lock; "
        + "print the plan", r, Action.PREFLIGHT, r::preflight));
    c.add(run("step-forward", "_Step forward", key(KeyCode.F8), "apply the next step and stop", r,
        Action.STEP_FORWARD, r::stepForward));
    c.add(run("run-to-end", "Run to _end", key(KeyCode.F8, SHIFT), "apply every remaining step (gates still ask)",
        r, Action.RUN_TO_END, r::runToEnd));
    c.add(run("pause", "P_ause", key(KeyCode.F9), "stop after the step in progress", r, Action.PAUSE, r::pause));
    c.add(run("resume", "_Resume", key(KeyCode.F9, SHIFT), "continue a half-applied run to the end", r,
        Action.RESUME, r::resume));
    c.add(run("rollback", "Roll _back", key(KeyCode.F12), "undo every applied step, newest first", r,
        Action.ROLLBACK, r::rollback));
    c.add(separator("_Run"));
    HistoryController h = p.history();
    c.add(history("history-rehearse", "Re_hearse history", "prove every down of the history's range on a scratch "
        + "database", h, HistoryAction.REHEARSE, h::rehearse));
    c.add(history("history-apply", "Apply histor_y", "apply the history up to Up to, one run per migration", h,
        HistoryAction.APPLY, h::apply));
    c.add(history("history-rollback", "Roll bac_k history", "undo the history's migrations after Roll back to, "
        + "newest first", h, HistoryAction.ROLLBACK, h::rollback));
  }

  private static void view(List<Command> c, Parts p) {
    String[][] pages = {{"PLAYBOOK", "_Playbook"}, {"RUN", "_Run"}, {"LEDGER", "_Ledger"}, {"HISTORY", "_History"},
        {"DRILL", "_Drill"}, {"TRAINER", "_Trainer"}};
    KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
        KeyCode.DIGIT6};
    for (int i = 0; i < pages.length; i++) {
      ShellView.Page page = ShellView.Page.valueOf(pages[i][0]);
      c.add(new Command("page-" + pages[i][0].toLowerCase(java.util.Locale.ROOT), "_View", pages[i][1],
          key(digits[i], CTRL), "show the " + pages[i][1].replace("_", "") + " tab", null,
          () -> p.frame().show(page)));
    }
    c.add(separator("_View"));
    c.add(new Command("find", "_View", "_Find…", key(KeyCode.F, CTRL), "find in this tab: the step's SQL, the "
        + "events, the ledger's tables (Enter: next, Shift+Enter: previous, Esc: close)", null, p.find()::open));
    c.add(new Command("find-next", "_View", "Find _next", key(KeyCode.F3), "the next match", null,
        p.find()::next));
    c.add(new Command("find-previous", "_View", "Find pre_vious", key(KeyCode.F3, SHIFT), "the previous match",
        null, p.find()::previous));
    c.add(separator("_View"));
    c.add(new Command("theme", "_View", "Dar_k / light theme", key(KeyCode.D, CTRL, SHIFT), "switch the theme",
        null, p.theme()::toggle));
    c.add(new Command("zoom-in", "_View", "Zoom _in", key(KeyCode.EQUALS, CTRL), "larger type, for projectors "
        + "(also Ctrl +)", null, p.theme()::zoomIn));
    c.add(new Command("zoom-out", "_View", "Zoom _out", key(KeyCode.MINUS, CTRL), "smaller type", null,
        p.theme()::zoomOut));
    c.add(new Command("zoom-reset", "_View", "_Actual size", key(KeyCode.DIGIT0, CTRL), "back to 100 %", null,
        () -> p.theme().setZoom(1)));
  }

  private static void drill(List<Command> c, Parts p) {
    c.add(button("drill-start", "_Drill", "_Start drill", key(KeyCode.S, CTRL, SHIFT), "start the drill picked "
        + "in the sidebar", p.drill(), "#drill-start"));
    c.add(button("drill-ack", "_Drill", "_Acknowledge alert", key(KeyCode.A, CTRL, SHIFT), "\"I see it\": "
        + "timed for time to detect", p.drill(), "#drill-ack"));
    c.add(button("drill-pause", "_Drill", "_Pause change", key(KeyCode.P, CTRL, SHIFT), "hold the change after "
        + "the step in flight", p.drill(), "#drill-pause"));
    c.add(button("drill-continue", "_Drill", "_Continue change", key(KeyCode.C, CTRL, SHIFT), "decide to go on: "
        + "timed for time to decide", p.drill(), "#drill-continue"));
    c.add(button("drill-rollback", "_Drill", "Roll _back", key(KeyCode.B, CTRL, SHIFT), "decide to roll back: "
        + "timed for time to decide", p.drill(), "#drill-rollback"));
  }

  /**
   * Puts each command's key on the button of the same id in {@code views} (the action bars' key chips), so the
   * buttons show the keys the table gives them.
   */
  static void labelButtons(List<Command> commands, Node... views) {
    for (Command c : commands) {
      if (c.key() == null || c.id().startsWith("-")) {
        continue;
      }
      for (Node v : views) {
        if (v.lookup("#" + c.id()) instanceof Button b && b.getGraphic() == null) {
          javafx.scene.control.Label k = new javafx.scene.control.Label(c.chipText());
          k.getStyleClass().add("key-chip");
          b.setGraphic(k);
          b.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
          b.setGraphicTextGap(8);
        }
      }
    }
  }

  private static Command run(String id, String label, KeyCombination key, String does, RunController r, Action a,
      Runnable action) {
    return new Command(id, "_Run", label, key, does, r.model().enabledProperty(a).not(), action);
  }

  private static Command history(String id, String label, String does, HistoryController h, HistoryAction a,
      Runnable action) {
    return new Command(id, "_Run", label, null, does, h.model().enabledProperty(a).not(), action);
  }

  /** A command that fires the button {@code query} of {@code view}, available when the button is. */
  private static Command button(String id, String menu, String label, KeyCombination key, String does, Node view,
      String query) {
    Node n = view.lookup(query);
    if (!(n instanceof Button b)) {
      throw new IllegalStateException("no button " + query + " for the command " + id);
    }
    ObservableBooleanValue disabled = Bindings.createBooleanBinding(b::isDisabled, b.disabledProperty());
    return new Command(id, menu, label, key, does, disabled, b::fire);
  }

  private static Command separator(String menu) {
    return new Command("-", menu, "", null, "", null, () -> { });
  }

  private static KeyCombination key(KeyCode code, KeyCombination.Modifier... modifiers) {
    return new KeyCodeCombination(code, modifiers);
  }
}
