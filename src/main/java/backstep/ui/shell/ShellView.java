package backstep.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The one window's frame: top bar, the library and targets on the left, the playbook / run / ledger tabs in the
 * middle, the event log on the right, the status bar at the bottom.
 */
public final class ShellView extends BorderPane {
  /** The centre tabs. */
  public enum Page {
    PLAYBOOK("tab-playbook", "Playbook"), RUN("tab-run", "Run"), LEDGER("tab-ledger", "Ledger"),
    HISTORY("tab-history", "History"), DRILL("tab-drill", "Drill"), TRAINER("tab-trainer", "Trainer"),
    FLEET("tab-fleet", "Fleet");

    private final String id;
    private final String title;

    Page(String id, String title) {
      this.id = id;
      this.title = title;
    }
  }

  private final TabPane tabs = new TabPane();

  public ShellView(Node topBar, Node library, Node targets, Node playbook, Node run, Node ledger,
      Node statusBar) {
    setId("shell");
    getStyleClass().add("shell");
    VBox left = new VBox(14, library, targets);
    left.getStyleClass().add("sidebar");
    left.setPrefWidth(264);
    left.setMinWidth(240);
    VBox.setVgrow(library, Priority.ALWAYS);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getStyleClass().add("center-tabs");
    tabs.getTabs().addAll(tab(Page.PLAYBOOK, playbook), tab(Page.RUN, run), tab(Page.LEDGER, ledger));
    setTop(topBar);
    setLeft(left);
    setCenter(tabs);
    setBottom(statusBar);
  }

  private static Tab tab(Page page, Node content) {
    Label header = new Label(page.title);
    header.setId(page.id);
    Tab t = new Tab();
    t.setGraphic(header);
    t.setContent(content);
    t.setUserData(page);
    return t;
  }

  /** Adds a centre tab after the others (history, drill mode, trainer mode). */
  public void addPage(Page page, Node content) {
    tabs.getTabs().add(tab(page, content));
  }

  /** The page on screen. */
  public javafx.beans.value.ObservableValue<Page> pageProperty() {
    return tabs.getSelectionModel().selectedItemProperty().map(t -> (Page) t.getUserData());
  }

  public void show(Page page) {
    tabs.getTabs().stream().filter(t -> t.getUserData() == page).findFirst()
        .ifPresent(t -> tabs.getSelectionModel().select(t));
  }
}
