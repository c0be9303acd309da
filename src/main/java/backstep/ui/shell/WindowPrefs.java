package backstep.ui.shell;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import javafx.beans.property.StringProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * What the console remembers between starts, in a {@link Preferences} node (the user's
 * {@code /backstep/ui} node; tests give a node of their own): the window's size and position, every split's
 * divider positions and every table's column widths (by the node's id), the theme, the zoom, the last playbook and
 * the operator's name. Values are written as they change; the backing store is flushed on {@link #close()}.
 */
public final class WindowPrefs {
  private final Preferences node;
  private boolean closed;

  public WindowPrefs(Preferences node) {
    this.node = node;
  }

  /** The node of the user's own preferences the console uses outside tests. */
  public static Preferences userNode() {
    return Preferences.userRoot().node("backstep/ui");
  }

  /**
   * Puts the window where and as large as it was (when that is still on a screen; else {@code defaultWidth} ×
   * {@code defaultHeight}, as large as the screen allows), and remembers it as it moves and resizes.
   */
  public void window(Stage stage, double defaultWidth, double defaultHeight) {
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    double w = node.getDouble("window.width", Math.min(defaultWidth, screen.getWidth()));
    double h = node.getDouble("window.height", Math.min(defaultHeight, screen.getHeight()));
    stage.setWidth(w);
    stage.setHeight(h);
    double x = node.getDouble("window.x", Double.NaN);
    double y = node.getDouble("window.y", Double.NaN);
    if (!Double.isNaN(x) && !Screen.getScreensForRectangle(x, y, Math.min(w, 100), Math.min(h, 100)).isEmpty()) {
      stage.setX(x);
      stage.setY(y);
    }
    stage.setMaximized(node.getBoolean("window.maximized", false));
    stage.widthProperty().addListener((o, a, b) -> putIfNormal(stage, "window.width", b.doubleValue()));
    stage.heightProperty().addListener((o, a, b) -> putIfNormal(stage, "window.height", b.doubleValue()));
    stage.xProperty().addListener((o, a, b) -> putIfNormal(stage, "window.x", b.doubleValue()));
    stage.yProperty().addListener((o, a, b) -> putIfNormal(stage, "window.y", b.doubleValue()));
    stage.maximizedProperty().addListener((o, a, b) -> write(() -> node.putBoolean("window.maximized", b)));
  }

  private void putIfNormal(Stage stage, String key, double value) {
    if (!stage.isMaximized() && !stage.isIconified()) {
      write(() -> node.putDouble(key, value));
    }
  }

  /**
   * Every split pane and table under {@code root} that has an id: its dividers or column widths as they were
   * left, then remembered as they move. Called with each page as it joins the shown window (ShellView.attachRest).
   */
  public void layout(Parent root) {
    if (closed) {
      return; // the console closed while its pages were still joining (its node may be gone, as in tests)
    }
    for (Node n : root.lookupAll(".split-pane")) {
      if (n instanceof SplitPane s && s.getId() != null) {
        split(s);
      }
    }
    for (Node n : root.lookupAll(".table-view")) {
      if (n instanceof TableView<?> t && t.getId() != null) {
        columns(t);
      }
    }
  }

  /** Restores and follows one split pane's divider positions, under {@code split.<id>}. */
  public void split(SplitPane split) {
    if (backstep.ui.fx.Dividers.fitted(split)) {
      return; // its dividers follow its content (the checklist's steps), not a remembered position
    }
    String key = "split." + split.getId();
    String saved = node.get(key, null);
    if (saved != null) {
      double[] pos = Arrays.stream(saved.split(",")).mapToDouble(Double::parseDouble).toArray();
      if (pos.length == split.getDividers().size()) {
        backstep.ui.fx.Dividers.hold(split, pos);
      }
    }
    for (SplitPane.Divider d : split.getDividers()) {
      d.positionProperty().addListener((o, a, b) -> write(() -> node.put(key, split.getDividers().stream()
          .map(x -> String.format(Locale.ROOT, "%.4f", x.getPosition())).collect(Collectors.joining(",")))));
    }
  }

  /** Restores and follows a table's column widths, under {@code columns.<id>}. */
  public void columns(TableView<?> table) {
    String key = "columns." + table.getId();
    String saved = node.get(key, null);
    var cols = table.getColumns();
    if (saved != null) {
      String[] w = saved.split(",");
      if (w.length == cols.size()) {
        for (int i = 0; i < w.length; i++) {
          TableColumn<?, ?> c = cols.get(i);
          double width = Double.parseDouble(w[i]);
          if (c.isResizable() && width >= c.getMinWidth() && width <= c.getMaxWidth()) {
            c.setPrefWidth(width);
          }
        }
      }
    }
    for (TableColumn<?, ?> c : cols) {
      c.widthProperty().addListener((o, a, b) -> write(() -> node.put(key, cols.stream()
          .map(x -> String.format(Locale.ROOT, "%.1f", x.getWidth())).collect(Collectors.joining(",")))));
    }
  }

  /** The dark theme and the zoom as they were left, then remembered. */
  public void theme(Theme theme) {
    theme.setDark(node.getBoolean("theme.dark", false));
    theme.setZoom(node.getDouble("theme.zoom", 1.0));
    theme.darkProperty().addListener((o, a, b) -> write(() -> node.putBoolean("theme.dark", b)));
    theme.zoomProperty().addListener((o, a, b) -> write(() -> node.putDouble("theme.zoom", b.doubleValue())));
  }

  /** A text remembered under {@code key}: restored if one was saved (else left as it is), then followed. */
  public void text(String key, StringProperty text) {
    String saved = node.get(key, null);
    if (saved != null && !saved.isBlank()) {
      text.set(saved);
    }
    text.addListener((o, a, b) -> {
      if (b != null && !b.isBlank()) {
        write(() -> node.put(key, b));
      }
    });
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(node.get(key, null));
  }

  public void put(String key, String value) {
    write(() -> node.put(key, value));
  }

  /**
   * Writes the node to its backing store and stops following the window (the stage may outlive this console, as
   * in tests); a store that cannot be written is not worth an error.
   */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      node.flush();
    } catch (BackingStoreException | IllegalStateException e) {
      // the layout is a comfort: a read-only home or a removed node loses it, nothing else
    }
  }

  private void write(Runnable put) {
    if (!closed) {
      put.run();
    }
  }
}
