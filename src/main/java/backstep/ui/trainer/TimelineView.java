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
 * and what lies after it dimmed. Colour follows the outcome, and the icon and words are in each item's tooltip. A
 * step's name is drawn in its bar when it fits there, else whole under the steps lane from the bar's start, in as
 * many rows as the names need (a step of 0.2 s in a run of 9 s was a bar drawn "a" for add-name-key).
 */
final class TimelineView extends Region {
  private static final double LANE = 26;
  private static final double AXIS = 22;
  private static final double GUTTER = 78;
  private static final double CAPTION = 16;
  private static final int STEPS = RunTimeline.LANES.indexOf("steps");
  private final List<Label> laneNames = new ArrayList<>();
  private final List<Item> items = new ArrayList<>();
  private final List<Label> ticks = new ArrayList<>();
  private final Line playhead = new Line();
  private final DoubleProperty position;
  private Replay replay;
  /** The rows of step names under the steps lane, as last laid out. */
  private int captionRows;

  /** A lane's item: its bar or point, and for a bar in the steps lane its name beside it when the bar is short. */
  private record Item(Replay.Span span, Label node, Label caption) {}

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
      Label caption = null;
      if (bar && s.lane().equals("steps")) {
        caption = new Label(s.label());
        caption.getStyleClass().addAll("tl-caption", "tl-" + s.outcome());
        caption.setManaged(false);
        caption.setVisible(false);
        Tooltip.install(caption, tip);
      }
      items.add(new Item(s, n, caption));
      getChildren().add(n);
      if (caption != null) {
        getChildren().add(caption);
      }
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
    return snappedTopInset() + RunTimeline.LANES.size() * LANE + captionRows * CAPTION + AXIS
        + snappedBottomInset();
  }

  @Override
  protected double computeMinHeight(double width) {
    return computePrefHeight(width);
  }

  @Override
  protected double computePrefWidth(double height) {
    return 480;
  }

  /** The top of lane {@code i}: the lanes under the steps lane move down by its rows of names. */
  private double laneTop(int i) {
    return snappedTopInset() + i * LANE + (i > STEPS ? captionRows * CAPTION : 0);
  }

  @Override
  protected void layoutChildren() {
    if (replay == null) {
      for (int i = 0; i < laneNames.size(); i++) {
        laneNames.get(i).resizeRelocate(snappedLeftInset(), laneTop(i) + 3, GUTTER - 6, LANE - 6);
      }
      return;
    }
    double x0 = snappedLeftInset() + GUTTER;
    double right = getWidth() - snappedRightInset();
    double w = Math.max(10, right - x0 - 8);
    double scale = w / Math.max(1, replay.durationMs());
    // the names that do not fit their bars, each in the first row under the steps lane where it is clear of the
    // names before it, from its bar's start (moved left only as far as the right edge needs)
    List<Double> rowEnds = new ArrayList<>();
    List<double[]> at = new ArrayList<>();
    for (Item it : items) {
      double x = x0 + it.span().startMs() * scale;
      double barWidth = Math.max(8, (it.span().endMs() - it.span().startMs()) * scale);
      double[] place = null;
      if (it.caption() != null) {
        double need = it.caption().prefWidth(-1);
        boolean fits = need + it.node().snappedLeftInset() + it.node().snappedRightInset() <= barWidth;
        it.node().setText(fits ? it.span().label() : "");
        it.caption().setVisible(!fits);
        if (!fits) {
          double cx = Math.max(x0, Math.min(x, right - need));
          int row = 0;
          while (row < rowEnds.size() && rowEnds.get(row) > cx) {
            row++;
          }
          if (row == rowEnds.size()) {
            rowEnds.add(0.0);
          }
          rowEnds.set(row, cx + need + 8);
          place = new double[] {cx, row, need};
        }
      }
      at.add(place);
    }
    if (rowEnds.size() != captionRows) {
      captionRows = rowEnds.size();
      requestLayout(); // the lanes under the steps lane move, and the view's height changes with the rows
    }
    for (int i = 0; i < laneNames.size(); i++) {
      laneNames.get(i).resizeRelocate(snappedLeftInset(), laneTop(i) + 3, GUTTER - 6, LANE - 6);
    }
    for (int k = 0; k < items.size(); k++) {
      Item it = items.get(k);
      int lane = Math.max(0, RunTimeline.LANES.indexOf(it.span().lane()));
      double x = x0 + it.span().startMs() * scale;
      double y = laneTop(lane) + 3;
      if (it.node().getStyleClass().contains("tl-bar")) {
        it.node().resizeRelocate(x, y, Math.max(8, (it.span().endMs() - it.span().startMs()) * scale), LANE - 6);
      } else {
        it.node().resizeRelocate(x - 8, y, 16, LANE - 6);
      }
      double[] place = at.get(k);
      if (place != null) {
        it.caption().resizeRelocate(place[0], laneTop(STEPS) + LANE - 3 + place[1] * CAPTION, place[2], CAPTION);
      }
    }
    double axisY = laneTop(RunTimeline.LANES.size() - 1) + LANE + 2;
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
    playhead.setEndY(laneTop(RunTimeline.LANES.size() - 1) + LANE);
    for (Item it : items) {
      boolean past = it.span().startMs() <= pos;
      it.node().pseudoClassStateChanged(FUTURE, !past);
      if (it.caption() != null) {
        it.caption().pseudoClassStateChanged(FUTURE, !past);
      }
    }
  }

  private static final javafx.css.PseudoClass FUTURE = javafx.css.PseudoClass.getPseudoClass("future");

  /** For tests: the nodes of the items. */
  List<Node> itemNodes() {
    return items.stream().map(i -> (Node) i.node()).toList();
  }
}
