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
    Text one = new Text("Xg");
    Text two = new Text("Xg\nXg");
    sp.prefViewportHeightProperty().bind(Bindings.createDoubleBinding(() -> {
      one.setFont(error.getFont());
      two.setFont(error.getFont());
      double first = one.getLayoutBounds().getHeight();
      double pitch = two.getLayoutBounds().getHeight() - first;
      double lines = first + (OUTCOME_LINES - 1) * pitch; // down to the last whole line's foot, no sliver of the next
      // from the first item's text (a notification above the error, else the error): the box as a whole stays
      // three lines high (measured from the error's own top at first, a four-line notification above it took the
      // checklist's room: RunViewFitIT)
      double cap = error.snappedTopInset() + lines;
      return Math.min(content.getHeight(), Math.ceil(cap));
    }, content.heightProperty(), error.fontProperty(), error.paddingProperty()));
    sp.setMinHeight(Region.USE_PREF_SIZE);
    sp.visibleProperty().bind(notice.visibleProperty().or(error.visibleProperty()).or(proof.visibleProperty()));
    sp.managedProperty().bind(sp.visibleProperty());
    return sp;
  }
}
