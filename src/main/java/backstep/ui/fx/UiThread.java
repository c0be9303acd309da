package backstep.ui.fx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * The one bridge onto the JavaFX Application Thread. As an {@link Executor} it runs work there (use it as the
 * executor of {@code whenCompleteAsync} to bring a background result home); {@link #ask} lets a background thread
 * (the engine asking for a decision) wait for an answer produced on the FX thread without ever blocking it.
 */
public final class UiThread implements Executor {
  @Override
  public void execute(Runnable command) {
    Platform.runLater(command);
  }

  public static boolean isCurrent() {
    return Platform.isFxApplicationThread();
  }

  /** Fails fast when called off the FX thread: model and view code may only run there. */
  public static void check() {
    if (!Platform.isFxApplicationThread()) {
      throw new IllegalStateException("not on the JavaFX Application Thread: " + Thread.currentThread().getName());
    }
  }

  /**
   * From a background thread: starts {@code onFx} on the FX thread (typically: shows a dialog and returns a future
   * its buttons complete) and waits for its answer. Must never be called on the FX thread, which it would freeze.
   */
  public <T> T ask(Supplier<? extends CompletionStage<T>> onFx) throws InterruptedException {
    if (Platform.isFxApplicationThread()) {
      throw new IllegalStateException("ask() blocks its caller; it must not run on the JavaFX Application Thread");
    }
    CompletableFuture<T> answer = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        onFx.get().whenComplete((v, e) -> {
          if (e != null) {
            answer.completeExceptionally(e);
          } else {
            answer.complete(v);
          }
        });
      } catch (RuntimeException e) {
        answer.completeExceptionally(e);
      }
    });
    try {
      return answer.get();
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    }
  }

  /** Runs {@code callback} on the FX thread when {@code future} completes (value or failure, unwrapped). */
  public <T> void whenDone(CompletionStage<T> future, BiConsumer<? super T, ? super Throwable> callback) {
    future.whenCompleteAsync((v, e) -> callback.accept(v, unwrap(e)), this);
  }

  /** The cause behind CompletableFuture's wrappers. */
  public static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
