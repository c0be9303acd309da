package backstep.ui.drill;

import backstep.ui.fx.Later;
import backstep.ui.panels.LivePanels;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Drill mode: the drill's title and where it runs, a large clock, the alert banner, the team's actions (start,
 * acknowledge, pause, continue, roll back), then three columns — the briefing, fault timeline and checklist; the
 * scoreboard, workload, timeline and history; the live panels (charts with thresholds, integrity, blockers), a
 * {@link Later} part: whoever shows the view attaches it ({@code ShellView} does).
 */
public final class DrillView extends VBox {
  public DrillView(DrillController controller, Consumer<AttemptRow> replay) {
    DrillModel model = controller.model();
    setId("drill-view");
    getStyleClass().add("drill-view");

    Label title = new Label();
    title.setId("drill-title");
    title.getStyleClass().add("run-title");
    title.textProperty().bind(model.entryProperty().map(e -> "Drill · " + e.title()).orElse("No drill selected"));
    title.setMinWidth(0);
    Label where = new Label();
    where.setId("drill-where");
    where.getStyleClass().add("chip");
    where.textProperty().bind(model.whereProperty());
    Label phase = new Label();
    phase.setId("drill-phase");
    phase.getStyleClass().add("run-state");
    phase.textProperty().bind(model.phaseProperty().map(p -> switch (p) {
      case NONE -> "";
      case READY -> "READY";
      case RUNNING -> "▶ RUNNING";
      case SCORED -> "■ SCORED";
      case ERROR -> "✖ STOPPED";
    }));
    Label clock = new Label();
    clock.setId("drill-clock");
    clock.getStyleClass().add("drill-clock");
    clock.textProperty().bind(model.clockProperty());
    Label since = new Label();
    since.setId("drill-incident-clock");
    since.getStyleClass().add("hint");
    since.textProperty().bind(model.incidentClockProperty());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox header = new HBox(12, title, phase, where, gap, new VBox(0, clock, since));
    header.getStyleClass().add("run-header");

    Label status = new Label();
    status.setId("drill-status");
    status.getStyleClass().add("hint");
    status.textProperty().bind(model.statusProperty());
    status.setMinWidth(0);

    Label alert = new Label();
    alert.setId("drill-alert");
    alert.getStyleClass().addAll("banner", "banner-danger", "drill-alert");
    alert.setWrapText(true);
    alert.setMinHeight(Region.USE_PREF_SIZE); // as tall as its lines: the page kept it one line high, "… [SQLState ..."
    alert.setMaxWidth(Double.MAX_VALUE);
    alert.textProperty().bind(model.alertProperty().map(a -> "⚠ ALERT  " + a));
    alert.visibleProperty().bind(model.alertProperty().isNotEmpty()
        .and(model.phaseProperty().isEqualTo(DrillModel.Phase.RUNNING)));
    alert.managedProperty().bind(alert.visibleProperty());

    getChildren().addAll(header, status, alert, actions(controller), columns(controller, replay));
    VBox.setVgrow(getChildren().get(getChildren().size() - 1), Priority.ALWAYS);
  }

  private static HBox actions(DrillController controller) {
    DrillModel model = controller.model();
    BooleanBinding running = model.phaseProperty().isEqualTo(DrillModel.Phase.RUNNING);
    BooleanBinding decided = model.decisionProperty().isNotEmpty();
    Button start = button("▶ Start drill", "drill-start", "action-primary", controller::start);
    start.disableProperty().bind(running.or(model.targetOkProperty().not())
        .or(Bindings.createBooleanBinding(() -> model.entry() == null || !model.entry().valid(),
            model.entryProperty())));
    Button ack = button("✔ Acknowledge alert", "drill-ack", "action-secondary", controller::acknowledge);
    ack.disableProperty().bind(running.not().or(model.acknowledgedProperty()));
    ack.setTooltip(new Tooltip("\"I see it\": counts for time to detect when it comes before any alert"));
    Button pause = button("‖ Pause", "drill-pause", "action-secondary", controller::pause);
    pause.disableProperty().bind(running.not().or(model.pausedProperty()).or(decided));
    pause.setTooltip(new Tooltip("Hold the change after the step in flight until you decide"));
    Button proceed = button("→ Continue change", "drill-continue", "action-secondary", controller::proceed);
    proceed.disableProperty().bind(running.not().or(decided));
    Button rollback = button("⟲ ROLL BACK", "drill-rollback", "action-danger", controller::rollback);
    rollback.disableProperty().bind(running.not().or(decided));
    rollback.setTooltip(new Tooltip("Decide to roll back: counts for time to decide"));
    Label decision = new Label();
    decision.setId("drill-decision");
    decision.getStyleClass().add("action-hint");
    decision.setWrapText(true);
    decision.setMinWidth(0);
    decision.textProperty().bind(Bindings.createStringBinding(() -> !model.decisionProperty().get().isEmpty()
        ? "◆ " + model.decisionProperty().get() : model.phase() == DrillModel.Phase.RUNNING
        ? (model.acknowledgedProperty().get() ? "acknowledged · decide: roll back or continue"
        : "watch the charts and the timeline; acknowledge what you see") : "",
        model.decisionProperty(), model.phaseProperty(), model.acknowledgedProperty()));
    HBox bar = new HBox(10, start, ack, pause, proceed, rollback, decision);
    HBox.setHgrow(decision, Priority.ALWAYS);
    bar.getStyleClass().add("action-bar");
    return bar;
  }

