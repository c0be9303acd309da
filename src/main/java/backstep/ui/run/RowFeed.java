package backstep.ui.run;

import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Control;

/**
 * The rows a table shows, following {@code source} with its additions a few a pulse once the table is in a window:
 * each row a table shows the first time is a row of new cells and graphics, styled and laid out in the pulse it
 * joins, and a playbook's rows shown at once were the largest frame at the console's start (the checklist's 216 new
 * nodes; docs/performance.md, "The console's FX thread", session 17). A pulse brings the rows a budget of new nodes
 * pays for, a row in sight at the price of a row of new cells; once the table's height is full, the rows after it
 * are out of sight and make no cells, and all of them join at once (a 30-step playbook took 16 pulses at two rows a
 * pulse; session 18). A removal or a replacement is followed at once; rows waiting are added when the table has its
 * skin (not in the pulse it joins the window) and, out of a showing window, all at once. FX thread only.
 */
final class RowFeed<T> {
  private final ObservableList<T> source;
  private final ObservableList<T> shown = FXCollections.observableArrayList();
  private final int perPulse;
  private Runnable fed = () -> { };
  private BooleanSupplier full = () -> false;
  private Control table;
  private final AnimationTimer feeder = new AnimationTimer() {
    @Override
    public void handle(long now) {
      feed();
    }
  };

  /**
   * Follows {@code source}; a pulse brings at most {@code budget} new nodes' worth of rows in sight, each costing
   * {@code rowNodes} (the first row alone: the table fills its height with empty lines in its pulse).
   */
  RowFeed(ObservableList<T> source, int budget, int rowNodes) {
    this.source = source;
    this.perPulse = Math.max(1, budget / rowNodes);
    source.addListener((ListChangeListener<T>) c -> follow());
  }

  /** Runs {@code then} after each addition, the rows added already in {@link #shown}. */
  void onFed(Runnable then) {
    this.fed = then;
  }

  /** Says whether the rows shown fill the table's height: the rows after them are out of sight and cost nothing. */
  void fullWhen(BooleanSupplier isFull) {
    this.full = isFull;
  }

  /** The list the table shows. */
  ObservableList<T> shown() {
    return shown;
  }

  /** Starts following, for {@code control}: what is in the source now is fed like an addition. */
  void start(Control control) {
    this.table = control;
    control.sceneProperty().addListener((o, a, scene) -> {
      if (scene != null && waiting()) {
        feeder.start();
      }
    });
    follow();
  }

  /** Whether rows of the source are still waiting to be shown. */
  boolean waiting() {
    return shown.size() < source.size();
  }

  private void follow() {
    int same = 0;
    while (same < shown.size() && same < source.size() && shown.get(same) == source.get(same)) {
      same++;
    }
    if (same < shown.size()) {
      shown.remove(same, shown.size());
    }
    if (waiting()) {
      feeder.start();
    }
  }

  private void feed() {
    if (table == null || table.getScene() == null) {
      feeder.stop(); // not in a scene yet: started again when the table joins one
      return;
    }
    if (table.getSkin() == null && table.getScene().getWindow() != null
        && table.getScene().getWindow().isShowing()) {
      return; // it joined the window in this pulse: its skin and skeleton are this pulse's
    }
    boolean inWindow = table.getScene().getWindow() != null && table.getScene().getWindow().isShowing();
    int rows = shown.isEmpty() ? 1 : full.getAsBoolean() ? source.size() : perPulse;
    int to = !inWindow ? source.size() : Math.min(source.size(), shown.size() + rows);
    if (to > shown.size()) {
      shown.addAll(source.subList(shown.size(), to));
      fed.run();
    }
    if (!waiting()) {
      feeder.stop();
    }
  }
}
