package backstep.ui;

import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/**
 * Starts the console. A plain class, because an {@link Application} subclass cannot be a jar's Main-Class ("JavaFX
 * runtime components are missing"); {@code backstep.cli.Main} with no arguments calls this reflectively.
 */
public final class ConsoleLauncher {
  /**
   * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" when it runs from the
   * class path, which a single shaded jar must. It works (and is how the tests run); the warning only alarms people.
   * Held in a field: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
   */
  private static final Logger FX_STARTUP = Logger.getLogger("com.sun.javafx.application.PlatformImpl");

  private ConsoleLauncher() {}

  public static void main(String[] args) {
    FX_STARTUP.setLevel(Level.SEVERE);
    Application.launch(ConsoleApp.class, args);
  }
}
