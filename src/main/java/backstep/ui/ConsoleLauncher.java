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
   * JavaFX logs it on its logger "javafx" (not on the logging class's name, which the record only shows as its
   * source), so a filter there drops that one message; the logger's other messages and those of its children
   * ("javafx.css" …) still go through. Held in a field: java.util.logging keeps loggers weakly, and a collected
   * logger forgets its filter.
   */
  private static final Logger FX = Logger.getLogger("javafx");

  private ConsoleLauncher() {}

  public static void main(String[] args) {
    quietUnnamedModuleWarning(FX);
    Application.launch(ConsoleApp.class, args);
  }

  /** Drops JavaFX's "Unsupported JavaFX configuration" warning on {@code logger}, keeps everything else. */
  static void quietUnnamedModuleWarning(Logger logger) {
    logger.setFilter(r -> r.getLevel().intValue() > Level.WARNING.intValue() || r.getMessage() == null
        || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
  }
}
