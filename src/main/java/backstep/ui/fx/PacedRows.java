package backstep.ui.fx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.scene.Scene;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableRowSkin;

/**
 * A table's rows given their cells a few a pulse, and no cells for its empty lines. A table makes a row for every
 * line its height holds as soon as it has an item, each a row and a cell with its text a column (13 nodes for the
 * ledger's events), with an item or empty, all in the one pulse its items came in: selecting a run in the ledger
 * made 182 new nodes in one frame (docs/performance.md, "The console's FX thread", sessions 15–17). Here a row has
 * no cells (one node, as tall as the table's rows; the themes draw an empty line transparent) until it has an item
 * and the pulse's allowance lets it take them: while a table gets its first rows ({@link #A_PULSE} more items than
 * it has rows with cells), at most {@link #A_PULSE} rows take their cells a pulse, the lines from the top, until
 * every line shown has its cells. The table's items are whole throughout (tests, find, the scroll bar and the tab's
 * count read them); a table that has its rows shows a new list at once. FX thread only.
 */
final class PacedRows<T> {
  /** Rows given their cells a pulse, at most, while a table gets its first rows: the ledger's events, 39 nodes. */
  static final int A_PULSE = 3;
  private static final int ALL = Integer.MAX_VALUE;
  /** The scene's tables still giving their rows cells ({@link #pacing}). */
  private static final String PACING = "backstep.paced.rows";

  private final TableView<T> table;
  private final AnimationTimer pulses = new AnimationTimer() {
    @Override
    public void handle(long now) {
      step();
    }
  };
  /** Rows that may take their cells before the next pulse: all, unless a table is getting its first rows. */
  private int allowed = ALL;
  private int made;
  private long layouts;
  private long layoutsAtStep;
  private boolean stepping;
  /** The scene this table is counted in as pacing, while it is. */
  private Scene countedIn;
  private double rowHeight = 24;
  /** The rows without cells. */
  private final Set<Row> bare = new HashSet<>();
  private final Look<T> look;

  /** What a row draws of its item besides its cells (a pseudo-class, a tooltip), after the row's own update. */
  interface Look<T> {
    void update(TableRow<T> row, T item, boolean empty);
  }

  PacedRows(TableView<T> table, Look<T> look) {
    this.table = table;
    this.look = look;
    table.setRowFactory(t -> new Row());
    table.getItems().addListener((InvalidationListener) o -> itemsChanged());
    table.sceneProperty().addListener((o, was, scene) -> {
      if (was == null && scene != null) {
        joined();
      }
    });
  }

  /**
   * The table joined a window, its items with it: no row takes its cells in that pulse (the table's own skin, 55 nodes
   * for the integrity table's, is its first styling and layout), then a few a pulse. The integrity table joined the
   * run page with the first playbook's five checks in one pulse, 118 new nodes (docs/performance.md, session 18).
   */
  private void joined() {
    if (!table.getItems().isEmpty()) {
      allowed = 0;
      start();
    }
  }

  /** The table's flow laid its rows out. */
  void laidOut() {
    layouts++;
  }

  /** The table is shown again: rows still without cells take them, a few a pulse. */
  void shown() {
    if (allowed != ALL) {
      start();
    }
  }

  private void itemsChanged() {
    if (allowed == ALL && table.getItems().size() > made + A_PULSE) {
      // the rows the table has keep their cells (no new nodes), and a few more take theirs; on a hidden page none,
      // the measuring row's neither (the integrity table's took its 11 nodes there at the library's first pick)
      allowed = table.getScene() != null && !OnScreen.shown(table) ? 0 : A_PULSE;
      start();
    }
  }

  private void start() {
    layoutsAtStep = layouts;
    if (!stepping) {
      stepping = true;
      pulses.start();
    }
    if (countedIn == null && table.getScene() != null) {
      countedIn = table.getScene();
      tables(countedIn).add(this);
    }
  }

  private void halt() {
    stepping = false;
    pulses.stop();
    if (countedIn != null) {
      tables(countedIn).remove(this);
      countedIn = null;
    }
  }

  /**
   * Whether a table shown in {@code scene} still gives its rows their cells a few a pulse: whoever adds a page's
   * pieces waits for it ({@code ShellView}), as a piece in one of those pulses made two pulses' worth (the history's
   * rows and its report table, 111 new nodes: docs/performance.md, session 20).
   */
  static boolean pacing(Scene scene) {
    return tables(scene).stream().anyMatch(r -> r.table.getScene() == scene && OnScreen.shown(r.table));
  }

  @SuppressWarnings("unchecked")
  private static Set<PacedRows<?>> tables(Scene scene) {
    return (Set<PacedRows<?>>) scene.getProperties().computeIfAbsent(PACING, k -> new HashSet<PacedRows<?>>());
  }

  /** Each pulse, before its CSS and layout, once the rows were laid out: a few more rows take their cells. */
  private void step() {
    if (table.getScene() == null) { // out of the window (closed): no pulse asked for; rows take their cells as laid out
      allowed = ALL;
      halt();
      for (Row r : List.copyOf(bare)) {
        if (!r.isEmpty()) {
          r.draw();
        }
      }
      return;
    }
    if (!OnScreen.shown(table)) {
      halt(); // shown() starts again
      return;
    }
    if (layouts == layoutsAtStep) {
      return; // the rows not laid out since the last step (or the start)
    }
    layoutsAtStep = layouts;
    List<Row> waiting = new ArrayList<>();
    for (Row r : bare) {
      if (r.waiting()) {
        waiting.add(r);
      }
    }
    waiting.sort(Comparator.comparingInt(Row::getIndex));
    allowed = A_PULSE;
    for (Row r : waiting.subList(0, Math.min(A_PULSE, waiting.size()))) {
      r.draw();
    }
    if (waiting.size() <= A_PULSE) {
      allowed = ALL;
      halt();
    }
  }

  /** A row with cells once it has an item and the pulse's allowance; before that one node as tall as the rows. */
  private final class Row extends TableRow<T> {
    @Override
    protected Skin<?> createDefaultSkin() {
      if (isEmpty() || allowed == 0) {
        bare.add(this);
        return new Empty<>(this);
      }
      counted();
      return new TableRowSkin<>(this);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
      super.updateItem(item, empty);
      look.update(this, item, empty);
      if (!empty && allowed > 0 && getSkin() instanceof Empty) {
        draw();
      }
    }

    /** A line shown with an item, without its cells. */
    boolean waiting() {
      return !isEmpty() && getIndex() >= 0 && isVisible() && getParent() != null && getParent().isVisible()
          && getSkin() instanceof Empty;
    }

    /** Its cells made. */
    void draw() {
      counted();
      bare.remove(this);
      setSkin(new TableRowSkin<>(this));
    }

    private void counted() {
      made++;
      if (allowed != ALL) {
        allowed = Math.max(0, allowed - 1);
      }
    }

    @Override
    protected double computePrefHeight(double width) {
      if (getSkin() instanceof Empty) {
        return rowHeight;
      }
      double h = super.computePrefHeight(width);
      if (h > 0) {
        rowHeight = h;
      }
      return h;
    }
  }

  /** A line's row without cells. */
  private static final class Empty<T> extends SkinBase<TableRow<T>> {
    Empty(TableRow<T> row) {
      super(row);
    }
  }
}
