package backstep.ui.run;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.geometry.VPos;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;

/** The run view's outcome box: the latest notification, the run's error and its rollback proof. */
final class OutcomeBox {
  private OutcomeBox() {
  }

  /** How many lines of the run's error the outcome box shows whole however little room the page has. */
  static final int OUTCOME_LINES = 3;

  /**
   * The latest notification, the run's error and its rollback proof, in a box as tall as all of it while the page
   * has {@code room} for it (the database's whole error, wrapped: three lines and a scroll bar hid its Detail at
   * 1280×800), else showing whole lines of its first text down to {@code room} (at least {@link #OUTCOME_LINES})
   * and scrolling past them: a longer error must not push the checklist and the SQL panes out of the window; the
   * failed step's row and the step's NOTE say it again.
   */
  static ScrollPane of(HBox notice, Label error, Label proof, ObservableDoubleValue room) {
    VBox content = new VBox(6, notice, error, proof);
    content.setId("run-outcome");
    ScrollPane sp = new ScrollPane(content);
    sp.setFitToWidth(true);
    sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    sp.getStyleClass().addAll("edge-to-edge", "outcome-scroll");
    // cut between lines, never through one (a fixed 48 px showed two and a half lines: the third cut through at
    // 1280×800), and never squeezed away by the split pane under it (RunViewFitIT)
    Label noticeLine = (Label) notice.getChildren().get(0);
    Text measure = new Text();
    measure.setTextOrigin(VPos.TOP);
    measure.setBoundsType(javafx.scene.text.TextBoundsType.LOGICAL_VERTICAL_CENTER); // as a label's text: whole px
    sp.prefViewportHeightProperty().bind(Bindings.createDoubleBinding(() -> {
      // to the foot of the last line of the box's first text that fits the room, laid out as the label lays it
      // out: the notification's when it shows, else the error's (measured in the error's font, the box showed a
      // sliver of a notification's fourth line at 1280×800; measured as "Xg" lines, 1 to 2 px shorter a line than
      // drawn, it cut the third: OutcomeBoxTest)
      double all = content.getHeight();
      if (all <= room.get()) {
        return all;
      }
      boolean first = notice.isVisible();
      Label text = first ? noticeLine : error;
      double above = content.snappedTopInset() + (first ? notice.snappedTopInset() : 0);
      double foot = footOfLine(text, OUTCOME_LINES, measure);
      for (int n = OUTCOME_LINES + 1; foot >= 0; n++) {
        double next = footOfLine(text, n, measure);
        if (next <= foot || above + next > room.get()) {
          break;
        }
        foot = next;
      }
      return foot < 0 ? all : Math.min(all, Math.round(above + foot));
    }, content.heightProperty(), room, notice.visibleProperty(), notice.paddingProperty(),
        noticeLine.widthProperty(), noticeLine.textProperty(), noticeLine.fontProperty(), error.widthProperty(),
        error.textProperty(), error.fontProperty(), error.paddingProperty()));
    sp.setMinHeight(Region.USE_PREF_SIZE);
    sp.visibleProperty().bind(notice.visibleProperty().or(error.visibleProperty()).or(proof.visibleProperty()));
    sp.managedProperty().bind(sp.visibleProperty());
    return sp;
  }

  /**
   * The foot of {@code label}'s line {@code n} (or of its last), in the label's coordinates, its text laid out in
   * {@code measure} as the label lays it out at its width; -1 before it has a width.
   */
  static double footOfLine(Label label, int n, Text measure) {
    double width = label.getWidth() - label.snappedLeftInset() - label.snappedRightInset();
    if (label.getText() == null || label.getText().isEmpty() || width <= 0) {
      return -1;
    }
    measure.setText(label.getText());
    measure.setFont(label.getFont());
    measure.setLineSpacing(label.getLineSpacing());
    measure.setWrappingWidth(width);
    java.util.List<Double> feet = new java.util.ArrayList<>(); // each line's rectangle, top to bottom
    for (PathElement e : measure.rangeShape(0, label.getText().length())) {
      if (e instanceof MoveTo) {
        feet.add(Double.NEGATIVE_INFINITY);
      } else if (e instanceof LineTo l && !feet.isEmpty()) {
        feet.set(feet.size() - 1, Math.max(feet.get(feet.size() - 1), l.getY()));
      }
    }
    return feet.isEmpty() ? -1 : label.snappedTopInset() + feet.get(Math.min(n, feet.size()) - 1);
  }
}
