package backstep.ui.shell;

import backstep.ui.fx.Later;
import backstep.ui.fx.PacedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@link #attachRest} is called (after the window shows), whichever comes first; a page's costly parts (its live
 * charts, its SQL panes: {@link Later}) follow it a pulse each, with an idle pulse after each piece: some of a
 * piece's nodes join a pulse after it (a tab pane's skin puts its pages in then), and the next piece in that pulse
 * made two pieces' worth in one (318 new nodes; docs/performance.md, "The console's FX thread", session 13). Nor
 * does a piece join in a pulse a view claimed for nodes of its own ({@link Later#claim}: the library's first pick
 * and the next piece made 162 new nodes in one pulse) or while a shown table's rows take their cells a few a pulse
 * ({@link PacedTable#pacing}: a history picked while the pages joined, 111; docs/performance.md, session 20).
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
  private final Set<Tab> assembling = new LinkedHashSet<>(); // in the scene, some of its Later parts not yet
  private final CompletableFuture<Void> attached = new CompletableFuture<>();
  private Consumer<Node> onAttach = n -> { };
  /** A piece joined the scene since the last pulse: the next piece waits a pulse (see {@link #attachRest}). */
  private boolean settling;
  /**
   * Pulses the next piece waited for a view's own nodes ({@link Later#claim}, {@link PacedTable#pacing}); at most
   * {@link #MOST_WAITED}.
   */
  private int waited;
  /** A table that is never laid out again must not hold the pages back: a second at 60 pulses a second. */
  private static final int MOST_WAITED = 60;

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
    // a page picked before it joined: it joins now, and the next piece a pulse after its own (the two in one pulse
    // brought the ledger page and its runs table, 106 new nodes)
    tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> settling |= attach(t));
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
      assembling.add(t);
    } else {
      detached.put(t, content);
    }
    return t;
  }

  /**
   * Puts the pages not yet in the scene into it, a piece a pulse (each piece's first styling and layout is its own
   * pulse): a page, then its {@link Later} parts one by one, the page on screen first, then the next page. Calls
   * {@code onAttach} with each page once it is whole (and now with those already whole). On the FX thread, once
   * the window shows.
   */
  public void attachRest(Consumer<Node> onAttach) {
    this.onAttach = onAttach;
    for (Tab t : tabs.getTabs()) {
      if (t.getContent() != null && !Later.waiting(t.getContent())) {
        assembling.remove(t);
        onAttach.accept(t.getContent());
      }
    }
    new AnimationTimer() {
      @Override
      public void handle(long now) {
        if (settling) { // a pulse for what the last piece makes one pulse late (a tab pane's pages, 150 nodes)
          settling = false;
        } else if (!showing()) {
          stop(); // the window closed before every page was whole
        } else if (waited < MOST_WAITED && (Later.claimed(getScene()) || PacedTable.pacing(getScene()))) {
          // a view's own nodes join this pulse (a picked playbook's page; a table's rows, a few a pulse): a piece
          // with them made 162 and 111 new nodes in one
          waited++;
        } else if (!attachNext()) {
          stop(); // every page whole
        } else {
          settling = true;
          waited = 0;
        }
      }
    }.start();
  }

  private boolean showing() {
    return getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing();
  }

  /** Completes (on the FX thread) when every page is in the scene, whole. */
  public CompletableFuture<Void> attached() {
    return attached;
  }

  /** Puts one piece into the scene; false when every page is whole. */
  private boolean attachNext() {
    Tab shown = tabs.getSelectionModel().getSelectedItem();
    List<Tab> order = new ArrayList<>(assembling);
    if (order.remove(shown)) {
      order.add(0, shown);
    }
    for (Tab t : order) {
      if (Later.attachOne(t.getContent())) {
        return true;
      }
      assembling.remove(t);
      onAttach.accept(t.getContent());
    }
    if (!detached.isEmpty()) {
      attach(detached.containsKey(shown) ? shown : detached.keySet().iterator().next());
      return true;
    }
    attached.complete(null);
    return false;
  }

  /**
   * Puts a page into the scene without its {@link Later} parts; {@link #attachNext} adds them. False if it was
   * there.
   */
  private boolean attach(Tab t) {
    Node page = t == null ? null : detached.remove(t);
    if (page != null) {
      t.setContent(page);
      assembling.add(t);
    }
    return page != null;
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
