package backstep.ui;

import java.util.concurrent.CompletableFuture;
import javafx.stage.Stage;

/** A running console: its window, and how to close it (stops the tick, closes every target off the FX thread). */
public final class Console {
  private final Stage stage;
  private final Runnable stopUi;
  private final java.util.function.Supplier<CompletableFuture<Void>> closeTargets;
  private final CompletableFuture<Void> pages;
  private CompletableFuture<Void> closed;

  Console(Stage stage, CompletableFuture<Void> pages, Runnable stopUi,
      java.util.function.Supplier<CompletableFuture<Void>> closeTargets) {
    this.stage = stage;
    this.pages = pages;
    this.stopUi = stopUi;
    this.closeTargets = closeTargets;
  }

  public Stage stage() {
    return stage;
  }

  /**
   * Completes when every page of the window is in its scene: the first window shows one page, the others join
   * it in the pulses after (ShellView).
   */
  public CompletableFuture<Void> pagesReady() {
    return pages.copy();
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
