package backstep.engine;

import java.time.Duration;

/** Waiting, injectable so backoff is testable without sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps for real; a wait that a person's rollback request may end is ended by it at once. */
  Sleeper REAL = new Sleeper() {
    @Override
    public void sleep(Duration d) throws InterruptedException {
      Thread.sleep(d.toMillis());
    }

    @Override
    public void sleep(Duration d, RollbackRequest wake) throws InterruptedException {
      wake.await(d);
    }
  };

  void sleep(Duration d) throws InterruptedException;

  /**
   * Waits {@code d}, or less if {@code wake} is asked first (the real sleeper; a test's sleeper need not wait at
   * all, so it sleeps as {@link #sleep(Duration)}).
   */
  default void sleep(Duration d, RollbackRequest wake) throws InterruptedException {
    sleep(d);
  }
}
