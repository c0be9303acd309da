package backstep.ui.fx;

import java.util.List;
import java.util.Objects;
import javafx.collections.ObservableList;

/**
 * Brings a table's rows to a new list in place, by adds and removes only. A {@code TableView} (and a
 * {@code ListView}) answers a replacement in its items ({@code setAll}, {@code set}) or the removal of every row by
 * throwing its rows away and building new ones, each with a skin, a cell a column, CSS and tooltips, on the FX
 * thread, even for a table on a hidden tab and a refresh that changed one row (docs/performance.md, "Session 12,
 * under load: the FX thread at a run's failure"). Adds and removes only move or refill the rows it has.
 */
public final class Rows {
  private Rows() {
  }

  /**
   * Makes {@code rows} equal to {@code next}: rows equal to the wanted one at their place stay, a wanted row found
   * further down closes the gap before it, any other is inserted; the rest is removed at the end. The table is
   * emptied (and its rows rebuilt) only when {@code next} is empty.
   */
  public static <T> void sync(ObservableList<T> rows, List<? extends T> next) {
    for (int i = 0; i < next.size(); i++) {
      T want = next.get(i);
      if (i < rows.size() && Objects.equals(rows.get(i), want)) {
        continue;
      }
      int at = indexOf(rows, want, i + 1);
      if (at > 0) {
        rows.remove(i, at); // never every row: the one found at 'at' stays
      } else {
        rows.add(i, want);
      }
    }
    if (rows.size() > next.size()) {
      rows.remove(next.size(), rows.size());
    }
  }

  private static int indexOf(List<?> rows, Object o, int from) {
    for (int j = from; j < rows.size(); j++) {
      if (Objects.equals(rows.get(j), o)) {
        return j;
      }
    }
    return -1;
  }
}
