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
public final class Cuts {
  private Cuts() {
  }

  /** Every label, button or table header under {@code root} in sight whose text is drawn shortened. */
  public static List<String> elided(Node root) {
    List<String> out = new ArrayList<>();
    walk(root, n -> {
      if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()
          && drawn(l) != null && !drawn(l).getText().equals(shown(l))) {
        boolean tip = l.getTooltip() != null && l.getText().equals(l.getTooltip().getText());
        String kind = l instanceof javafx.scene.control.TableCell<?, ?> ? "table cell" : l.getClass().getSimpleName();
        out.add("'" + l.getText() + "' drawn as '" + drawn(l).getText() + "' (" + kind
            + (l.getId() == null ? "" : " #" + l.getId()) + (tip ? ", whole in its tooltip" : "") + ")");
      }
      // a label that draws its text in lines of its own (CellText: the sidebar's lists, the ledger's cells): the
      // lines inside the label, else they are cut by what holds it
      if (n instanceof Labeled l && l.getGraphic() instanceof Text t && t.getStyleClass().contains("cell-text")
          && !t.getText().isEmpty() && l.getWidth() > 0) {
        double room = l.getWidth() - l.snappedLeftInset() - l.snappedRightInset();
        double tall = l.getHeight() - l.snappedTopInset() - l.snappedBottomInset();
        Bounds b = t.getLayoutBounds();
        if (b.getWidth() > room + 1 || b.getHeight() > tall + 1) {
          out.add("'" + l.getText() + "' drawn in lines " + Math.round(b.getWidth()) + "x" + Math.round(b.getHeight())
              + " in a " + (l instanceof javafx.scene.control.TableCell<?, ?> ? "table cell" : "label") + " of "
              + Math.round(room) + "x" + Math.round(tall));
        }
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
   * Every label, text or axis under {@code root} in sight that reaches past the window's right edge, or past the
   * right edge of a pane that clips what it holds (a chart's plot area: a threshold's label ran out of the plot and
   * lost its end, unseen here while only the window's edge was checked); not a table's columns (a table wider than
   * its place scrolls sideways inside its own bounds), nor inside a scroll pane or list (their content scrolls).
   */
  public static List<String> pastTheRightEdge(Node root) {
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
        } else if (b.getWidth() > 0 && !scrolls(n)) {
          double right = clippedRight(n);
          if (b.getMinX() < right - 1 && b.getMaxX() > right + 1) {
            out.add(describe(n) + " ends at x=" + Math.round(b.getMaxX()) + ", past the right edge of the pane that"
                + " clips it at x=" + Math.round(right) + " (" + Math.round(b.getMaxX() - right) + " px hidden)");
          }
        }
      }
    });
    return out;
  }

  /** The nearest right edge (in the scene) of the clips of {@code n}'s parents; infinite if none clips it. */
  private static double clippedRight(Node n) {
    double right = Double.POSITIVE_INFINITY;
    for (Node p = n.getParent(); p != null; p = p.getParent()) {
      if (p.getClip() != null) {
        right = Math.min(right, p.localToScene(p.getClip().getBoundsInParent()).getMaxX());
      }
    }
    return right;
  }

  /**
   * Every label or text in sight whose lower part is hidden: past the bottom of a pane that clips its content (a
   * split pane's section shorter than what it holds: a blocked run's blocker detail showed two lines of four at
   * 1280×800) or of the window. Not inside a list, table or scroll pane: their rows scroll.
   */
  public static List<String> cutAtTheBottom(Node root) {
    double height = root.getScene().getHeight();
    List<String> out = new ArrayList<>();
    walk(root, n -> {
      if (!(n instanceof Labeled || n instanceof Text) || scrolls(n)) {
        return;
      }
      String said = n instanceof Labeled l ? l.getText() : ((Text) n).getText();
      if (said == null || said.isBlank()) {
        return; // nothing to read there (an empty label 3 px past the window's bottom under the playbook)
      }
      Node text = n instanceof Labeled l && drawn(l) != null ? drawn(l) : n;
      Bounds b = text.localToScene(text.getLayoutBounds());
      if (b.getHeight() <= 0) {
        return;
      }
      double bottom = height;
      for (Node p = n.getParent(); p != null; p = p.getParent()) {
        if (p.getClip() != null) {
          bottom = Math.min(bottom, p.localToScene(p.getClip().getBoundsInParent()).getMaxY());
        }
      }
      if (b.getMinY() < bottom - 1 && b.getMaxY() > bottom + 2) {
        out.add(describe(n) + " ends at y=" + Math.round(b.getMaxY()) + ", under the bottom of its pane at y="
            + Math.round(bottom) + " (" + Math.round(b.getMaxY() - bottom) + " px hidden)");
      }
    });
    return out;
  }

  /** What every check finds under {@code root}: shortened, past a right edge, under a bottom, under a scroll bar. */
  public static List<String> all(Node root) {
    List<String> out = new ArrayList<>(elided(root));
    out.addAll(pastTheRightEdge(root));
    out.addAll(cutAtTheBottom(root));
    out.addAll(underAScrollBar(root));
    out.addAll(rowsTallerThanTheirView(root));
    return out;
  }

