package backstep.ui.run;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/** The run view's outcome box: the latest notification, the run's error and its rollback proof. */
final class OutcomeBox {
  private OutcomeBox() {
  }

  /** How many lines of the run's error the outcome box shows whole before it scrolls. */
  static final int OUTCOME_LINES = 3;

  /**
   * The latest notification, the run's error and its rollback proof, in a box that shows its first
   * {@link #OUTCOME_LINES} lines whole and scrolls past them: a longer error must not push the checklist and the SQL
   * panes out of the window; the failed step's row and the step's NOTE say it again.
   */
  static ScrollPane of(HBox notice, Label error, Label proof) {
    VBox content = new VBox(6, notice, error, proof);
    content.setId("run-outcome");
    ScrollPane sp = new ScrollPane(content);
    sp.setFitToWidth(true);
    sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    sp.getStyleClass().addAll("edge-to-edge", "outcome-scroll");
    // as tall as its content up to its third line, whole (a fixed 48 px showed two and a half lines: the
    // third cut through at 1280×800), and never squeezed away by the split pane under it (five lines left two of
    // the four steps of a failed run in sight at 1280×800: RunViewFitIT); a longer error scrolls, line by line
    Label noticeLine = (Label) notice.getChildren().get(0);
    Text one = new Text("Xg");
    Text two = new Text("Xg\nXg");
    sp.prefViewportHeightProperty().bind(Bindings.createDoubleBinding(() -> {
      // measured in the lines of the box's first text: the notification's when it shows (13 px, 6 px above it),
      // else the error's (14 px, 10 px above it): measured in the error's lines, the box showed a sliver of a
      // notification's fourth line at 1280×800 (OutcomeBoxTest)
      boolean first = notice.isVisible();
      Label text = first ? noticeLine : error;
      double above = content.snappedTopInset() + (first ? notice.snappedTopInset() : 0) + text.snappedTopInset();
      // to the nearest pixel: rounded up, 6 + 45.4 px showed 0.6 px of the fourth line's top
      return Math.min(content.getHeight(), Math.round(above + lines(text, one, two)));
    }, content.heightProperty(), notice.visibleProperty(), noticeLine.fontProperty(), notice.paddingProperty(),
        error.fontProperty(), error.paddingProperty()));
    sp.setMinHeight(Region.USE_PREF_SIZE);
    sp.visibleProperty().bind(notice.visibleProperty().or(error.visibleProperty()).or(proof.visibleProperty()));
    sp.managedProperty().bind(sp.visibleProperty());
    return sp;
  }

  /**
   * The height of {@link #OUTCOME_LINES} lines of {@code text}'s font, from the first line's top to the last whole
   * line's foot, no sliver of the next.
   */
  private static double lines(Label text, Text one, Text two) {
    one.setFont(text.getFont());
    two.setFont(text.getFont());
    double first = one.getLayoutBounds().getHeight();
    double pitch = two.getLayoutBounds().getHeight() - first;
    return first + (OUTCOME_LINES - 1) * pitch;
  }
}