  private static Button button(String text, String id, String style, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.getStyleClass().addAll("action", style);
    b.setOnAction(e -> action.run());
    b.setMinWidth(Region.USE_PREF_SIZE);
    return b;
  }

  private static SplitPane columns(DrillController controller, Consumer<AttemptRow> replay) {
    DrillModel model = controller.model();
    Label briefing = new Label();
    briefing.setId("drill-briefing");
    briefing.getStyleClass().add("drill-briefing");
    briefing.setWrapText(true);
    briefing.setMinHeight(Region.USE_PREF_SIZE);
    briefing.textProperty().bind(model.entryProperty().map(e -> e.drill() == null ? e.problem()
        : e.drill().briefing()).orElse("Pick a drill in the sidebar."));
    VBox left = new VBox(6, section("BRIEFING", briefing), section("FAULT TIMELINE", new FaultTimelineView(model)),
        section("CHECKLIST", DrillLists.checklist(model)));
    VBox.setVgrow(left.getChildren().get(2), Priority.ALWAYS);
    left.getStyleClass().add("drill-column");

    // the attempts under this one's scoreboard, in the wider column: in the left one (240 px at 1280×800) their
    // six columns' least widths (about 300 px) pushed decide, restore and lost past the table's rows
    // the attempts join the column on a pulse of their own: with them the column was one piece of 202 new nodes
    // (ConsoleFramesIT's limit is 180)
    // the scoreboard, the workload and the timeline too, a pulse each: the column without the attempts was still
    // one piece of 134 new nodes (the workload's chart 44 of them)
    VBox middle = new VBox(6);
    VBox timeline = section("TIMELINE", DrillLists.timeline(controller));
    HistoryPane attempts = new HistoryPane(model, replay);
    Later.add(middle, new ScoreboardView(model, controller::exportDebrief));
    Later.add(middle, new WorkloadPane(model));
    Later.add(middle, timeline);
    Later.add(middle, attempts);
    VBox.setVgrow(timeline, Priority.ALWAYS);
    VBox.setVgrow(attempts, Priority.SOMETIMES);
    middle.getStyleClass().add("drill-column");

    LivePanels live = new LivePanels(controller.live(), model.integrity());
    prefixIds(live, "drill-"); // the run view has the same panels: ids stay unique in the window
    javafx.scene.control.ScrollPane leftScroll = scroll(left);
    javafx.scene.control.ScrollPane middleScroll = scroll(middle);
    leftScroll.setMinWidth(220);
    // the scoreboard's columns and the attempts' six (their least widths and the table's bar: 310 px); the live
    // panels give way on a small window
    middleScroll.setMinWidth(356);
    StackPane liveBox = new StackPane(); // the live panels join the window on a pulse of their own, after the page
    Later.add(liveBox, live);
    SplitPane split = new SplitPane(later(leftScroll), later(middleScroll), liveBox);
    split.setOrientation(Orientation.HORIZONTAL);
    backstep.ui.fx.Dividers.hold(split, 0.27, 0.64);
    split.setId("drill-columns");
    split.getStyleClass().add("run-split");
    return split;
  }

  /**
   * {@code column} in a box it joins on a pulse of its own after the page (the whole page in one pulse was 320 new
   * nodes, docs/performance.md "The console's FX thread", session 13); the box keeps the column's minimum width.
   */
  private static StackPane later(Region column) {
    StackPane box = new StackPane();
    box.setMinWidth(column.getMinWidth());
    Later.add(box, column);
    return box;
  }

  /**
   * Renames every id under {@code node} (as built, {@link Later} parts included; cells come later without ids) to
   * {@code prefix + id}.
   */
  static void prefixIds(Node node, String prefix) {
    if (node.getId() != null && !node.getId().startsWith(prefix)) {
      node.setId(prefix + node.getId());
    }
    java.util.List<? extends Node> kids = node instanceof SplitPane sp ? sp.getItems()
        : node instanceof javafx.scene.control.ScrollPane sc ? (sc.getContent() == null ? java.util.List.of()
        : java.util.List.of(sc.getContent())) : node instanceof javafx.scene.Parent p ? p.getChildrenUnmodifiable()
        : java.util.List.of();
    for (Node k : kids) {
      prefixIds(k, prefix);
    }
    for (Node k : Later.waitingIn(node)) {
      prefixIds(k, prefix);
    }
  }

  /** A column that scrolls on a small window instead of spilling over the action bar. */
  private static javafx.scene.control.ScrollPane scroll(VBox column) {
    javafx.scene.control.ScrollPane sp = new javafx.scene.control.ScrollPane(column);
    sp.setFitToWidth(true);
    sp.setFitToHeight(true);
    sp.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
    sp.getStyleClass().addAll("page-scroll", "edge-to-edge");
    return sp;
  }

  private static VBox section(String title, Node body) {
    Label head = new Label(title);
    head.getStyleClass().add("section-header");
    VBox.setVgrow(body, Priority.ALWAYS);
    VBox box = new VBox(4, head, body);
    box.getStyleClass().add("panel-section");
    return box;
  }
}
