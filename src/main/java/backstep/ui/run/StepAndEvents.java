package backstep.ui.run;

import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;

/**
 * The selected step and the event log under the checklist: one above the other when there is room for both (the
 * step's SQL keeps at least {@value #SPLIT_FROM} px of it), as two tabs ({@code Step}, {@code Events · n}) when
 * there is not — a laptop screen after a failure — so the forward and rollback SQL are never squeezed away.
 */
final class StepAndEvents extends StackPane {
  /** From this height both show at once; below {@link #TABS_BELOW} they become tabs (a gap, so it never flickers). */
  static final double SPLIT_FROM = 400;
  static final double TABS_BELOW = 360;

  private final Node detail;
  private final Node events;
  private final SplitPane split = new SplitPane();
  private final TabPane tabs = new TabPane();
  private final Tab stepTab = new Tab();
  private final Tab eventsTab = new Tab();

  StepAndEvents(Node detail, Node events, RunModel model) {
    this.detail = detail;
    this.events = events;
    setId("step-and-events");
    setMinHeight(150);
    split.setOrientation(Orientation.VERTICAL);
    split.setId("step-events-split");
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
    tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
      if (t == eventsTab && tabbed() && eventsTab.getContent() == null) {
        eventsTab.setContent(events);
      }
    });
    asSplit();
    heightProperty().addListener((o, a, h) -> {
      if (h.doubleValue() >= SPLIT_FROM && getChildren().get(0) == tabs) {
        asSplit();
      } else if (h.doubleValue() > 0 && h.doubleValue() < TABS_BELOW && getChildren().get(0) == split) {
        asTabs();
      }
    });
  }

  /** Whether the step and the events show as tabs (a short pane). */
  boolean tabbed() {
    return !getChildren().isEmpty() && getChildren().get(0) == tabs;
  }

  private void asSplit() {
    stepTab.setContent(null);
    eventsTab.setContent(null);
    split.getItems().setAll(detail, events);
    getChildren().setAll(split);
  }

  /**
   * As tabs, the step's first: the events join the tab pane when their tab is first picked (a tab pane puts every
   * tab's page in the window, hidden ones too, and the two pages and the pane's own skin made 193 new nodes in one
   * pulse at the console's start; docs/performance.md, "The console's FX thread", session 17).
   */
  private void asTabs() {
    split.getItems().clear();
    stepTab.setContent(detail);
    eventsTab.setContent(null);
    tabs.getSelectionModel().select(stepTab);
    getChildren().setAll(tabs);
  }
}
