package backstep.ui.shell;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;

/**
 * A list cell's text that wraps to the list's width instead of ending in "…": the sidebar's playbooks and drills,
 * the drill's checklist, fault timeline and event timeline; and a short list as tall as its wrapped rows.
 */
public final class CellText {
  private CellText() {
  }

  /**
   * Wraps {@code label} at the width of the list {@code cell} is in, less {@code inset} (the row's icon, padding
   * and a vertical scroll bar): a list cell asks its label for its height at the width the label asks for, so the
   * label asks for the list's.
   */
  public static void wrap(Label label, ListCell<?> cell, double inset) {
    label.setWrapText(true);
    label.setMinWidth(0);
    label.setMinHeight(Region.USE_PREF_SIZE);
    cell.listViewProperty().addListener((o, a, list) -> fit(label, list, inset));
    fit(label, cell.getListView(), inset);
  }

  /**
   * Makes {@code list} (its cell factory set) as tall as its rows (their wrapped heights, as laid out), between
   * {@code min} and {@code max} px, also its minimum height: a short list of tall rows (the drill's faults) shows them
   * whole instead of scrolling after their first lines. Measured whenever a row's height changes; rows not yet laid
   * out (below the list's current height) count as {@code min} each until they are.
   */
  public static <T> void fitRows(ListView<T> list, double min, double max) {
    list.setMinHeight(min);
    list.setPrefHeight(min);
    boolean[] pending = {false};
    Runnable apply = () -> {
      pending[0] = false;
      double want = Math.max(min, Math.min(max, rowsHeight(list, min)));
      if (Math.abs(want - list.getPrefHeight()) > 1) {
        list.setPrefHeight(want);
        list.setMinHeight(want); // a column short of room scrolls rather than cutting a row
      }
    };
    // a row's height changes during a layout pass, when a new size asked for would be lost: applied after it
    javafx.beans.InvalidationListener refit = o -> {
      javafx.scene.Scene scene = list.getScene();
      if (scene != null && !pending[0]) {
        pending[0] = true;
        scene.addPostLayoutPulseListener(new Runnable() {
          @Override
          public void run() {
            scene.removePostLayoutPulseListener(this);
            apply.run();
          }
        });
      }
    };
    javafx.util.Callback<ListView<T>, ListCell<T>> cells = list.getCellFactory();
    list.setCellFactory(v -> { // each row's height as laid out: a row wraps to more lines once it has its width
      ListCell<T> c = cells == null ? new ListCell<>() : cells.call(v);
      c.heightProperty().addListener(refit);
      c.emptyProperty().addListener(refit);
      return c;
    });
    list.getItems().addListener(refit);
  }

  private static double rowsHeight(ListView<?> list, double unseen) {
    java.util.Map<Integer, Double> rows = new java.util.HashMap<>();
    for (javafx.scene.Node n : list.lookupAll(".list-cell")) {
      if (n instanceof ListCell<?> c && !c.isEmpty() && c.getIndex() >= 0 && c.getIndex() < list.getItems().size()
          && c.isVisible() && c.getParent() != null && c.getParent().isVisible()) {
        rows.put(c.getIndex(), c.getHeight());
      }
    }
    double sum = rows.values().stream().mapToDouble(Double::doubleValue).sum();
    return sum + (list.getItems().size() - rows.size()) * unseen + list.snappedTopInset()
        + list.snappedBottomInset() + 2;
  }

  private static void fit(Label label, ListView<?> list, double inset) {
    label.prefWidthProperty().unbind();
    label.maxWidthProperty().unbind();
    if (list != null) {
      label.prefWidthProperty().bind(list.widthProperty().subtract(inset));
      label.maxWidthProperty().bind(label.prefWidthProperty());
    }
  }
}
