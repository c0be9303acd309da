package backstep.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What JavaFX's CSS says it could not apply while a test's scene is styled: a colour name of the theme that does
 * not resolve ("Could not resolve '-color-fg-muted'": the console's sheets without AtlantaFX's, which names them)
 * or a value of the wrong type. Open it before the scene is shown, close it after the test.
 */
public final class CssWarnings extends Handler implements AutoCloseable {
  /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its handlers. */
  private final Logger css = Logger.getLogger("javafx.css");
  private final List<String> said = new CopyOnWriteArrayList<>();

  public CssWarnings() {
    css.addHandler(this);
  }

  /** The warnings so far, each once. */
  public List<String> said() {
    return said.stream().distinct().toList();
  }

  @Override
  public void publish(LogRecord r) {
    if (r.getLevel().intValue() >= Level.WARNING.intValue() && r.getMessage() != null) {
      said.add(r.getMessage());
    }
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    css.removeHandler(this);
  }
}
