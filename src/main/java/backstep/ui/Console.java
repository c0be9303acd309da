package backstep.ui;

import java.util.concurrent.CompletableFuture;
import javafx.stage.Stage;

/** A running console: its window, and how to close it (stops the tick, closes every target off the FX thread). */
public final class Console {
  private final Stage stage;
  private final Runnable stopUi;
  private final java.util.function.Supplier<CompletableFuture<Void>> closeTargets;
  private CompletableFuture<Void> closed;

  Console(Stage stage, Runnable stopUi, java.util.function.Supplier<CompletableFuture<Void>> closeTargets) {
    this.stage = stage;
    this.stopUi = stopUi;
    this.closeTargets = closeTargets;
  }

  public Stage stage() {
    return stage;
  }

  /** On the FX thread; the future completes (on another thread) when every database is closed. */
  public synchronized CompletableFuture<Void> close() {
    if (closed == null) {
      stopUi.run();
      closed = closeTargets.get();
    }
    return closed;
  }
}
