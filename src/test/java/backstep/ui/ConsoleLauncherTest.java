package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The console's start does not print JavaFX's class-path warning, and hides nothing else JavaFX logs. */
class ConsoleLauncherTest {
  @Test
  void dropsOnlyTheUnnamedModuleWarning() {
    Logger logger = Logger.getAnonymousLogger();
    ConsoleLauncher.quietUnnamedModuleWarning(logger);
    assertFalse(logger.getFilter().isLoggable(new LogRecord(Level.WARNING,
        "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @69eee410'")));
    assertTrue(logger.getFilter().isLoggable(new LogRecord(Level.WARNING, "Could not resolve lookup")));
    assertTrue(logger.getFilter().isLoggable(new LogRecord(Level.SEVERE, "Unsupported JavaFX configuration")));
  }
}