  /**
   * Every row in sight under {@code root} taller than its table's or list's viewport: it cannot be read whole,
   * scrolled or not. The blocked-run tour at 1280×800 showed the integrity table's one row, three lines, in a
   * viewport of two and a half, listed by no other check (the viewport clips a row's text, not the row). A scrolled
   * list's rows cut at its edges, each of them shorter than the viewport, are not listed (on the drill page a list
   * scrolled to its end showed only parts of two rows of 60 px in a viewport of 98).
   */
  public static List<String> rowsTallerThanTheirView(Node root) {
    List<String> out = new ArrayList<>();
    for (Node flow : root.lookupAll(".virtual-flow")) {
      Bounds view = null;
      for (Node k : ((Parent) flow).getChildrenUnmodifiable()) {
        if (k.getStyleClass().contains("clipped-container")) {
          view = k.localToScene(k.getLayoutBounds());
        }
      }
      if (view == null || view.getHeight() <= 0 || !inSight(flow)) {
        continue;
      }
      for (Node n : flow.lookupAll(".indexed-cell")) {
        if (n instanceof javafx.scene.control.IndexedCell<?> c && !c.isEmpty() && c.getIndex() >= 0 && inSight(c)
            && !(c instanceof javafx.scene.control.TableCell<?, ?>)) {
          Bounds b = c.localToScene(c.getLayoutBounds());
          if (b.getMaxY() > view.getMinY() + 0.5 && b.getMinY() < view.getMaxY() - 0.5
              && b.getHeight() > view.getHeight() + 0.5) {
            out.add("row " + c.getIndex() + " (" + rowText(c) + ") " + Math.round(b.getHeight())
                + " px tall in a viewport " + Math.round(view.getHeight()) + " px tall: never whole in sight");
          }
        }
      }
    }
    return out;
  }

  /** A row's first text: a list cell's, or its first table cell's. */
  private static String rowText(javafx.scene.control.IndexedCell<?> row) {
    if (row.getText() != null && !row.getText().isBlank()) {
      return "'" + row.getText() + "'";
    }
    for (Node k : row.getChildrenUnmodifiable()) {
      if (k instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
        return "'" + l.getText() + "'";
      }
    }
    return "no text";
  }

  /** Appends to {@code file} "NAME: nothing cut", or how many and each cut on its own line (the tours' lists). */
  public static void write(java.nio.file.Path file, String name, List<String> found) throws java.io.IOException {
    StringBuilder out = new StringBuilder(name + ": " + (found.isEmpty() ? "nothing cut" : found.size() + " cut"));
    found.forEach(f -> out.append("\n  ").append(f));
    java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    java.nio.file.Files.writeString(file, out.append('\n'), java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /**
   * Every table cell in sight under {@code root} that ends past its table's viewport, on a table that does not
   * scroll sideways (no horizontal bar: the rest cannot be reached): the columns were fitted to the table's width
   * without the vertical bar that grown rows brought, and the bar's room clipped the Status column's end ("◉ baselin"
   * in the integrity table at 1280×800, session 16), which {@link #elided} does not see (the text is whole, clipped).
   * A cell wholly past the viewport counts too: the drill's attempts' "lost" column was never listed (session 18).
   */
  public static List<String> underAScrollBar(Node root) {
    List<String> out = new ArrayList<>();
    for (Node flow : root.lookupAll(".virtual-flow")) {
      boolean sideways = false;
      Bounds view = null;
      for (Node k : ((Parent) flow).getChildrenUnmodifiable()) {
        if (k instanceof javafx.scene.control.ScrollBar s && s.isVisible()
            && s.getOrientation() == javafx.geometry.Orientation.HORIZONTAL) {
          sideways = true;
        }
        if (k.getStyleClass().contains("clipped-container")) {
          view = k.localToScene(k.getLayoutBounds());
        }
      }
      if (sideways || view == null || !inSight(flow)) {
        continue;
      }
      double right = view.getMaxX();
      walk(flow, n -> {
        if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getText() != null && !c.getText().isBlank()) {
          Bounds b = c.localToScene(c.getLayoutBounds());
          if (b.getMaxX() > right + 0.5 && b.getMinX() < right) {
            out.add("cell '" + c.getText().replace('\n', ' ') + "' ends at x=" + Math.round(b.getMaxX())
                + ", past its table's rows at x=" + Math.round(right) + " (a scroll bar's room)");
          } else if (b.getWidth() > 0 && b.getMinX() >= right) { // a column wholly past the rows: never read
            out.add("cell '" + c.getText().replace('\n', ' ') + "' starts at x=" + Math.round(b.getMinX())
                + ", past its table's rows at x=" + Math.round(right) + " (out of sight)");
          }
        }
      });
    }
    return out;
  }

  /** Whether {@code n} and every parent of it are visible (a page on a tab not selected is not). */
  private static boolean inSight(Node n) {
    for (Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  private static boolean scrolls(Node n) {
    for (Node p = n.getParent(); p != null; p = p.getParent()) {
      if (p instanceof javafx.scene.control.ScrollPane || p instanceof javafx.scene.control.skin.VirtualFlow<?>) {
        return true;
      }
    }
    return false;
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
