package backstep.ui.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
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
 *
 * <p>Only the first tab's page is in the scene when the window first shows: every node in a scene is styled and
 * laid out by the first pulse, hidden tabs' pages included, and they were more than half of the console's time to its
 * first window. The other pages join the scene when their tab is first selected, or one a pulse once
 * {@link #attachRest} is called (after the window shows), whichever comes first.
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
  private final Map<Tab, Node> detached = new LinkedHashMap<>();
  private final CompletableFuture<Void> attached = new CompletableFuture<>();
  private Consumer<Node> onAttach = n -> { };

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
    tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> attach(t));
    setTop(topBar);
    setLeft(left);
    setCenter(tabs);
    setBottom(statusBar);
  }

  private Tab tab(Page page, Node content) {
    Label header = new Label(page.title);
    header.setId(page.id);
    Tab t = new Tab();
    t.setGraphic(header);
    t.setUserData(page);
    if (page == Page.PLAYBOOK) {
      t.setContent(content);
    } else {
      detached.put(t, content);
    }
    return t;
  }

  /**
   * Puts the pages not yet in the scene into it, one a pulse (each one's first styling and layout is its own
   * pulse), calling {@code onAttach} with each page as it joins (and now with those already in). On the FX thread,
   * once the window shows.
   */
  public void attachRest(Consumer<Node> onAttach) {
    this.onAttach = onAttach;
    tabs.getTabs().stream().map(Tab::getContent).filter(n -> n != null).forEach(onAttach);
    new AnimationTimer() {
      @Override
      public void handle(long now) {
        if (detached.isEmpty()) {
          stop();
        } else {
          attach(detached.keySet().iterator().next());
        }
      }
    }.start();
    if (detached.isEmpty()) {
      attached.complete(null);
    }
  }

  /** Completes (on the FX thread) when every page is in the scene. */
  public CompletableFuture<Void> attached() {
    return attached;
  }

  private void attach(Tab t) {
    Node page = t == null ? null : detached.remove(t);
    if (page != null) {
      t.setContent(page);
      onAttach.accept(page);
      if (detached.isEmpty()) {
        attached.complete(null);
      }
    }
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
