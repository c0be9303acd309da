package backstep.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Scene;

/** AtlantaFX Primer light or dark, plus the console's own sheet (which only uses the theme's colour names). */
public final class Theme {
  private static final String CONSOLE_CSS = "/backstep/ui/console.css";
  private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(false);

  public void install(Scene scene) {
    scene.getStylesheets().add(Theme.class.getResource(CONSOLE_CSS).toExternalForm());
    apply();
  }

  public ReadOnlyBooleanProperty darkProperty() {
    return dark.getReadOnlyProperty();
  }

  public void toggle() {
    dark.set(!dark.get());
    apply();
  }

  private void apply() {
    Application.setUserAgentStylesheet(dark.get() ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }
}
