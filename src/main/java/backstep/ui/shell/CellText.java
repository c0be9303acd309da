package backstep.ui.shell;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;

/**
 * A list cell's text that wraps to the list's width instead of ending in "…": the sidebar's playbooks and drills,
 * the drill's checklist, fault timeline and event timeline.
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

  private static void fit(Label label, ListView<?> list, double inset) {
    label.prefWidthProperty().unbind();
    label.maxWidthProperty().unbind();
    if (list != null) {
      label.prefWidthProperty().bind(list.widthProperty().subtract(inset));
      label.maxWidthProperty().bind(label.prefWidthProperty());
    }
  }
}
