package backstep.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * What the window cuts off, as a reader sees it: a label drawn with "…" instead of its text, or a label or chart
 * axis reaching past the window's right edge. Read on the FX thread ({@link ConsoleDriver#fx}).
 */
final class Cuts {
  private Cuts() {
  }

  /** Every label, button or table header under {@code root} in sight whose text is drawn shortened. */
  static List<String> elided(Node root) {
    List<String> out = new ArrayList<>();
    walk(root, n -> {
      if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()
          && drawn(l) != null && !drawn(l).getText().equals(shown(l))) {
        boolean tip = l.getTooltip() != null && l.getText().equals(l.getTooltip().getText());
        String kind = l instanceof javafx.scene.control.TableCell<?, ?> ? "table cell" : l.getClass().getSimpleName();
        out.add("'" + l.getText() + "' drawn as '" + drawn(l).getText() + "' (" + kind
            + (l.getId() == null ? "" : " #" + l.getId()) + (tip ? ", whole in its tooltip" : "") + ")");
      }
    });
    return out;
  }

  /** The label's own text node (not one in its graphic: a button's key chip "F8"), or null if none is drawn. */
  private static Text drawn(Labeled l) {
    for (Node k : l.getChildrenUnmodifiable()) {
      if (k instanceof Text t && t.getStyleClass().contains("text")) {
        return t;
      }
    }
    return null;
  }

  /** The text a label draws in full: a menu's "_File" is drawn "File" (its mnemonic underlined). */
  private static String shown(Labeled l) {
    return l.isMnemonicParsing() ? l.getText().replaceFirst("_(.)", "$1") : l.getText();
  }

  /**
   * Every label, text or axis under {@code root} in sight that reaches past the window's right edge; not a table's
   * columns (a table wider than its place scrolls sideways inside its own bounds).
   */
  static List<String> pastTheRightEdge(Node root) {
    double width = root.getScene().getWidth();
    List<String> out = new ArrayList<>();
    walk(root, n -> {
      if (insideATable(n)) {
        return;
      }
      if (n instanceof Labeled || n instanceof Text || n instanceof javafx.scene.chart.Axis) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        if (b.getWidth() > 0 && b.getMaxX() > width + 1) {
          out.add(describe(n) + " ends at x=" + Math.round(b.getMaxX()) + " in a window " + Math.round(width)
              + " wide");
        }
      }
    });
    return out;
  }

  private static boolean insideATable(Node n) {
    for (Node p = n.getParent(); p != null; p = p.getParent()) {
      if (p instanceof javafx.scene.control.TableView<?>) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Node n) {
    if (n instanceof Labeled l) {
      return "'" + l.getText() + "'";
    }
    if (n instanceof Text t) {
      return "text '" + t.getText() + "'";
    }
    return n.getClass().getSimpleName() + (n.getId() == null ? "" : " #" + n.getId());
  }

  /** Visits every node in sight under {@code root}: visible, with some size, not scrolled out of its table. */
  private static void walk(Node n, java.util.function.Consumer<Node> visit) {
    if (!n.isVisible() || n.getOpacity() == 0) {
      return;
    }
    if (n instanceof javafx.scene.control.IndexedCell<?> c && (c.isEmpty() || c.getIndex() < 0)) {
      return;
    }
    visit.accept(n);
    // a table row is a Labeled whose children are its cells (they were never read: "83 …" in the ledger went unseen)
    if (n instanceof Parent p && (!(n instanceof Labeled) || n instanceof javafx.scene.control.TableRow<?>)) {
      for (Node k : p.getChildrenUnmodifiable()) {
        walk(k, visit);
      }
    } else if (n instanceof Labeled l && l.getGraphic() != null) {
      walk(l.getGraphic(), visit);
    }
  }
}
