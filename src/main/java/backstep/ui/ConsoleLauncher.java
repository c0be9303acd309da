package backstep.ui;

import javafx.application.Application;

/**
 * Starts the console. A plain class, because an {@link Application} subclass cannot be a jar's Main-Class ("JavaFX
 * runtime components are missing"); {@code backstep.cli.Main} with no arguments calls this reflectively.
 */
public final class ConsoleLauncher {
  private ConsoleLauncher() {}

  public static void main(String[] args) {
    Application.launch(ConsoleApp.class, args);
  }
}
