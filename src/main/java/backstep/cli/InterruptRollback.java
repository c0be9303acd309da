package backstep.cli;

import backstep.engine.RollbackRequest;
import java.io.PrintWriter;
import java.time.Clock;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl+C during {@code apply --rollback-on-interrupt}: the first one is the operator's decision to stop and roll
 * back, as the console's ROLL BACK during a run is. It is stamped when it arrives, the step's statement is cancelled
 * (even one waiting on a lock), no other step starts, and the engine rolls back what the run applied in the same
 * session and proves it; the ledger records who asked and when. A second Ctrl+C ends the process at once, as Ctrl+C
 * always did (the run is then left for {@code resume} or {@code rollback}). Closing puts the JVM's own handler back.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}, in the distribution's runtime): the JDK has no public
 * API for SIGINT short of a shutdown hook, which cannot let the run finish its rollback and print its result.
 */
final class InterruptRollback implements AutoCloseable {
  private static final Signal INT = new Signal("INT");
  private final SignalHandler previous;

  private InterruptRollback(SignalHandler previous) {
    this.previous = previous;
  }

  /** With {@code on} ({@code --rollback-on-interrupt}), the handler on the system clock; otherwise null. */
  static InterruptRollback when(boolean on, RollbackRequest request, String operator, PrintWriter err) {
    return on ? install(request, operator, Clock.systemUTC(), err) : null;
  }

  /** Installs the handler: a Ctrl+C asks {@code request} on behalf of {@code operator}. */
  static InterruptRollback install(RollbackRequest request, String operator, Clock clock, PrintWriter err) {
    SignalHandler[] before = new SignalHandler[1];
    before[0] = Signal.handle(INT, s -> {
      if (!request.record(operator, clock.instant())) {
        return;
      }
      if (before[0] != null) { // (null only for a signal within the instant of installing)
        Signal.handle(INT, before[0]); // a second Ctrl+C: the JVM's own handling, the process ends at once
      }
      err.println();
      err.println("Ctrl+C: " + operator + " asked to roll back: stopping the step and rolling back what the run "
          + "applied, then proving it (Ctrl+C again ends the process at once and leaves the run for `backstep "
          + "resume` or `backstep rollback`)");
      err.flush();
      Thread cancel = new Thread(request::cancelStatement, "backstep-interrupt");
      cancel.setDaemon(true);
      cancel.start();
    });
    return new InterruptRollback(before[0]);
  }

  @Override
  public void close() {
    Signal.handle(INT, previous);
  }
}
