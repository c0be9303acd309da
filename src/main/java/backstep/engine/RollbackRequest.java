package backstep.engine;

import java.time.Instant;

/**
 * A person's request, made while a forward run is under way, to stop it now and roll it back: the console's ROLL BACK
 * while a step runs or waits on a lock. {@link #request} cancels the statement under way on the target (it fails
 * its step, whose transaction is rolled back), the engine starts no other step and, in the same session with the
 * run lock held, rolls back what the run applied and proves it, as a guard's rollback does. The ledger records who
 * asked, when, and during which step.
 *
 * <p>Thread-safe: asked from the console, read on the engine's thread.
 */
public final class RollbackRequest {
  private volatile Asked asked;
  private volatile Runnable canceller;

  /** Who asked, when (stamped where the person acted) and during what. */
  record Asked(String by, Instant at) {
    String describe() {
      return (by == null || by.isBlank() ? "the operator" : by) + " asked to roll back at " + at;
    }
  }

  /**
   * Asks the run to stop and roll back: {@link #record}, then {@link #cancelStatement}. Cancelling the statement is
   * a round trip to the database (PostgreSQL's cancel request, MySQL/MariaDB's {@code KILL QUERY}): call this off
   * the FX thread. Only the first request counts.
   *
   * @param by the person asking
   * @param at when they asked (the console stamps the click)
   */
  public void request(String by, Instant at) {
    if (record(by, at)) {
      cancelStatement();
    }
  }

  /**
   * Records the request without touching the database (cheap enough for the FX thread, where the person acted):
   * from now on no step starts and a retry's backoff ends. Only the first request counts.
   *
   * @return whether this was the first request
   */
  public synchronized boolean record(String by, Instant at) {
    if (asked != null) {
      return false;
    }
    asked = new Asked(by, at);
    notifyAll(); // a retry's backoff waiting in await ends now
    return true;
  }

  /** Cancels the run's statement under way, if a request was recorded and a statement runs; off the FX thread. */
  public void cancelStatement() {
    Runnable c = canceller;
    if (c != null && asked != null) {
      c.run();
    }
  }

  /** Whether a person asked. */
  public boolean requested() {
    return asked != null;
  }

  /**
   * Waits up to {@code d}, or until a person asks (a lock retry's backoff: a request ends the wait at once).
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  synchronized void await(java.time.Duration d) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    for (long left = d.toNanos(); asked == null && left > 0; left = end - System.nanoTime()) {
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The request, or null. */
  Asked asked() {
    return asked;
  }

  /** What cancels the run's statement under way; run at once if the request came before the run was ready. */
  void cancelWith(Runnable cancel) {
    canceller = cancel;
    if (asked != null) {
      cancel.run();
    }
  }
}
