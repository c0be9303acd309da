package backstep.ui.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;

/**
 * A plain run's replay on its time axis: one lane each for the run's states, its steps (bars from start to outcome,
 * forward then rollback), checks, guards and the operator's actions (points); a playhead at the replay's position,
 * and what lies after it dimmed. Colour follows the outcome, and the icon and words are in each item's tooltip.
 */
final class TimelineView extends Region {
  private static final double LANE = 26;
  private static final double AXIS = 22;
  private static final double GUTTER = 78;
  private final List<Label> laneNames = new ArrayList<>();
  private final List<Item> items = new ArrayList<>();
  private final List<Label> ticks = new ArrayList<>();
  private final Line playhead = new Line();
  private final DoubleProperty position;
  private Replay replay;

  private record Item(Replay.Span span, Label node) {}

  TimelineView(ReadOnlyObjectProperty<Replay> replayed, DoubleProperty position) {
    this.position = position;
    setId("replay-timeline");
    getStyleClass().add("run-timeline");
    for (String lane : RunTimeline.LANES) {
      Label l = new Label(lane);
      l.getStyleClass().add("tl-lane-name");
      laneNames.add(l);
    }
    playhead.getStyleClass().add("tl-playhead");
    playhead.setManaged(false);
    replayed.addListener((o, a, b) -> show(b));
    position.addListener((o, a, b) -> place());
    show(replayed.get());
  }

  /** The items drawn, as "lane · label · outcome" (for tests and the accessibility text). */
  List<String> drawn() {
    return items.stream().map(i -> i.span().lane() + " · " + i.span().label() + " · " + i.span().outcome()).toList();
  }

  private void show(Replay r) {
    replay = r;
    items.clear();
    ticks.clear();
    getChildren().setAll(laneNames);
    boolean any = r != null && !r.spans().isEmpty();
    setVisible(any);
    setManaged(any);
    if (!any) {
      return;
    }
    for (Replay.Span s : r.spans()) {
      boolean bar = s.endMs() > s.startMs() || s.lane().equals("steps");
      Label n = new Label(bar ? s.label() : icon(s.outcome()));
      n.getStyleClass().addAll(bar ? "tl-bar" : "tl-point", "tl-" + s.outcome());
      n.setTextOverrun(OverrunStyle.CLIP);
      n.setAlignment(bar ? Pos.CENTER_LEFT : Pos.CENTER);
      n.setManaged(false);
      Tooltip tip = new Tooltip(String.format(Locale.ROOT, "T+%.1f s", s.startMs() / 1000.0)
          + (bar ? String.format(Locale.ROOT, "–%.1f s", s.endMs() / 1000.0) : "") + "  " + icon(s.outcome()) + " "
          + s.label() + "\n" + s.text());
      tip.setWrapText(true);
      tip.setMaxWidth(560);
      Tooltip.install(n, tip);
      n.setAccessibleText(s.lane() + ": " + s.label() + ", " + word(s.outcome()));
      items.add(new Item(s, n));
      getChildren().add(n);
    }
    long step = tickStep(r.durationMs());
    for (long t = 0; t <= r.durationMs(); t += step) {
      Label tick = new Label(t % 1000 == 0 ? t / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", t / 1000.0));
      tick.getStyleClass().add("tl-tick");
      tick.setManaged(false);
      tick.setUserData(t);
      ticks.add(tick);
      getChildren().add(tick);
    }
    getChildren().add(playhead);
    requestLayout();
  }

  private static long tickStep(long durationMs) {
    for (long s : new long[] {500, 1000, 2000, 5000, 10_000, 30_000, 60_000, 300_000, 600_000}) {
      if (durationMs / s <= 10) {
        return s;
      }
    }
    return 3_600_000;
  }

  static String icon(String outcome) {
    return switch (outcome) {
      case "ok" -> "✔";
      case "failed" -> "✖";
      case "warn" -> "▲";
      default -> "●";
    };
  }

  private static String word(String outcome) {
    return switch (outcome) {
      case "ok" -> "passed";
      case "failed" -> "failed";
      case "warn" -> "attention";
      default -> "recorded";
    };
  }

  @Override
  protected double computePrefHeight(double width) {
    return snappedTopInset() + RunTimeline.LANES.size() * LANE + AXIS + snappedBottomInset();
  }

  @Override
  protected double computeMinHeight(double width) {
    return computePrefHeight(width);
  }

  @Override
  protected double computePrefWidth(double height) {
    return 480;
  }

  @Override
  protected void layoutChildren() {
    double top = snappedTopInset();
    for (int i = 0; i < laneNames.size(); i++) {
      laneNames.get(i).resizeRelocate(snappedLeftInset(), top + i * LANE + 3, GUTTER - 6, LANE - 6);
    }
    if (replay == null) {
      return;
    }
    double x0 = snappedLeftInset() + GUTTER;
    double w = Math.max(10, getWidth() - x0 - snappedRightInset() - 8);
    double scale = w / Math.max(1, replay.durationMs());
    for (Item it : items) {
      int lane = Math.max(0, RunTimeline.LANES.indexOf(it.span().lane()));
      double x = x0 + it.span().startMs() * scale;
      double y = top + lane * LANE + 3;
      if (it.node().getStyleClass().contains("tl-bar")) {
        it.node().resizeRelocate(x, y, Math.max(8, (it.span().endMs() - it.span().startMs()) * scale), LANE - 6);
      } else {
        it.node().resizeRelocate(x - 8, y, 16, LANE - 6);
      }
    }
    double axisY = top + RunTimeline.LANES.size() * LANE + 2;
    for (Label t : ticks) {
      double x = x0 + (long) t.getUserData() * scale;
      t.resizeRelocate(x - 20, axisY, 40, AXIS - 4);
    }
    place();
  }

  private void place() {
    if (replay == null) {
      return;
    }
    double x0 = snappedLeftInset() + GUTTER;
    double w = Math.max(10, getWidth() - x0 - snappedRightInset() - 8);
    double pos = position.get();
    double x = x0 + pos * w / Math.max(1, replay.durationMs());
    playhead.setStartX(x);
    playhead.setEndX(x);
    playhead.setStartY(snappedTopInset());
    playhead.setEndY(snappedTopInset() + RunTimeline.LANES.size() * LANE);
    for (Item it : items) {
      boolean past = it.span().startMs() <= pos;
      it.node().pseudoClassStateChanged(FUTURE, !past);
    }
  }

  private static final javafx.css.PseudoClass FUTURE = javafx.css.PseudoClass.getPseudoClass("future");

  /** For tests: the nodes of the items. */
  List<Node> itemNodes() {
    return items.stream().map(i -> (Node) i.node()).toList();
  }
}
