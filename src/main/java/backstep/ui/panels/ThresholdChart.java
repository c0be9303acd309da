package backstep.ui.panels;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.ValueAxis;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Line;

/**
 * A line chart without animation or symbols that draws guard thresholds across its plot as dashed lines with a
 * label; a breached threshold turns red and solid.
 */
final class ThresholdChart extends LineChart<Number, Number> {
  private static final PseudoClass BREACHED = PseudoClass.getPseudoClass("breached");

  private final ObservableList<ThresholdLine> thresholds;
  private final List<Line> lines = new ArrayList<>();
  private final List<Label> labels = new ArrayList<>();

  ThresholdChart(ValueAxis<Number> x, ValueAxis<Number> y, ObservableList<ThresholdLine> thresholds) {
    super(x, y);
    this.thresholds = thresholds;
    setAnimated(false);
    setCreateSymbols(false);
    thresholds.addListener((ListChangeListener<ThresholdLine>) c -> rebuild());
    rebuild();
  }

  private void rebuild() {
    getPlotChildren().removeAll(lines);
    getPlotChildren().removeAll(labels);
    lines.clear();
    labels.clear();
    for (ThresholdLine t : thresholds) {
      Line line = new Line();
      line.getStyleClass().add("threshold-line");
      line.pseudoClassStateChanged(BREACHED, t.breached());
      line.setVisible(!Double.isNaN(t.y()));
      Label label = new Label(mark(t) + t.label());
      label.getStyleClass().add("threshold-label");
      label.pseudoClassStateChanged(BREACHED, t.breached());
      label.setManaged(false);
      label.setWrapText(true); // a label wider than the plot takes two lines inside it (see layoutPlotChildren)
      label.setTooltip(new Tooltip(label.getText())); // the whole rule, when a short plot draws a shorter form
      label.setTextOverrun(OverrunStyle.CENTER_WORD_ELLIPSIS); // only when not even the shortest form fits
      lines.add(line);
      labels.add(label);
    }
    getPlotChildren().addAll(lines);
    getPlotChildren().addAll(labels);
    decidedWidth = Double.NaN; // other labels: their form decided again
    requestChartLayout();
  }

  private static String mark(ThresholdLine t) {
    return t.breached() ? "✖ BREACH  " : "── ";
  }

  /**
   * What a label says, longest first; the first whose labels all fit whole inside the plot is drawn. The locks
   * chart at 1280×800 with a blocker listed has a plot of 99×16 px, and production's two thresholds ("pause · latest
   * lock waiters > 5", "pause · latest longest lock wait > 5 s") were drawn "── pause … waiters > 5" (session 16)
   * and then "──…> 5", the second 11 px under the plot's bottom (session 17); now "> 5" and "✖ > 5 s" side by side,
   * whole, the rule whole in each label's tooltip.
   */
  private enum Form {
    WRAPPED, LINE, CONDITION, LIMIT;

    String text(ThresholdLine t) {
      return switch (this) {
        case WRAPPED, LINE -> mark(t) + t.label();
        case CONDITION -> (t.breached() ? "✖ " : "") + t.condition(); // the dashed line beside it is the mark
        case LIMIT -> (t.breached() ? "✖ " : "") + t.limit();
      };
    }
  }

  /** The threshold lines and labels, in order (for tests). */
  List<Line> thresholdLines() {
    return List.copyOf(lines);
  }

  @Override
  protected void layoutPlotChildren() {
    super.layoutPlotChildren();
    double width = getXAxis().getWidth();
    double height = getYAxis().getHeight();
    // the form is tried again only when the plot's size or the thresholds change: trying every form on every
    // layout would change the labels' texts back and forth, each time asking for another layout
    if (width != decidedWidth || height != decidedHeight) {
      decidedWidth = width;
      decidedHeight = height;
      form = null;
    }
    if (form == null) {
      form = Form.LIMIT;
      for (Form f : Form.values()) {
        if (place(width, height, f)) {
          form = f;
          return;
        }
      }
    }
    place(width, height, form);
  }

  /** The plot's size {@link #form} was decided for (NaN: decide again). */
  private double decidedWidth = Double.NaN;
  private double decidedHeight = Double.NaN;
  /** What the labels say now: the longest form in which all fit whole inside the plot (null: decide again). */
  private Form form;

  /** Places the labels in {@code form}; whether every one is whole and inside the plot. */
  private boolean place(double width, double height, Form form) {
    boolean wrap = form == Form.WRAPPED;
    boolean inside = true;
    double pendingY = 2;
    List<double[]> placed = new ArrayList<>();
    for (int i = 0; i < thresholds.size() && i < lines.size(); i++) {
      double value = thresholds.get(i).y();
      Line line = lines.get(i);
      Label label = labels.get(i);
      if (label.isWrapText() != wrap) {
        label.setWrapText(wrap);
      }
      String text = form.text(thresholds.get(i));
      if (!text.equals(label.getText())) {
        label.setText(text);
      }
      inside &= wrap || label.prefWidth(-1) <= width - 6 + 0.5;
      // never wider than the plot, whose area clips: a wider label began at its left edge and lost its end
      double w = Math.min(label.prefWidth(-1), Math.max(0, width - 6));
      label.resize(w, label.prefHeight(wrap ? w : -1));
      double y;
      if (Double.isNaN(value)) {
        y = pendingY;
        pendingY += label.getHeight();
      } else {
        double at = getYAxis().getDisplayPosition(value);
        line.setStartX(0);
        line.setEndX(width);
        line.setStartY(at);
        line.setEndY(at);
        line.toFront();
        y = Math.max(0, at - label.getHeight() - 1);
      }
      // right-aligned; a label that would overlap one already placed moves to its left, or below it if no room
      double right = width - 6;
      for (double[] p : placed) {
        if (y < p[1] + p[2] && p[1] < y + label.getHeight() && right > p[0]) {
          if (p[0] - 8 - label.getWidth() >= 0) {
            right = p[0] - 8;
          } else {
            right = width - 6;
            y = p[1] + p[2];
          }
        }
      }
      inside &= y + label.getHeight() <= height + 0.5;
      double x = Math.max(0, right - label.getWidth());
      label.relocate(x, y);
      label.toFront();
      placed.add(new double[] {x, y, label.getHeight()});
    }
    return inside;
  }
}
