package backstep.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.Scene;

/**
 * AtlantaFX Primer light or dark, plus the console's own sheets (which only use the theme's colour names), at a
 * zoom: the root font size (which the theme's own sizes are in {@code em} of) and every {@code px} length of the
 * console's sheets are multiplied by the zoom, so a projector in trainer mode gets large type that still reflows.
 */
public final class Theme {
  /** The console's sheets, in the order they are added to the scene. */
  public static final List<String> SHEETS = List.of("/backstep/ui/console.css", "/backstep/ui/drill.css",
      "/backstep/ui/history.css", "/backstep/ui/details.css");
  /** The root font size at zoom 1, in px. */
  public static final double BASE_FONT = 14;
  static final double MIN_ZOOM = 0.8;
  static final double MAX_ZOOM = 2.0;
  private static final double ZOOM_STEP = 0.1;
  private static final Pattern PX = Pattern.compile("(\\d+(?:\\.\\d+)?)px");

  private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1.0);
  private final List<String> sources = new ArrayList<>();
  private Scene scene;
  private List<String> installed = List.of();

  public Theme() {
    for (String sheet : SHEETS) {
      try (InputStream in = Theme.class.getResourceAsStream(sheet)) {
        sources.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Adds the console's sheets to {@code scene} at the current zoom and sets the theme. */
  public void install(Scene scene) {
    this.scene = scene;
    applySheets();
    apply();
  }

  public ReadOnlyBooleanProperty darkProperty() {
    return dark.getReadOnlyProperty();
  }

  public void toggle() {
    setDark(!dark.get());
  }

  public void setDark(boolean on) {
    dark.set(on);
    apply();
  }

  /** 1.0 is the normal size. */
  public ReadOnlyDoubleProperty zoomProperty() {
    return zoom.getReadOnlyProperty();
  }

  /** Ctrl + (up to 200 %). */
  public void zoomIn() {
    setZoom(zoom.get() + ZOOM_STEP);
  }

  /** Ctrl − (down to 80 %). */
  public void zoomOut() {
    setZoom(zoom.get() - ZOOM_STEP);
  }

  /** Any value, clamped to 80–200 % and rounded to the step. */
  public void setZoom(double z) {
    double clamped = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, Math.round(z / ZOOM_STEP) * ZOOM_STEP));
    if (Math.abs(clamped - zoom.get()) > 1e-9) {
      zoom.set(clamped);
      applySheets();
    }
  }

  /** {@code css} with every {@code px} length multiplied by {@code zoom} (two decimals, Locale.ROOT). */
  static String scaled(String css, double zoom) {
    Matcher m = PX.matcher(css);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, String.format(Locale.ROOT, "%.2fpx", Double.parseDouble(m.group(1)) * zoom));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void applySheets() {
    if (scene == null) {
      return;
    }
    double z = zoom.get();
    List<String> next = new ArrayList<>();
    for (int i = 0; i < SHEETS.size(); i++) {
      next.add(Math.abs(z - 1.0) < 1e-9 ? Theme.class.getResource(SHEETS.get(i)).toExternalForm()
          : "data:text/css;base64," + Base64.getEncoder().encodeToString(scaled(sources.get(i), z)
          .getBytes(StandardCharsets.UTF_8)));
    }
    scene.getStylesheets().removeAll(installed);
    scene.getStylesheets().addAll(next);
    installed = next;
    scene.getRoot().setStyle(String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", BASE_FONT * z));
  }

  private void apply() {
    Application.setUserAgentStylesheet(dark.get() ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }
}
