package backstep.ui.run;

import javafx.beans.binding.Bindings;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Region;

/**
 * The selected step and the event log under the checklist: one above the other when there is room for both (the
 * step's SQL keeps at least {@value #SPLIT_FROM} px of it), as two tabs ({@code Step}, {@code Events · n}) when
 * there is not — a laptop screen after a failure — so the forward and rollback SQL are never squeezed away.
 *
 * <p>The two pages never change parent: a node moved to another parent is styled again with its whole subtree, and
 * moving the step detail from a split pane into a tab pane restyled 173 nodes (196 new to the window with the tabs'
 * header) in one pulse, 100 ms of CSS and layout (docs/performance.md, "The console's FX thread", session 18). The
 * split pane holds two empty slots and gives them their heights (its divider dragged as any); the pages are laid
 * over their slots. As tabs, the split is hidden, the tab pane shows only its header and the picked page is laid
 * under it, the other hidden.
 */
final class StepAndEvents extends Region {
  /** From this height both show at once; below {@link #TABS_BELOW} they become tabs (a gap, so it never flickers). */
  static final double SPLIT_FROM = 400;
  static final double TABS_BELOW = 360;

  private final Node detail;
  private final Node events;
  private final Slot detailSlot;
  private final Slot eventsSlot;
  private final SplitPane split = new SplitPane();
  private final TabPane tabs = new TabPane();
  private final Tab stepTab = new Tab();
  private final Tab eventsTab = new Tab();
  private boolean tabbed;
  /** Laying the pages out: the slots' moves are this pass's own. */
  private boolean laying;

  StepAndEvents(Node detail, Node events, RunModel model) {
    this.detail = detail;
    this.events = events;
    this.detailSlot = new Slot(detail);
    this.eventsSlot = new Slot(events);
    setId("step-and-events");
    setMinHeight(150);
    split.setOrientation(Orientation.VERTICAL);
    split.setId("step-events-split");
    split.getItems().setAll(detailSlot, eventsSlot);
    backstep.ui.fx.Dividers.hold(split, 0.72);
    Label step = new Label("Step");
    step.setId("tab-step");
    stepTab.setGraphic(step);
    Label log = new Label();
    log.setId("tab-events");
    log.textProperty().bind(Bindings.size(model.log()).asString("Events · %d"));
    eventsTab.setGraphic(log);
    tabs.getTabs().addAll(stepTab, eventsTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getStyleClass().addAll("step-events-tabs", "floating");
    tabs.setId("step-events-tabs");
    tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> showPages());
    // the tab pane joins the window at the first flip to tabs (its header, 21 nodes): a tall window never makes it;
    // the events once they are shown (29 nodes; as tabs at the console's start, when their tab is first picked)
    getChildren().addAll(split, detail);
    heightProperty().addListener((o, a, h) -> {
      if (h.doubleValue() >= SPLIT_FROM && tabbed) {
        tabbed(false);
      } else if (h.doubleValue() > 0 && h.doubleValue() < TABS_BELOW && !tabbed) {
        tabbed(true);
      } else if (h.doubleValue() > 0 && events.getParent() == null) {
        showPages();
      }
    });
  }

  /** Whether the step and the events show as tabs (a short pane). */
  boolean tabbed() {
    return tabbed;
  }

  /** As tabs (the step's first) or one above the other; nothing changes parent. */
  private void tabbed(boolean asTabs) {
    tabbed = asTabs;
    if (asTabs && tabs.getParent() == null) {
      getChildren().add(tabs);
    }
    tabs.setVisible(asTabs);
    split.setVisible(!asTabs);
    tabs.getSelectionModel().select(stepTab);
    showPages();
    requestLayout();
  }

  private void showPages() {
    if (events.getParent() == null && (!tabbed || tabs.getSelectionModel().getSelectedItem() == eventsTab)) {
      getChildren().add(events);
    }
    detail.setVisible(!tabbed || tabs.getSelectionModel().getSelectedItem() == stepTab);
    events.setVisible(!tabbed || tabs.getSelectionModel().getSelectedItem() == eventsTab);
    requestLayout();
  }

  @Override
  protected void layoutChildren() {
    double x = snappedLeftInset();
    double y = snappedTopInset();
    double w = getWidth() - x - snappedRightInset();
    double h = getHeight() - y - snappedBottomInset();
    split.resizeRelocate(x, y, w, h);
    if (tabbed) {
      double head = snapSizeY(tabs.prefHeight(w));
      tabs.resizeRelocate(x, y, w, head);
      Node page = events.isVisible() ? events : detail;
      page.resizeRelocate(x, y + head, w, Math.max(0, h - head));
      return;
    }
    laying = true;
    try {
      split.layout(); // the slots' places, the divider where it was held or dragged
    } finally {
      laying = false;
    }
    over(detail, detailSlot);
    if (events.getParent() == this) {
      over(events, eventsSlot);
    }
  }

  /** Lays {@code page} over {@code slot}. */
  private void over(Node page, Slot slot) {
    Bounds b = sceneToLocal(slot.localToScene(slot.getLayoutBounds()));
    page.resizeRelocate(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
  }

  @Override
  protected double computePrefWidth(double height) {
    return snappedLeftInset() + Math.max(detail.prefWidth(-1), events.prefWidth(-1)) + snappedRightInset();
  }

  @Override
  protected double computePrefHeight(double width) {
    return snappedTopInset() + split.prefHeight(width) + snappedBottomInset();
  }

  /**
   * An empty place in the split pane as large as its page asks; the page is laid over it. When the divider moves,
   * the slot's new size lays the pages out again.
   */
  private final class Slot extends Region {
    private final Node page;

    Slot(Node page) {
      this.page = page;
      setMouseTransparent(true);
      javafx.beans.InvalidationListener moved = o -> {
        if (!laying) {
          StepAndEvents.this.requestLayout();
        }
      };
      layoutBoundsProperty().addListener(moved);
      layoutYProperty().addListener(moved);
    }

    @Override
    protected double computeMinHeight(double width) {
      return page.minHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
      return page.prefHeight(width);
    }
  }
}
